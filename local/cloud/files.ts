/**
 * Cloud storage, locally: the files `cloud.uploadFile` writes, in the local cloud's SQLite file.
 *
 * As CloudBase documents it (server.uploadFile: 如果上传至同一路径则是覆盖), one cloud path is
 * one file and uploading to it again overwrites it under the same fileID. A fileID names the
 * environment, the bucket and the path (`cloud://<env>.<bucket>/<path>`); `getTempFileURL`
 * answers each with a download URL, here one on the local server's own origin (GET /api/files/…),
 * and a fileID that names no file with STORAGE_FILE_NONEXIST, per file, as the real one does.
 */
import type Database from 'better-sqlite3'

export const LOCAL_BUCKET = 'chuzhi-local'
/** what CloudBase's getTempFileURL reports when asked for no particular maxAge (1 day) */
export const DEFAULT_MAX_AGE = 86_400
/** the local server's path prefix that serves stored files */
export const FILES_PATH = '/api/files/'

export interface StoredFile {
  path: string
  content: Buffer
  updatedAt: number
}

/** CloudBase's 文件名命名限制, in short: a relative path of visible characters, no empty segment. */
export function checkCloudPath(cloudPath: unknown): string | null {
  if (typeof cloudPath !== 'string' || cloudPath.length === 0 || cloudPath.length > 850) return 'cloudPath must be a non-empty string of at most 850 characters'
  if (cloudPath.startsWith('/') || cloudPath.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) return `invalid cloudPath: ${cloudPath}`
  if (/[\u0000-\u001f\u007f\\]/.test(cloudPath)) return `invalid cloudPath: ${cloudPath}`
  return null
}

export class LocalFiles {
  private readonly put: Database.Statement
  private readonly get: Database.Statement

  constructor(
    db: Database.Database,
    private readonly env: string,
    private readonly now: () => number
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS _files (path TEXT PRIMARY KEY, content BLOB NOT NULL, updated_at INTEGER NOT NULL)')
    this.put = db.prepare(
      'INSERT INTO _files (path, content, updated_at) VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at'
    )
    this.get = db.prepare('SELECT path, content, updated_at AS updatedAt FROM _files WHERE path = ?')
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.env}.${LOCAL_BUCKET}/${cloudPath}`
  }

  /** The cloud path a fileID of this environment names, or null. */
  pathOf(fileID: unknown): string | null {
    const prefix = `cloud://${this.env}.${LOCAL_BUCKET}/`
    return typeof fileID === 'string' && fileID.startsWith(prefix) ? fileID.slice(prefix.length) : null
  }

  /** Writes (or overwrites) the file; returns its fileID. */
  upload(cloudPath: string, content: Buffer): string {
    this.put.run(cloudPath, content, this.now())
    return this.fileId(cloudPath)
  }

  read(cloudPath: string): StoredFile | null {
    return (this.get.get(cloudPath) as StoredFile | undefined) ?? null
  }
}

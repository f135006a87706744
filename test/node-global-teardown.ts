import fs from 'fs'
import path from 'path'
import { TEST_KEYS_ENV } from './test-keys'

/** Removes the run's test keys (test/node-global-setup.ts). */
export default function globalTeardown(): void {
  const file = process.env[TEST_KEYS_ENV]
  if (!file) return
  fs.rmSync(path.dirname(file), { recursive: true, force: true })
  delete process.env[TEST_KEYS_ENV]
}

import type { OpsResults, StoreCode } from '../contracts/ops'
import { database, wx } from './cloud'
import { now } from './clock'
import { COLLECTIONS as C } from './db/indexes'
import { AppError } from './errors'
import { worksAt, type StaffDoc } from './staff'

/**
 * 门店收款码: a mini-program code per store that opens checkout at that store (扫码买单).
 *
 * Made by cloud call (云调用) `wxacode.getUnlimited` — unlimited codes, permanent, the store id as
 * the scene (at most 32 characters: contracts/ops.ts storeScene) — and kept in cloud storage
 * under a stable path, so reprinting a code never calls WeChat again (it limits the API to 5,000
 * calls a minute). The store document remembers the fileID and what the code was made for; a
 * different page or mini-program version makes a new one over the same path.
 * developers.weixin.qq.com/miniprogram/dev/server/API/qrcode-link/qr-code/api_getunlimitedqrcode
 */
export const STORE_CODE_PAGE = 'packages/checkout/pages/index/index'

export type EnvVersion = 'release' | 'trial' | 'develop'

/** Which mini-program version the code opens: cloudbaserc.json sets WXACODE_ENV_VERSION for `ops` (default release). */
export function envVersion(): EnvVersion {
  const v = process.env.WXACODE_ENV_VERSION
  return v === 'trial' || v === 'develop' ? v : 'release'
}

export const storeCodePath = (storeId: string) => `codes/store-${storeId}.png`

/** What the store document keeps of its code. */
interface CodeRecord {
  fileID: string
  page: string
  scene: string
  envVersion: EnvVersion
  createdAt: Date
}

interface StoreRow {
  _id: string
  name: string
  code?: CodeRecord
}

function requireOwnStore(staff: StaffDoc, storeId: string): void {
  if (!worksAt(staff, storeId)) throw new AppError('FORBIDDEN', '这家门店不是您负责的门店，请联系该门店或总部')
}

/** ops.stores: the stores a staff member works at (HQ: every store), by name. */
export async function staffStores(staff: StaffDoc): Promise<OpsResults['stores']> {
  const { data } = await database().collection(C.stores).limit(100).get()
  const stores = (data as StoreRow[]).filter((s) => worksAt(staff, s._id)).map((s) => ({ id: s._id, name: s.name }))
  return { stores: stores.sort((a, b) => a.id.localeCompare(b.id)) }
}

async function makeCode(scene: string, version: EnvVersion): Promise<Buffer> {
  const api = (wx().openapi as any)({ convertCase: false })
  let res: { buffer?: Uint8Array }
  try {
    res = await api.wxacode.getUnlimited({ scene, page: STORE_CODE_PAGE, check_path: false, env_version: version, width: 430 })
  } catch (err) {
    const code = (err as { errCode?: unknown })?.errCode
    console.error('[store-code] wxacode.getUnlimited failed', code, (err as Error)?.message ?? err)
    throw new AppError('INTERNAL', `微信暂时无法生成门店码${typeof code === 'number' ? `（错误码${code}）` : ''}，请稍后重试`)
  }
  if (!res?.buffer?.length) throw new AppError('INTERNAL', '微信暂时无法生成门店码，请稍后重试')
  return Buffer.from(res.buffer)
}

async function tempUrl(fileID: string): Promise<string | null> {
  const { fileList } = (await wx().getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ status: number; tempFileURL: string }> }
  return fileList[0]?.status === 0 && fileList[0].tempFileURL ? fileList[0].tempFileURL : null
}

/**
 * ops.storeCode: staff of the store (HQ: any store). Reuses the stored image when it was made for
 * this page and version and is still in storage; otherwise makes it, stores it, and remembers it.
 */
export async function storeCode(staff: StaffDoc, storeId: string): Promise<StoreCode> {
  requireOwnStore(staff, storeId)
  const ref = database().collection(C.stores).doc(storeId)
  const store = (await ref.get()).data as StoreRow | null
  if (!store) throw new AppError('STORE_NOT_FOUND', '没有找到这家门店，请返回重新选择门店')
  const version = envVersion()
  const path = storeCodePath(storeId)
  const answer = (image: string, url: string): StoreCode => ({ image, url, path, page: STORE_CODE_PAGE, scene: storeId, storeName: store.name })

  const cached = store.code
  if (cached && cached.page === STORE_CODE_PAGE && cached.scene === storeId && cached.envVersion === version) {
    // deleted from storage (e.g. in the console): made again below
    const url = await tempUrl(cached.fileID)
    if (url) return answer(cached.fileID, url)
  }

  const png = await makeCode(storeId, version)
  const { fileID } = await wx().uploadFile({ cloudPath: path, fileContent: png })
  const record: CodeRecord = { fileID, page: STORE_CODE_PAGE, scene: storeId, envVersion: version, createdAt: now() }
  await ref.update({ data: { code: record } })
  const url = await tempUrl(fileID)
  if (!url) throw new AppError('INTERNAL', '门店码已生成但暂时无法读取，请稍后重试')
  return answer(fileID, url)
}

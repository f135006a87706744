/**
 * The open API wire: `cloud.openapi.a.b(data)` converts `data` to snake_case and packs it into a
 * protobuf CommApiData (one JSON value per key); the answer is a protobuf CommOpenApiResp carrying
 * WeChat's JSON body, which the SDK unpacks (non-zero `errcode` → CloudSDKError, else camelCase).
 * We decode the request and encode the answer with the same field numbers the SDK's generated
 * code uses (wx-server-sdk index.js, src/protobuf/openapi.js).
 */
import QRCode from 'qrcode'
import { internals } from './sdk'
import { demoPhoneForCode } from '../demo-phones'

const protobuf = internals.protobuf()

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 }
      }
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 }
      }
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 }
      }
    }
  }
})

const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

interface Pair {
  key: string
  value?: Uint8Array
  contenttype?: string
  filename?: string
}

/** The request body as WeChat's HTTP API would receive it (snake_case keys). */
export function decodeOpenApiRequest(buf: Uint8Array): Record<string, unknown> {
  const msg = CommApiData.toObject(CommApiData.decode(buf), { defaults: false }) as { openapiData?: { pairs?: Pair[] } }
  const data: Record<string, unknown> = {}
  for (const pair of msg.openapiData?.pairs ?? []) {
    const bytes = Buffer.from(pair.value ?? [])
    if (pair.contenttype || pair.filename) {
      data[pair.key] = { contentType: pair.contenttype, filename: pair.filename, value: bytes }
      continue
    }
    const text = bytes.toString()
    try {
      data[pair.key] = JSON.parse(text)
    } catch {
      data[pair.key] = text
    }
  }
  return data
}

/** WeChat's answer: a JSON body (object) or raw bytes (e.g. a QR code image). */
export function encodeOpenApiResponse(body: unknown): Uint8Array {
  const binary = Buffer.isBuffer(body)
  return CommOpenApiResp.encode(
    CommOpenApiResp.create({
      respData: binary ? body : Buffer.from(JSON.stringify(body ?? {})),
      contentType: binary ? 'application/octet-stream' : 'application/json',
      errorCode: 0
    })
  ).finish()
}

/**
 * wxacode.getUnlimited, locally: the same request body WeChat checks (scene: at most 32 visible
 * characters of its charset; page: no leading slash, no query; width 280–1280, default 430), answered with a real PNG QR code. It
 * cannot open the mini-program, so it encodes what the code would open on the local H5 build:
 * the page, with the scene as the `scene` query parameter the mini-program receives.
 * developers.weixin.qq.com/miniprogram/dev/server/API/qrcode-link/qr-code/api_getunlimitedqrcode
 */
export const WXACODE_SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

export function localPageUrl(appUrl: string, page: string, scene: string): string {
  return `${appUrl}/#/${page}?scene=${encodeURIComponent(scene)}`
}

export async function localWxacode(data: Record<string, unknown>, appUrl: string): Promise<Buffer | { errcode: number; errmsg: string }> {
  const { scene, page, width } = data
  if (typeof scene !== 'string' || !WXACODE_SCENE.test(scene)) return { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' }
  if (page !== undefined && (typeof page !== 'string' || page.startsWith('/') || page.includes('?'))) return { errcode: 40159, errmsg: 'invalid length for path, or the data is not json string' }
  // WeChat draws out-of-range widths at the nearest bound
  const px = Math.min(1280, Math.max(280, Math.round(Number(width ?? 430)) || 430))
  return QRCode.toBuffer(localPageUrl(appUrl, (page as string | undefined) ?? 'pages/index/index', scene), { type: 'png', width: px, margin: 2, errorCorrectionLevel: 'M' })
}

/**
 * What the local cloud answers when a test has not said otherwise: success, and for
 * phonenumber.getPhoneNumber the demo customer's phone behind the code `demo:<openid>` (an
 * unknown code gets WeChat's 40029 invalid code). Body as WeChat's HTTP API sends it.
 */
export function defaultOpenApiAnswer(api: string, data: unknown): unknown {
  if (api === 'phonenumber.getPhoneNumber') {
    const phone = demoPhoneForCode((data as { code?: unknown } | null)?.code)
    if (!phone) return { errcode: 40029, errmsg: 'invalid code' }
    return { errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: 0, appid: 'local' } } }
  }
  return { errcode: 0, errmsg: 'ok' }
}

/**
 * The open API wire: `cloud.openapi.a.b(data)` converts `data` to snake_case and packs it into a
 * protobuf CommApiData (one JSON value per key); the answer is a protobuf CommOpenApiResp carrying
 * WeChat's JSON body, which the SDK unpacks (non-zero `errcode` → CloudSDKError, else camelCase).
 * We decode the request and encode the answer with the same field numbers the SDK's generated
 * code uses (wx-server-sdk index.js, src/protobuf/openapi.js).
 */
import { internals } from './sdk'

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

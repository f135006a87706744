/**
 * The private modules of wx-server-sdk 4.0.2 that the local cloud patches.
 *
 * wx-server-sdk pins @cloudbase/node-sdk@3.17.2 exactly, which pins @cloudbase/database@1.4.3, so these
 * paths are stable for as long as wx-server-sdk is pinned. Everything is resolved relative to
 * wx-server-sdk's own directory, so we patch the very module instances the SDK uses.
 */
import path from 'path'

const sdkDir = path.dirname(require.resolve('wx-server-sdk'))
const nodeSdkDir = path.dirname(require.resolve('@cloudbase/node-sdk/package.json', { paths: [sdkDir] }))
const databaseDir = path.dirname(require.resolve('@cloudbase/database/package.json', { paths: [nodeSdkDir] }))

function load<T>(id: string, from: string): T {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(require.resolve(id, { paths: [from] })) as T
}

const nodeSdk = <T>(file: string) => load<T>(`@cloudbase/node-sdk/dist/${file}`, sdkDir)
const database = <T>(file: string) => load<T>(`@cloudbase/database/dist/commonjs/${file}`, nodeSdkDir)

type Proto = Record<string | symbol, any>
interface ClassLike { prototype: Proto }

export const internals = {
  /** `send(action, params)` carries every database call */
  dbRequester: () => nodeSdk<{ TcbDBApiHttpRequester: ClassLike }>('utils/tcbdbapirequester').TcbDBApiHttpRequester,
  /** the CloudBase instance behind `cloud.init()`: callFunction and the open API calls */
  cloudBase: () => nodeSdk<{ CloudBase: ClassLike }>('cloudbase').CloudBase,
  /** the runtime probe `init()` fires at metadata.tencentyun.com */
  cloudPlatform: () => nodeSdk<Record<string, unknown>>('utils/cloudplatform'),
  metadata: () => nodeSdk<Record<string, unknown>>('utils/metadata'),
  /** the HTTP requesters every other cloud API goes through */
  requesters: () =>
    ['utils/tcbapirequester', 'utils/tcbopenapirequester', 'utils/tcbopenapicommonrequester'].map((f) =>
      nodeSdk<Record<string, unknown>>(f)
    ),
  /** `processReturn`: how the real requester turns a `{ code }` reply into a thrown TcbError */
  utils: () => nodeSdk<{ processReturn(result: object): unknown }>('utils/utils'),
  query: () => database<{ Query: ClassLike }>('query').Query,
  collection: () => database<{ CollectionReference: ClassLike }>('collection').CollectionReference,
  /** protobufjs as wx-server-sdk itself loads it (open API payloads are protobuf) */
  protobuf: () => load<any>('protobufjs', sdkDir),
  /** the bson that @cloudbase/database encodes the wire with */
  bson: () => load<{ EJSON: EJSONLike }>('bson', databaseDir)
}

export interface EJSONLike {
  parse(text: string, options?: { relaxed?: boolean }): any
  stringify(value: unknown, options?: { relaxed?: boolean; legacy?: boolean }): string
}

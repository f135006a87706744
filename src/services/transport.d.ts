/**
 * Delivers one cloud-function call and returns the function's raw answer (a `Result` envelope,
 * not yet checked). Resolved per build: transport.weapp.ts (wx.cloud) | transport.h5.ts (HTTP
 * to the local cloud). Throws ApiError('NETWORK') when no answer comes back.
 */
export declare function send(name: string, event: unknown): Promise<unknown>

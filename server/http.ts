/** A cloud function's HTTP-trigger event (集成请求) and response (集成响应). */
export interface HttpEvent {
  httpMethod?: string
  path?: string
  headers?: Record<string, string | string[] | undefined>
  body?: string | null
  isBase64Encoded?: boolean
}

export interface HttpResponse {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: false
}

/** The request body as text; null when the event carries no text body (an object, a number…). */
export function rawBody(e: HttpEvent): string | null {
  const body: unknown = e.body ?? ''
  if (typeof body !== 'string') return null
  return e.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body
}

export const noContent = (): HttpResponse => ({ statusCode: 204, headers: {}, body: '', isBase64Encoded: false })

/** WeChat Pay retries a notification unless it gets 200/204; failures carry `{ code: 'FAIL' }`. */
export const payFailure = (statusCode: number, message: string): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ code: 'FAIL', message }),
  isBase64Encoded: false
})

import { send } from './transport.h5'
import { DEV_OPENID_KEY } from './dev-users.h5'

const USERS = [
  { openid: 'u-first', name: 'A', role: 'customer' },
  { openid: 'u-second', name: 'B', role: 'customer' }
]

function respond(status: number, body: unknown) {
  return { ok: status >= 200 && status < 300, status, json: async () => body }
}

let fetchMock: jest.Mock
beforeEach(() => {
  window.localStorage.clear()
  fetchMock = jest.fn()
  global.fetch = fetchMock as unknown as typeof fetch
})

test('POSTs the event as JSON to /api/fn/<name> with the stored dev openid', async () => {
  window.localStorage.setItem(DEV_OPENID_KEY, 'u-second')
  fetchMock.mockResolvedValue(respond(200, { ok: true, data: 1 }))
  await expect(send('wallet', { action: 'balance' })).resolves.toEqual({ ok: true, data: 1 })
  expect(fetchMock).toHaveBeenCalledTimes(1)
  const [url, init] = fetchMock.mock.calls[0]
  expect(url).toBe('/api/fn/wallet')
  expect(init.method).toBe('POST')
  expect(init.headers['X-Openid']).toBe('u-second')
  expect(init.headers['Content-Type']).toBe('application/json')
  expect(JSON.parse(init.body)).toEqual({ action: 'balance' })
})

test('without a stored openid it picks the first demo user and keeps it', async () => {
  fetchMock.mockImplementation(async (url: string) =>
    url === '/api/dev/users' ? respond(200, { ok: true, data: USERS }) : respond(200, { ok: true, data: 'x' })
  )
  await send('wallet', { action: 'balance' })
  expect(window.localStorage.getItem(DEV_OPENID_KEY)).toBe('u-first')
  expect(fetchMock.mock.calls[1][1].headers['X-Openid']).toBe('u-first')
})

test('a function failure sent with a 4xx status still arrives as its envelope', async () => {
  window.localStorage.setItem(DEV_OPENID_KEY, 'u-first')
  const envelope = { ok: false, error: { code: 'INVALID_INPUT', message: 'bad' } }
  fetchMock.mockResolvedValue(respond(400, envelope))
  await expect(send('recharge', {})).resolves.toEqual(envelope)
})

test('HTTP errors without an envelope and network failures are ApiError NETWORK', async () => {
  window.localStorage.setItem(DEV_OPENID_KEY, 'u-first')
  fetchMock.mockResolvedValueOnce({ ok: false, status: 502, json: async () => { throw new SyntaxError('html') } })
  await expect(send('wallet', {})).rejects.toMatchObject({ name: 'ApiError', code: 'NETWORK', message: 'HTTP 502' })
  fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
  await expect(send('wallet', {})).rejects.toMatchObject({ name: 'ApiError', code: 'NETWORK' })
})

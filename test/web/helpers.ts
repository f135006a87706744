// Helpers for the jest `web` project. A test file must itself call
//   jest.mock('<relative path>/services/transport')
// (jest.mock is hoisted per file); these helpers then drive that mocked `send`.
import { act } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import { send } from '../../src/services/transport'
import { createFakeBackend, USERS, type FakeBackendOptions } from '../fixtures/backend'

const DEV_OPENID_KEY = 'chuzhi.devOpenid'

/**
 * Answers every cloud-function call from the fake backend, acting as whoever is stored under
 * 'chuzhi.devOpenid' (what the real H5 transport sends as X-Openid).
 */
export function fakeBackend(opts?: FakeBackendOptions) {
  const backend = createFakeBackend(opts)
  jest.mocked(send).mockImplementation((name, event) =>
    backend.call(name, event, window.localStorage.getItem(DEV_OPENID_KEY) ?? undefined)
  )
  return backend
}

/** GET /api/dev/users answered with the demo users (H5 dev switcher). */
export function fakeDevUsersEndpoint(users = USERS) {
  const fetchMock = jest.fn(async (url: string) => {
    if (url !== '/api/dev/users') return { ok: false, status: 404, json: async () => ({}) }
    return { ok: true, status: 200, json: async () => ({ ok: true, data: users }) }
  })
  global.fetch = fetchMock as unknown as typeof fetch
  return fetchMock
}

/** What the router would hand the page: `?a=b` params. */
export function setPageParams(params: Record<string, string>, path = '/pages/index/index') {
  ;(Current as { router: unknown }).router = { params, path, onReady: '', onHide: '', onShow: '' }
}

/** Taro's H5 components finish rendering on the next animation frame. */
export const settle = () => act(() => new Promise((r) => requestAnimationFrame(() => r(null))))

export function resetWebState() {
  window.localStorage.clear()
  ;(Current as { router: unknown }).router = null
  jest.mocked(send).mockReset()
}

import { callFunction } from './call'
import { ApiError, errorText } from './errors'
import { send } from './transport'
import { wallet } from './wallet'
import { recharge } from './recharge'

jest.mock('./transport')
const sendMock = jest.mocked(send)

afterEach(() => sendMock.mockReset())

describe('callFunction unwraps the Result envelope', () => {
  test('returns data of { ok: true }', async () => {
    sendMock.mockResolvedValue({ ok: true, data: { n: 1 } })
    await expect(callFunction('wallet', { action: 'balance' })).resolves.toEqual({ n: 1 })
    expect(sendMock).toHaveBeenCalledWith('wallet', { action: 'balance' })
  })

  test('throws ApiError with the function’s code and message for { ok: false }', async () => {
    sendMock.mockResolvedValue({ ok: false, error: { code: 'BALANCE_CAP_EXCEEDED', message: '超过余额上限' } })
    const err = await callFunction('recharge', { action: 'create' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'BALANCE_CAP_EXCEEDED', message: '超过余额上限' })
    expect(errorText(err)).toBe('超过余额上限')
  })

  test.each([[undefined], [null], ['text'], [{ ok: true }], [{ ok: false, error: {} }]])(
    'a non-envelope answer %p is BAD_RESPONSE',
    async (raw) => {
      sendMock.mockResolvedValue(raw)
      await expect(callFunction('wallet', {})).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
    }
  )

  test('transport failures pass through as NETWORK with a readable text', async () => {
    sendMock.mockRejectedValue(new ApiError('NETWORK', ''))
    const err = await callFunction('wallet', {}).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'NETWORK' })
    expect(errorText(err)).toBe('网络异常，请检查网络后重试')
  })
})

describe('typed wrappers send the contract events', () => {
  beforeEach(() => sendMock.mockResolvedValue({ ok: true, data: null }))

  test('wallet', async () => {
    await wallet.balance()
    await wallet.history()
    await wallet.history('c2', 5)
    await wallet.entry('h1')
    expect(sendMock.mock.calls).toEqual([
      ['wallet', { action: 'balance' }],
      ['wallet', { action: 'history' }],
      ['wallet', { action: 'history', cursor: 'c2', limit: 5 }],
      ['wallet', { action: 'entry', id: 'h1' }]
    ])
  })

  test('recharge', async () => {
    await recharge.plans()
    await recharge.plans('s1')
    await recharge.quote(12345)
    await recharge.create({ planId: 'p100', agreementVersion: 'v1' })
    await recharge.create({ amount: 5000, storeId: 's1', agreementVersion: 'v1' })
    await recharge.status('CZ1')
    expect(sendMock.mock.calls).toEqual([
      ['recharge', { action: 'plans' }],
      ['recharge', { action: 'plans', storeId: 's1' }],
      ['recharge', { action: 'quote', amount: 12345 }],
      ['recharge', { action: 'create', planId: 'p100', agreementVersion: 'v1' }],
      ['recharge', { action: 'create', amount: 5000, storeId: 's1', agreementVersion: 'v1' }],
      ['recharge', { action: 'status', outTradeNo: 'CZ1' }]
    ])
  })
})

import { useTestStack, newOpenid, type TestStack } from '../test/stack'
import { COLLECTIONS as C } from './db/indexes'
import { z } from 'zod'
import { MAX_FEN } from '../contracts/money'
import { defineContract } from '../contracts/define'
import { memberFunction } from './handler'

/**
 * The guards every member-facing function shares (server/handler.ts, contracts/*): identity only
 * from the WeChat context, strict events, bounded amounts, Chinese messages, nothing echoed.
 */
let s: TestStack
useTestStack((started) => (s = started))

const hasChinese = /[\u4e00-\u9fff]/
const noEnglishWords = /[A-Za-z]{3,}/

/** A failure a member may see: Chinese, no raw zod English, nothing of the input repeated. */
function expectMemberMessage(r: any, code: string) {
  expect(r).toMatchObject({ ok: false, error: { code } })
  expect(r.error.message).toMatch(hasChinese)
  expect(r.error.message).not.toMatch(noEnglishWords)
}

describe('identity comes from the WeChat context, never from the event', () => {
  it('an openid field in the event is refused and does not become the caller', async () => {
    const rich = newOpenid('rich')
    const order = await s.createOrder(rich, { planId: 'p300' })
    s.sim.pay(order.outTradeNo)
    await s.sim.idle()
    expect((await s.balance(rich)).total).toBeGreaterThan(0)

    const me = newOpenid('me')
    expectMemberMessage(await s.call('wallet', { action: 'balance', openid: rich }, me), 'INVALID_INPUT')
    // without a WeChat identity, naming someone in the event gets nothing of theirs
    expect((await s.call('wallet', { action: 'balance', openid: rich })).error.code).toBe('INVALID_INPUT')
    expect((await s.call('wallet', { action: 'balance' })).error.code).toBe('UNAUTHENTICATED')
    expect((await s.call('recharge', { action: 'status', outTradeNo: order.outTradeNo }, me)).error.code).toBe('ORDER_NOT_FOUND')
  })

  it('even a schema that lets an openid field through never makes it the caller', async () => {
    // a lenient contract (contracts/define.ts refuses one at compile time, hence the directive):
    // identity still comes from the WeChat context alone
    // @ts-expect-error a schema whose objects are not strict
    const lenient = defineContract<{ whoami: string }>()('whoami', z.discriminatedUnion('action', [z.object({ action: z.literal('whoami'), openid: z.string().optional() }).passthrough()]))
    s.stack.cloud.register('whoami', memberFunction(lenient, { whoami: async (_e, who) => who.openid }))
    expect(await s.data('whoami', { action: 'whoami', openid: 'someone-else' }, 'me-really')).toBe('me-really')
    expect((await s.call('whoami', { action: 'whoami', openid: 'someone-else', OPENID: 'someone-else' })).error.code).toBe('UNAUTHENTICATED')
  })

  it('the platform’s event.userInfo is accepted but never read as the caller', async () => {
    const victim = newOpenid('victim')
    // the local runtime, like WeChat, overwrites userInfo for a signed-in mini-program caller;
    // a call without identity keeps what was sent, and must still be unauthenticated
    const forged = { action: 'balance', userInfo: { openId: victim, appId: 'wx0' } }
    expect((await s.call('wallet', forged)).error.code).toBe('UNAUTHENTICATED')
    expect(await s.data('wallet', forged, victim)).toMatchObject({ total: 0 })
  })
})

describe('events are strict', () => {
  it.each([
    ['wallet', { action: 'balance', extra: 1 }],
    ['wallet', { action: 'history', limit: 5, sort: 'asc' }],
    ['recharge', { action: 'plans', storeId: 'store-xuhui', memberPrice: true }],
    ['recharge', { action: 'quote', amount: 10000, bonus: 999999 }],
    ['recharge', { action: 'create', planId: 'p300', agreementVersion: 'v1', pay: 1 }],
    ['ops', { action: 'attention', stores: 'all' }]
  ])('%s %j: an unknown field is INVALID_INPUT, not dropped', async (fn, event) => {
    const me = newOpenid()
    expectMemberMessage(await s.call(fn, event, me), 'INVALID_INPUT')
  })

  it('a refused create writes nothing', async () => {
    const me = newOpenid()
    const agreementVersion = await s.agreementVersion(me)
    expectMemberMessage(await s.call('recharge', { action: 'create', planId: 'p300', agreementVersion, bonus: 100000 }, me), 'INVALID_INPUT')
    expect(await s.count(C.orders, { openid: me })).toBe(0)
  })

  it.each([[[1, 2]], ['balance'], [42]])('an event that is not an object (%j) is INVALID_INPUT', async (event) => {
    expectMemberMessage(await s.call('wallet', event, newOpenid()), 'INVALID_INPUT')
  })
})

describe('every amount is bounded', () => {
  it.each([
    ['2^53', 2 ** 53],
    ['1e308', 1e308],
    ['MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER],
    ['MAX_FEN + 1', MAX_FEN + 1]
  ])('%s is INVALID_INPUT, not INTERNAL, for quote and create', async (_name, amount) => {
    const me = newOpenid()
    const agreementVersion = await s.agreementVersion(me)
    expectMemberMessage(await s.call('recharge', { action: 'quote', amount }, me), 'INVALID_INPUT')
    expectMemberMessage(await s.call('recharge', { action: 'create', amount, agreementVersion }, me), 'INVALID_INPUT')
    expect(await s.count(C.orders, { openid: me })).toBe(0)
  })

  it('MAX_FEN itself passes the schema and is answered by the offer rules', async () => {
    const r = await s.call('recharge', { action: 'quote', amount: MAX_FEN }, newOpenid())
    expect(r.error.code).toBe('AMOUNT_OUT_OF_RANGE')
  })
})

describe('INVALID_INPUT messages are Chinese and say what to do', () => {
  it.each([
    [{ action: 'quote', amount: 0 }, '金额须大于0元'],
    [{ action: 'quote', amount: -100 }, '金额须大于0元'],
    [{ action: 'quote', amount: 100.5 }, '分'],
    [{ action: 'quote', amount: '100' }, '请输入正确的金额'],
    [{ action: 'quote' }, '请输入金额'],
    [{ action: 'status', outTradeNo: 'x' }, '订单号'],
    [{ action: 'plans', storeId: 7 }, '门店']
  ])('recharge %j → %s', async (event, text) => {
    const r = await s.call('recharge', event, newOpenid())
    expectMemberMessage(r, 'INVALID_INPUT')
    expect(r.error.message).toContain(text)
  })

  it('wallet history limit out of range names the range', async () => {
    const r = await s.call('wallet', { action: 'history', limit: 1000 }, newOpenid())
    expectMemberMessage(r, 'INVALID_INPUT')
    expect(r.error.message).toContain('1到50')
  })
})

describe('nothing the caller sent is echoed back', () => {
  it('an unknown action of 1 MB answers UNKNOWN_ACTION in a few words', async () => {
    const action = 'x'.repeat(1024 * 1024)
    const r = await s.call('recharge', { action }, newOpenid())
    expectMemberMessage(r, 'UNKNOWN_ACTION')
    expect(r.error.message.length).toBeLessThan(100)
  })

  it('an unknown store is STORE_NOT_FOUND without repeating its id', async () => {
    const r = await s.call('recharge', { action: 'plans', storeId: 'store-nosuchplace' }, newOpenid())
    expectMemberMessage(r, 'STORE_NOT_FOUND')
    expect(r.error.message).not.toContain('nosuchplace')
  })

  it('an unknown field with a long name is refused without repeating it', async () => {
    const field = 'secret_' + 'y'.repeat(10_000)
    const r = await s.call('wallet', { action: 'balance', [field]: 1 }, newOpenid())
    expectMemberMessage(r, 'INVALID_INPUT')
    expect(r.error.message).not.toContain('secret_')
    expect(r.error.message.length).toBeLessThan(100)
  })
})

describe('a write conflict that outlasts every retry', () => {
  it('answers CONFLICT (try again), not INTERNAL, in the real error shape node-sdk throws', async () => {
    const busy = defineContract<{ busy: string }>()('busy', z.discriminatedUnion('action', [z.object({ action: z.literal('busy') }).strict()]))
    s.stack.cloud.register(
      'busy',
      memberFunction(busy, {
        busy: async () => {
          // node-sdk 3.17.2's requester throws an Error with the server's code and text
          throw Object.assign(new Error('[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by other request.'), { code: 'DATABASE_TRANSACTION_CONFLICT' })
        }
      })
    )
    expectMemberMessage(await s.call('busy', { action: 'busy' }, newOpenid()), 'CONFLICT')
  })
})

import { newOpenid, useTestStack, type TestStack } from '../test/stack'
import { database } from './cloud'
import { COLLECTIONS as C } from './db/indexes'

/** wallet.bindPhone: the number comes from WeChat (phonenumber.getPhoneNumber), never from the event. */
let s: TestStack
useTestStack((started) => (s = started))

const memberDoc = async (openid: string) => (await database().collection(C.members).doc(openid).get()).data as any

describe('wallet.bindPhone', () => {
  it('binds the number WeChat answers for the code, and staff then find the member by it', async () => {
    const me = newOpenid('phone')
    const order = await s.createOrder(me, { planId: 'p300' })
    s.sim.pay(order.outTradeNo)
    await s.sim.idle()
    const phone = '13600000042'
    const answered = await s.withOpenapi(
      (api, data: any) => (api === 'phonenumber.getPhoneNumber' && data.code === 'wx-code-1' ? { errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86' } } : { errcode: 40029, errmsg: 'invalid code' }),
      () => s.data('wallet', { action: 'bindPhone', code: 'wx-code-1' }, me)
    )
    expect(answered).toEqual({ phone: '136****0042' })
    expect(s.stack.cloud.openapiCalls.at(-1)).toMatchObject({ api: 'phonenumber.getPhoneNumber', data: { code: 'wx-code-1' } })
    expect(await memberDoc(me)).toMatchObject({ phone, principal: 30000 })
    expect((await s.data('ops', { action: 'memberFind', query: phone }, 'demo-admin')).member.openid).toBe(me)
  })

  it('refuses a code WeChat does not accept, and a number outside the mainland, changing nothing', async () => {
    const me = newOpenid('phone')
    const r = await s.call('wallet', { action: 'bindPhone', code: 'not-a-code' }, me)
    expect(r.error).toEqual({ code: 'INVALID_INPUT', message: '手机号授权已失效，请重新点击获取手机号' })
    const hk = await s.withOpenapi(
      () => ({ errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: '+852 51234567', purePhoneNumber: '51234567', countryCode: '852' } }),
      () => s.call('wallet', { action: 'bindPhone', code: 'c' }, me)
    )
    expect(hk.error).toEqual({ code: 'INVALID_INPUT', message: '目前仅支持中国大陆手机号' })
    expect(await memberDoc(me)).toBeNull()
  })

  it('locally, the code demo:<openid> gives the demo customer’s phone; a new customer gets a wallet document with it', async () => {
    expect(await s.data('wallet', { action: 'bindPhone', code: 'demo:demo-customer-2' }, 'phone-newcomer')).toEqual({ phone: '138****0002' })
    expect(await memberDoc('phone-newcomer')).toMatchObject({ phone: '13800000002', memberSince: null, lots: [] })
    // the latest binding of a number wins at the desk
    expect((await s.data('ops', { action: 'memberFind', query: '13800000002' }, 'demo-admin')).member.openid).toBe('phone-newcomer')
  })
})

// Family sharing through the real functions: family (invite, accept, list, setLimit, remove,
// leave) and checkout with payFrom 'family'. The stack reconciles the ledger after every test.
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { database } from '../cloud'
import { shiftClock } from '../clock'
import { armFault } from '../faults'
import { COLLECTIONS as C } from '../db/indexes'
import { SETTINGS_ID } from '../merchant'
import { familyId, linkId } from './docs'

const STORE = 'store-xuhui'
let s: TestStack
useTestStack((started) => (s = started))

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * A member with one credited recharge, through the real recharge path. By default ¥200 of any
 * amount: below the first tier (银卡 at ¥300), so a bill is charged as typed and limits read plainly.
 */
type Recharge = { planId: string } | { amount: number }
const NO_TIER: Recharge = { amount: 20000 }
async function memberWith(what: Recharge = NO_TIER) {
  const me = newOpenid('fa')
  const order = await s.createOrder(me, what)
  s.sim.pay(order.outTradeNo)
  await s.sim.idle()
  return me
}

const family = (openid: string, event: Record<string, unknown>) => s.call('family', event, openid)
const familyData = (openid: string, event: Record<string, unknown>) => s.data('family', event, openid)

/** An owner with `n` members who joined through share links. */
async function familyOf(n: number, what: Recharge = NO_TIER) {
  const owner = await memberWith(what)
  const members: string[] = []
  for (let k = 0; k < n; k++) {
    const { token } = await familyData(owner, { action: 'invite', name: '爸爸' })
    const m = newOpenid('fm')
    await familyData(m, { action: 'accept', token, name: `孩子${k + 1}` })
    members.push(m)
  }
  const view = await familyData(owner, { action: 'list' })
  return { owner, members, ids: view.members.map((m: any) => m.memberId) as string[] }
}

let req = 0
const requestId = () => `fam-${++req}-${Date.now().toString(36)}`
const familyPay = (payer: string, amount: number, id = requestId()) =>
  s.call('checkout', { action: 'pay', storeId: STORE, amount, requestId: id, payFrom: 'family' }, payer)
const doc = async (collection: string, id: string) => (await database().collection(collection).doc(id).get()).data as any
const ownerPayments = (owner: string) => s.count(C.payments, { owner, paidBy: 'family' })

/** Pays each request at once; a call still conflicting after the server's retries is sent again, as the app would (bounded). */
async function payAllAtOnce(payer: string, amount: number, n: number) {
  const outcome: string[] = []
  let todo = Array.from({ length: n }, requestId)
  for (let round = 0; round < 20 && todo.length; round++) {
    const results = await Promise.all(todo.map((id) => familyPay(payer, amount, id)))
    todo = todo.filter((_id, k) => {
      const r = results[k]
      if (r.ok) outcome.push('paid')
      else if (r.error.code === 'CONFLICT') return true
      else outcome.push(r.error.code)
      return false
    })
  }
  expect(todo).toEqual([])
  return outcome
}

describe('invite and accept', () => {
  it('a member joins through the share link; the owner sees them, they see whose family and what they may pay', async () => {
    const owner = await memberWith()
    const inv = await familyData(owner, { action: 'invite', name: '妈妈' })
    expect(inv.path).toBe(`/packages/family/pages/join/index?token=${inv.token}`)
    expect(new Date(inv.expiresAt).getTime()).toBeGreaterThan(Date.now())
    const kid = newOpenid('fm')
    const joined = await familyData(kid, { action: 'accept', token: inv.token, name: '小明' })
    const balance = await s.balance(owner)
    expect(joined).toEqual({ role: 'member', ownerName: '妈妈', name: '小明', limit: null, spentThisMonth: 0, left: balance.total })
    const view = await familyData(owner, { action: 'list' })
    expect(view).toMatchObject({ role: 'owner', name: '妈妈', maxMembers: 4, members: [{ name: '小明', limit: null, spentThisMonth: 0, recent: [] }] })
    // the app never sees an openid
    expect(JSON.stringify(view)).not.toContain(kid)
    expect(JSON.stringify(joined)).not.toContain(owner)
    expect(await familyData(newOpenid('x'), { action: 'list' })).toEqual({ role: 'none', maxMembers: 4 })
  })

  it('a link is used once, expires, is not for its owner, and only a member (储值即会员) can share', async () => {
    const owner = await memberWith()
    const { token } = await familyData(owner, { action: 'invite' })
    expect(await family(owner, { action: 'accept', token })).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } })
    const first = newOpenid('fm')
    await familyData(first, { action: 'accept', token })
    // the same member again is the same join; someone else is refused
    expect((await familyData(first, { action: 'accept', token })).role).toBe('member')
    expect(await family(newOpenid('fm'), { action: 'accept', token })).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID', message: expect.stringContaining('已被使用') } })
    const late = await familyData(owner, { action: 'invite' })
    shiftClock(25 * 60 * 60 * 1000)
    expect(await family(newOpenid('fm'), { action: 'accept', token: late.token })).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID', message: expect.stringContaining('过期') } })
    shiftClock(0)
    expect(await family(newOpenid('nm'), { action: 'invite' })).toMatchObject({ ok: false, error: { code: 'MEMBERSHIP_REQUIRED' } })
    expect(await family(newOpenid('fm'), { action: 'accept', token: '0'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } })
    expect(await family(newOpenid('fm'), { action: 'accept', token: 'not-a-token' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((await familyData(owner, { action: 'list' })).members).toHaveLength(1)
  })

  it('one family per member, one role per person, and at most maxMembers (4) members', async () => {
    const { owner, members } = await familyOf(3)
    const spare = await Promise.all([1, 2].map(() => familyData(owner, { action: 'invite' })))
    const other = await memberWith()
    const { token } = await familyData(other, { action: 'invite' })
    // a member of one family cannot join another, nor share their own
    expect(await family(members[0], { action: 'accept', token })).toMatchObject({ ok: false, error: { code: 'ALREADY_IN_FAMILY' } })
    expect(await family(members[0], { action: 'invite' })).toMatchObject({ ok: false, error: { code: 'ALREADY_IN_FAMILY' } })
    // an owner with members cannot join someone else's family
    expect(await family(owner, { action: 'accept', token })).toMatchObject({ ok: false, error: { code: 'ALREADY_IN_FAMILY' } })
    await familyData(newOpenid('fm'), { action: 'accept', token: spare[0].token })
    expect(await family(newOpenid('fm'), { action: 'accept', token: spare[1].token })).toMatchObject({ ok: false, error: { code: 'FAMILY_FULL' } })
    expect(await family(owner, { action: 'invite' })).toMatchObject({ ok: false, error: { code: 'FAMILY_FULL' } })
    expect((await familyData(owner, { action: 'list' })).members).toHaveLength(4)
  })

  it('four joins at once through four links still stop at maxMembers', async () => {
    const { owner } = await familyOf(2)
    const links = await Promise.all([1, 2, 3, 4].map(() => familyData(owner, { action: 'invite' })))
    const joiners = links.map((l) => ({ who: newOpenid('fm'), token: l.token }))
    // all at once; one still conflicting after the server's retries tries again, as the app would (bounded)
    const outcome: string[] = []
    let todo = joiners
    for (let round = 0; round < 20 && todo.length; round++) {
      const results = await Promise.all(todo.map((j) => family(j.who, { action: 'accept', token: j.token })))
      todo = todo.filter((_j, k) => {
        const r = results[k]
        if (r.ok || r.error.code !== 'CONFLICT') outcome.push(r.ok ? 'joined' : r.error.code)
        return !r.ok && r.error.code === 'CONFLICT'
      })
    }
    expect(outcome.sort()).toEqual(['FAMILY_FULL', 'FAMILY_FULL', 'joined', 'joined'])
    expect((await familyData(owner, { action: 'list' })).members).toHaveLength(4)
  })
})

describe('paying from the family balance', () => {
  it("draws the owner's lots and ledger accounts; payment and journal record who paid; both can read the receipt", async () => {
    const { owner, members, ids } = await familyOf(1)
    const [kid] = members
    const before = await s.balance(owner)
    const q = await s.data('checkout', { action: 'quote', storeId: STORE, amount: 3000, payFrom: 'family' }, kid)
    expect(q).toMatchObject({ payable: 3000, shortfall: 0, balance: { principal: before.principal, bonus: before.bonus, total: before.total }, recommendations: [], family: { ownerName: '爸爸', left: null } })
    const r = await familyPay(kid, 3000)
    expect(r.ok).toBe(true)
    const p = r.data
    expect(p).toMatchObject({ state: 'paid', paidBy: 'family', charged: 3000, balance: { total: before.total - 3000 } })
    expect((await s.balance(owner)).total).toBe(before.total - 3000)
    expect((await s.balance(kid)).total).toBe(0)
    expect(await doc(C.payments, p.paymentId)).toMatchObject({ openid: kid, owner, paidBy: 'family', payerName: '孩子1' })
    const journal = await doc(C.journal, `spend:${p.paymentId}`)
    expect(journal).toMatchObject({ memberId: owner, family: { payer: kid, memberId: ids[0], name: '孩子1' } })
    expect(journal.entries.map((e: any) => e.account)).toEqual(expect.arrayContaining([`m:${owner}:principal`]))
    const history = await s.data('wallet', { action: 'history' }, owner)
    expect(history.items[0]).toMatchObject({ kind: 'spend', amount: -3000, title: '徐汇店 消费 · 家人孩子1付' })
    expect((await s.data('wallet', { action: 'history' }, kid)).items).toEqual([])
    expect(await s.data('checkout', { action: 'receipt', paymentId: p.paymentId }, kid)).toEqual(p)
    expect((await s.data('checkout', { action: 'receipt', paymentId: p.paymentId }, owner)).paymentId).toBe(p.paymentId)
    const view = await familyData(owner, { action: 'list' })
    expect(view.members[0]).toMatchObject({ spentThisMonth: 3000, recent: [{ paymentId: p.paymentId, storeName: '徐汇店', amount: 3000, charged: 3000 }] })
  })

  it('a retry with the same requestId pays once; the same requestId from the own balance is refused', async () => {
    const { owner, members } = await familyOf(1)
    const id = requestId()
    const first = await familyPay(members[0], 1500, id)
    expect(await familyPay(members[0], 1500, id)).toEqual(first)
    const own = await s.call('checkout', { action: 'pay', storeId: STORE, amount: 1500, requestId: id }, members[0])
    expect(own).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await ownerPayments(owner)).toBe(1)
    expect((await familyData(owner, { action: 'list' })).members[0].spentThisMonth).toBe(1500)
  })

  it('over the monthly limit is refused with what is left, and changes nothing; the next month starts again', async () => {
    const { owner, members, ids } = await familyOf(1)
    const [kid] = members
    await familyData(owner, { action: 'setLimit', memberId: ids[0], limit: 5000 })
    expect((await familyPay(kid, 3000)).ok).toBe(true)
    const wallet = await doc(C.members, owner)
    const fam = await doc(C.family, familyId(owner))
    const r = await familyPay(kid, 2001)
    expect(r).toEqual({ ok: false, error: { code: 'FAMILY_LIMIT_EXCEEDED', message: expect.stringContaining('本月还可用¥20.00') } })
    expect(await doc(C.members, owner)).toEqual(wallet)
    expect(await doc(C.family, familyId(owner))).toEqual(fam)
    expect(await ownerPayments(owner)).toBe(1)
    expect((await s.data('checkout', { action: 'quote', storeId: STORE, amount: 2001, payFrom: 'family' }, kid)).family.left).toBe(2000)
    expect(await familyData(kid, { action: 'list' })).toMatchObject({ limit: 5000, spentThisMonth: 3000, left: 2000 })
    expect((await familyPay(kid, 2000)).ok).toBe(true)
    // a limit lowered below this month's spending leaves nothing, not a negative
    await familyData(owner, { action: 'setLimit', memberId: ids[0], limit: 1000 })
    expect((await familyPay(kid, 1)).error.code).toBe('FAMILY_LIMIT_EXCEEDED')
    try {
      shiftClock(31 * DAY_MS) // always the next calendar month in Shanghai
      expect(await familyData(kid, { action: 'list' })).toMatchObject({ spentThisMonth: 0, left: 1000 })
      expect((await familyPay(kid, 1000)).ok).toBe(true)
    } finally {
      shiftClock(0)
    }
    // no limit again: only the owner's balance bounds it
    await familyData(owner, { action: 'setLimit', memberId: ids[0], limit: null })
    expect((await familyPay(kid, 1)).ok).toBe(true)
  })

  it('20 concurrent family payments never pass the monthly limit', async () => {
    const { owner, members, ids } = await familyOf(1)
    await familyData(owner, { action: 'setLimit', memberId: ids[0], limit: 10_000 })
    const before = await s.balance(owner)
    const outcome = await payAllAtOnce(members[0], 700, 20)
    const paid = outcome.filter((o) => o === 'paid').length
    expect(paid).toBe(Math.floor(10_000 / 700))
    expect(outcome.filter((o) => o !== 'paid').every((o) => o === 'FAMILY_LIMIT_EXCEEDED')).toBe(true)
    expect((await s.balance(owner)).total).toBe(before.total - paid * 700)
    expect(await ownerPayments(owner)).toBe(paid)
    expect((await familyData(owner, { action: 'list' })).members[0].spentThisMonth).toBe(paid * 700)
  })

  it("two members paying at once share the owner's balance and each keep to their own limit", async () => {
    const { owner, members, ids } = await familyOf(2)
    const before = await s.balance(owner)
    await familyData(owner, { action: 'setLimit', memberId: ids[0], limit: 4000 })
    const [a, b] = await Promise.all([payAllAtOnce(members[0], 1000, 10), payAllAtOnce(members[1], 5000, 10)])
    const paidA = a.filter((o) => o === 'paid').length
    const paidB = b.filter((o) => o === 'paid').length
    expect(paidA).toBeLessThanOrEqual(4)
    const spent = paidA * 1000 + paidB * 5000
    expect(spent).toBeLessThanOrEqual(before.total)
    // whoever the balance refused, it could not have covered (it only goes down)
    if (a.includes('INSUFFICIENT_BALANCE')) expect(before.total - spent).toBeLessThan(1000)
    if (b.includes('INSUFFICIENT_BALANCE')) expect(before.total - spent).toBeLessThan(5000)
    expect(b).toContain('INSUFFICIENT_BALANCE') // 10 × ¥50 is more than the owner holds
    expect([...a, ...b].every((o) => ['paid', 'FAMILY_LIMIT_EXCEEDED', 'INSUFFICIENT_BALANCE'].includes(o))).toBe(true)
    expect((await s.balance(owner)).total).toBe(before.total - spent)
  })

  it('a crash inside the payment leaves the limit as it was; the retry counts once', async () => {
    const { owner, members, ids } = await familyOf(1)
    await familyData(owner, { action: 'setLimit', memberId: ids[0], limit: 5000 })
    const fam = await doc(C.family, familyId(owner))
    const id = requestId()
    armFault('spend:payment')
    expect(await familyPay(members[0], 3000, id)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(await doc(C.family, familyId(owner))).toEqual(fam)
    expect((await familyPay(members[0], 3000, id)).ok).toBe(true)
    expect((await familyData(owner, { action: 'list' })).members[0].spentThisMonth).toBe(3000)
  })

  it("the bill is priced with the owner's tier, and the points go with the owner's balance", async () => {
    const { owner, members } = await familyOf(1, { planId: 'p1000' }) // ¥1,000 recharged: 金卡 9折
    const tier = (await s.data('wallet', { action: 'member' }, owner)).tier
    expect(tier).toMatchObject({ name: '金卡' })
    const before = (await doc(C.members, owner)).points ?? 0
    const p = (await familyPay(members[0], 10_000)).data
    expect(p).toMatchObject({ amount: 10_000, discount: 1000, charged: 9000, paidBy: 'family' })
    expect((await doc(C.members, owner)).points).toBe(before + p.pointsEarned)
    expect((await doc(C.members, members[0]))?.points ?? 0).toBe(0)
    expect((await familyData(owner, { action: 'list' })).members[0].spentThisMonth).toBe(9000)
  })

  it('someone in no family is NOT_FAMILY_MEMBER, for the quote and the payment', async () => {
    const stranger = await memberWith()
    const before = await doc(C.members, stranger)
    expect(await familyPay(stranger, 100)).toMatchObject({ ok: false, error: { code: 'NOT_FAMILY_MEMBER' } })
    expect(await s.call('checkout', { action: 'quote', storeId: STORE, amount: 100, payFrom: 'family' }, stranger)).toMatchObject({ ok: false, error: { code: 'NOT_FAMILY_MEMBER' } })
    expect(await doc(C.members, stranger)).toEqual(before)
  })
})

describe('remove and leave', () => {
  it('a removed member is refused at once and changes nothing; past payments stay on the owner\'s record', async () => {
    const { owner, members, ids } = await familyOf(2)
    const [kid, other] = members
    expect((await familyPay(kid, 1000)).ok).toBe(true)
    const view = await familyData(owner, { action: 'remove', memberId: ids[0] })
    expect(view.members.map((m: any) => m.name)).toEqual(['孩子2'])
    expect(await doc(C.family, linkId(kid))).toBeNull()
    const wallet = await doc(C.members, owner)
    expect(await familyPay(kid, 1000)).toMatchObject({ ok: false, error: { code: 'NOT_FAMILY_MEMBER' } })
    expect(await doc(C.members, owner)).toEqual(wallet)
    expect(await familyData(kid, { action: 'list' })).toEqual({ role: 'none', maxMembers: 4 })
    expect(await ownerPayments(owner)).toBe(1)
    // removing again, or a member id of no one, is NOT_FOUND
    expect(await family(owner, { action: 'remove', memberId: ids[0] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // the other member still pays; the removed one can join another family
    expect((await familyPay(other, 1000)).ok).toBe(true)
    const elsewhere = await memberWith()
    const { token } = await familyData(elsewhere, { action: 'invite' })
    expect((await familyData(kid, { action: 'accept', token })).role).toBe('member')
  })

  it('a removal racing payments: once removed, no later payment goes through', async () => {
    const { owner, members, ids } = await familyOf(1)
    let [removed, ...paid] = await Promise.all([family(owner, { action: 'remove', memberId: ids[0] }), ...Array.from({ length: 5 }, () => familyPay(members[0], 100))])
    for (let round = 0; round < 20 && !removed.ok && removed.error.code === 'CONFLICT'; round++) removed = await family(owner, { action: 'remove', memberId: ids[0] })
    expect(removed.data.members).toEqual([])
    const after = await familyPay(members[0], 100)
    expect(after.error.code).toBe('NOT_FAMILY_MEMBER')
    expect(await ownerPayments(owner)).toBe(paid.filter((r) => r.ok).length)
  })

  it('a member leaves; the owner sees the family empty and may invite again', async () => {
    const { owner, members } = await familyOf(1)
    expect(await familyData(members[0], { action: 'leave' })).toEqual({ role: 'none', maxMembers: 4 })
    expect(await family(members[0], { action: 'leave' })).toMatchObject({ ok: false, error: { code: 'NOT_FAMILY_MEMBER' } })
    expect(await familyData(owner, { action: 'list' })).toMatchObject({ role: 'owner', members: [] })
    expect((await familyPay(members[0], 100)).error.code).toBe('NOT_FAMILY_MEMBER')
    expect((await familyData(owner, { action: 'invite' })).token).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe("nobody else reads or changes the owner's family", () => {
  it("a member sees only their own limit; they cannot change or remove others; another member's receipt is NOT_FOUND", async () => {
    const { owner, members, ids } = await familyOf(2)
    const [a, b] = members
    const p = (await familyPay(a, 1200)).data
    const bView = await familyData(b, { action: 'list' })
    expect(bView).toMatchObject({ role: 'member', name: '孩子2', spentThisMonth: 0 })
    expect(bView.members).toBeUndefined()
    expect(JSON.stringify(bView)).not.toContain(p.paymentId)
    for (const event of [{ action: 'setLimit', memberId: ids[0], limit: 1 }, { action: 'remove', memberId: ids[0] }]) {
      expect(await family(b, event)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await family(newOpenid('x'), event)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    expect(await s.call('checkout', { action: 'receipt', paymentId: p.paymentId }, b)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const view = await familyData(owner, { action: 'list' })
    expect(view.members.map((m: any) => m.limit)).toEqual([null, null])
  })

  it('maxMembers and the link lifetime are merchant settings', async () => {
    const settings = database().collection(C.settings).doc(SETTINGS_ID)
    await settings.update({ data: { family: { maxMembers: 1, inviteHours: 1 } } })
    try {
      const { owner } = await familyOf(1)
      expect(await family(owner, { action: 'invite' })).toMatchObject({ ok: false, error: { code: 'FAMILY_FULL', message: expect.stringContaining('1人') } })
      expect((await familyData(owner, { action: 'list' })).maxMembers).toBe(1)
    } finally {
      await settings.update({ data: { family: database().command.remove() } })
    }
  })
})

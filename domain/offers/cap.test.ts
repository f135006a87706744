import fc from 'fast-check'
import { fen } from '../money'
import { capRoom, checkCap, DEFAULT_CAP } from './cap'

const counting = { cap: DEFAULT_CAP, capCountsBonus: true }
const principalOnly = { cap: DEFAULT_CAP, capCountsBonus: false }
const bal = (principal: number, bonus: number) => ({ principal: fen(principal), bonus: fen(bonus) })
const q = (pay: number, credit: number) => ({ pay: fen(pay), credit: fen(credit) })

describe('checkCap', () => {
  it('default cap is 5,000元', () => {
    expect(DEFAULT_CAP).toBe(500_000)
  })

  it('allows a recharge that lands exactly on the cap', () => {
    // 4,650 balance + 充300送50 = 5,000
    expect(checkCap(bal(400_000, 65_000), q(30_000, 35_000), counting)).toEqual({
      ok: true,
      data: { limit: 500_000, counted: 465_000, held: 0, room: 35_000, after: 500_000 }
    })
  })

  it('refuses one fen over, reporting the exact room left and the largest amount payable', () => {
    const r = checkCap(bal(400_000, 65_001), q(30_000, 35_000), counting, fen(0), fen(33_332))
    expect(r).toEqual({
      ok: false,
      room: 34_999,
      error: { code: 'BALANCE_CAP_EXCEEDED', message: '余额上限¥5000.00（含赠送金额），本次充值到账后将超出，当前最多还可充值¥333.32' }
    })
    // without a payable amount to name, it says what to do instead
    const plain = checkCap(bal(400_000, 65_001), q(30_000, 35_000), counting)
    expect(plain.ok === false && plain.error.message).toBe('余额上限¥5000.00（含赠送金额），本次充值到账后将超出，请选择更小的金额')
  })

  it("unpaid orders' held room counts; when only they are in the way, the message says so", () => {
    expect(capRoom(bal(100_000, 0), counting, fen(350_000))).toEqual({ limit: 500_000, counted: 100_000, held: 350_000, room: 50_000 })
    expect(checkCap(bal(100_000, 0), q(50_000, 50_000), counting, fen(350_000)).ok).toBe(true)
    const r = checkCap(bal(100_000, 0), q(50_000, 50_001), counting, fen(350_000))
    expect(r.ok === false && r.error.message).toBe('余额上限¥5000.00（含赠送金额），您有待支付的充值订单占用了额度，请先完成支付，或待订单失效后再试')
  })

  it('with capCountsBonus=false only principal counts, on both sides', () => {
    // principal 4,700 + pay 300 = 5,000 even though bonus takes the total over
    expect(checkCap(bal(470_000, 90_000), q(30_000, 35_000), principalOnly).ok).toBe(true)
    const r = checkCap(bal(470_001, 0), q(30_000, 35_000), principalOnly)
    expect(r.ok === false && r.room).toBe(29_999)
    expect(r.ok === false && r.error.message).toContain('按实付本金计')
  })

  it('a balance already over a lowered cap has room 0 and refuses any recharge', () => {
    expect(capRoom(bal(600_000, 0), counting)).toEqual({ limit: 500_000, counted: 600_000, held: 0, room: 0 })
    const r = checkCap(bal(500_000, 0), q(1_000, 1_000), counting)
    expect(r).toEqual({ ok: false, room: 0, error: { code: 'BALANCE_CAP_EXCEEDED', message: '余额上限¥5000.00（含赠送金额），余额已达上限，暂不能充值' } })
  })

  it('ok exactly when counted + added ≤ cap (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(700_000), fc.nat(200_000), fc.integer({ min: 1, max: 600_000 }), fc.nat(100_000), fc.boolean(), fc.nat(300_000),
        (p, b, pay, bonus, countsBonus, held) => {
          const s = { cap: DEFAULT_CAP, capCountsBonus: countsBonus }
          const r = checkCap(bal(p, b), q(pay, pay + bonus), s, fen(held))
          const counted = countsBonus ? p + b : p
          const adds = countsBonus ? pay + bonus : pay
          expect(r.ok).toBe(counted + held + adds <= 500_000)
          const room = r.ok ? r.data.room : r.room
          expect(room).toBe(Math.max(0, 500_000 - counted - held))
          if (!r.ok) expect(r.error.message).not.toMatch(/\s/)
        }
      )
    )
  })
})

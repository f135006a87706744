import { AgreementError, assertAgreementUsable, checkAgreementAccepted, DEMO_AGREEMENT, lintAgreement } from './agreement'

describe('lintAgreement', () => {
  it('finds each kind of void clause', () => {
    expect(lintAgreement('本卡一经售出，概不退款。')).toEqual(['一经售出', '概不退款'])
    expect(lintAgreement('充值金额不予退款，余额过期作废。')).toEqual(['不予退款', '过期作废'])
    expect(lintAgreement('逾期作废；余额作废；本活动最终解释权归本店所有')).toEqual(['逾期作废', '余额作废', '最终解释权'])
    expect(lintAgreement('本店保留解释权归属')).toEqual(['解释权归'])
    expect(lintAgreement('办卡后不得解除合同')).toEqual(['不得解除'])
  })

  it('reports the longest phrase, once, in order of appearance', () => {
    expect(lintAgreement('概不退款。再说一遍：概不退款。另外不退款。')).toEqual(['概不退款', '不退款'])
  })

  it('is not fooled by spaces or traditional script', () => {
    expect(lintAgreement('概 不　退 款')).toEqual(['概不退款'])
    expect(lintAgreement('餘額過期作廢，最終解釋權歸本店')).toEqual(['過期作廢', '最終解釋權'])
  })

  it('does not flag an expiry phrase that is negated', () => {
    expect(lintAgreement('余额永不过期作废，也不会过期清零')).toEqual([])
    expect(lintAgreement('余额不会被自动清零')).toEqual([])
  })

  it('finds nothing in plain fair terms', () => {
    expect(lintAgreement('记名储值余额长期有效，不设有效期。可随时申请退还剩余本金。')).toEqual([])
  })
})

describe('assertAgreementUsable', () => {
  it('refuses void clauses, listing them', () => {
    try {
      assertAgreementUsable({ version: '2026-11-01', text: '概不退款，过期作废' })
      throw new Error('should have thrown')
    } catch (e) {
      expect(e).toBeInstanceOf(AgreementError)
      expect((e as AgreementError).findings).toEqual(['概不退款', '过期作废'])
    }
  })

  it('refuses a bad version or empty text', () => {
    expect(() => assertAgreementUsable({ version: 'v1', text: '正文' })).toThrow('version must be YYYY-MM-DD')
    expect(() => assertAgreementUsable({ version: '2026-11-01', text: '  ' })).toThrow('empty')
  })
})

describe('DEMO_AGREEMENT', () => {
  it('passes the lint and is usable', () => {
    expect(DEMO_AGREEMENT.version).toBe('2026-11-01')
    expect(lintAgreement(DEMO_AGREEMENT.text)).toEqual([])
    expect(() => assertAgreementUsable(DEMO_AGREEMENT)).not.toThrow()
  })

  it('states the rules the product enforces', () => {
    const t = DEMO_AGREEMENT.text
    expect(t).toContain('5,000元') // A3 cap
    expect(t).toContain('不设有效期') // A4 no expiry
    expect(t).toContain('7日内') // B8 cooling-off
    expect(t).toContain('250 × 300 ÷ 350 = 214.29元') // D2 proportional refund, same numbers as the rules doc
    expect(t).toContain('暂停接受新的充值') // B2 risk mode
  })
})

describe('checkAgreementAccepted', () => {
  it('only the current version counts as accepted', () => {
    expect(checkAgreementAccepted('2026-11-01', DEMO_AGREEMENT)).toEqual({ ok: true, data: { version: '2026-11-01' } })
    expect(checkAgreementAccepted('2026-01-01', DEMO_AGREEMENT)).toEqual({
      ok: false,
      error: { code: 'AGREEMENT_REQUIRED', message: '储值协议已更新，请阅读并同意新版本后再充值' }
    })
    expect(checkAgreementAccepted(undefined, DEMO_AGREEMENT)).toEqual({
      ok: false,
      error: { code: 'AGREEMENT_REQUIRED', message: '请先阅读并同意储值协议' }
    })
  })
})

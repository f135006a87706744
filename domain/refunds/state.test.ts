import { movePart, refundState, REFUND_GUIDANCE, type PartEvent, type PartState } from './state'

const EVENTS: PartEvent[] = ['approve', 'reject', 'SUCCESS', 'ABNORMAL', 'CLOSED', 'PROCESSING', 'manual_paid']

describe('movePart', () => {
  it('approval sends, rejection gives the held value back', () => {
    expect(movePart('awaiting_approval', 'approve')).toEqual({ state: 'processing', effect: 'send' })
    expect(movePart('awaiting_approval', 'reject')).toEqual({ state: 'rejected', effect: 'release' })
    expect(movePart('awaiting_approval', 'SUCCESS')).toEqual({ state: 'awaiting_approval', effect: null })
  })

  it('WeChat Pay outcomes settle or release once; PROCESSING changes nothing', () => {
    expect(movePart('processing', 'SUCCESS')).toEqual({ state: 'succeeded', effect: 'settle' })
    expect(movePart('processing', 'manual_paid')).toEqual({ state: 'succeeded', effect: 'settle' })
    expect(movePart('processing', 'ABNORMAL')).toEqual({ state: 'abnormal', effect: 'release' })
    expect(movePart('processing', 'CLOSED')).toEqual({ state: 'closed', effect: 'release' })
    expect(movePart('processing', 'PROCESSING')).toEqual({ state: 'processing', effect: null })
    expect(movePart('processing', 'approve')).toEqual({ state: 'processing', effect: null })
  })

  it('a part that ended ignores every later event: a repeated or late notification posts nothing', () => {
    for (const s of ['succeeded', 'abnormal', 'closed', 'rejected'] as PartState[]) for (const e of EVENTS) expect(movePart(s, e)).toEqual({ state: s, effect: null })
  })

  it('over any sequence of events a part settles or releases at most once, never both', () => {
    const seqs: PartEvent[][] = []
    for (const a of EVENTS) for (const b of EVENTS) for (const c of EVENTS) seqs.push([a, b, c, 'SUCCESS', 'CLOSED'])
    for (const seq of seqs) {
      let s: PartState = 'awaiting_approval'
      const effects: string[] = []
      for (const e of seq) {
        const m = movePart(s, e)
        s = m.state
        if (m.effect === 'settle' || m.effect === 'release') effects.push(m.effect)
      }
      expect(effects.length).toBeLessThanOrEqual(1)
    }
  })
})

describe('refundState', () => {
  it('follows its parts', () => {
    expect(refundState(['awaiting_approval', 'awaiting_approval'])).toBe('pending_approval')
    expect(refundState(['succeeded', 'processing'])).toBe('processing')
    expect(refundState(['succeeded', 'closed'])).toBe('succeeded')
    expect(refundState(['abnormal', 'closed'])).toBe('abnormal')
    expect(refundState(['rejected'])).toBe('rejected')
    expect(refundState(['closed'])).toBe('closed')
    expect(() => refundState([])).toThrow(RangeError)
  })

  it('has guidance for the member and staff in every state', () => {
    for (const s of ['pending_approval', 'processing', 'succeeded', 'abnormal', 'rejected', 'closed'] as const) {
      expect(REFUND_GUIDANCE[s].member).toMatch(/[\u4e00-\u9fff]/)
      expect(REFUND_GUIDANCE[s].staff).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

/**
 * The versioned prepaid agreement (储值协议) shown before payment (实施条例 Art 22, checklist 15).
 *
 * `lintAgreement` finds format clauses courts void in prepaid contracts (B7: "概不退款",
 * "余额/过期作废", "最终解释权归商家", bars on rescission). The exact statutory list is not
 * verified, so the list below errs towards flagging: a merchant can always say the same thing
 * positively ("余额长期有效"). An expiry phrase directly negated ("永不过期作废") is not flagged.
 */
import type { ErrorCode } from '../contracts/result'

export interface Agreement {
  /** 'YYYY-MM-DD' of the text's publication; a recharge records the version accepted */
  version: string
  text: string
}

export type VoidClauseKind = 'no_refund' | 'forfeiture' | 'final_interpretation' | 'no_rescission'

/** Phrases in simplified and traditional script. */
export const VOID_CLAUSES: Record<VoidClauseKind, readonly string[]> = {
  no_refund: [
    '概不退款', '不予退款', '不退款', '不可退款', '不能退款', '不得退款', '恕不退',
    '概不退还', '不予退还', '概不退换', '不退不换', '一经售出',
    '不退卡', '不予退卡', '不可退卡', '不能退卡', '不得退卡'
  ],
  forfeiture: [
    '过期作废', '余额作废', '逾期作废', '到期作废', '过期无效', '逾期无效',
    '过期清零', '余额清零', '到期清零', '自动清零',
    '過期作廢', '餘額作廢', '逾期作廢', '到期作廢', '過期無效', '逾期無效', '餘額清零'
  ],
  final_interpretation: ['最终解释权', '解释权归', '最終解釋權', '解釋權歸'],
  no_rescission: ['不得解除', '不可解除', '不能解除']
}

// "余额不会过期作废" says the opposite of the clause; only expiry phrases get this allowance.
const NEGATIONS = ['不会被', '不会', '永不', '绝不', '并不', '从不']

/** Void clauses found in `text`, in order of appearance, each phrase once. */
export function lintAgreement(text: string): string[] {
  // spaces inserted between characters must not hide a phrase
  const t = text.replace(/[\s\u3000]+/g, '')
  const hits: Array<{ at: number; end: number; phrase: string }> = []
  for (const [kind, phrases] of Object.entries(VOID_CLAUSES) as Array<[VoidClauseKind, readonly string[]]>) {
    for (const phrase of phrases) {
      for (let at = t.indexOf(phrase); at >= 0; at = t.indexOf(phrase, at + 1)) {
        if (kind === 'forfeiture' && NEGATIONS.some((n) => t.slice(0, at).endsWith(n))) continue
        hits.push({ at, end: at + phrase.length, phrase })
      }
    }
  }
  // one finding per stretch of text: overlapping matches ("概不退款" and the "不退款" inside it,
  // "最终解释权" and "解释权归") report the earliest, longest one
  hits.sort((a, b) => a.at - b.at || b.end - a.end)
  const kept: typeof hits = []
  for (const h of hits) if (kept.length === 0 || h.at >= kept[kept.length - 1].end) kept.push(h)
  return [...new Set(kept.map((h) => h.phrase))]
}

export class AgreementError extends Error {
  constructor(message: string, readonly findings: string[]) {
    super(message)
    this.name = 'AgreementError'
  }
}

/** For seeding and the admin editor: refuses an agreement that must not be shown to members. */
export function assertAgreementUsable(a: Agreement): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.version)) throw new AgreementError(`version must be YYYY-MM-DD: ${a.version}`, [])
  if (a.text.trim().length === 0) throw new AgreementError('agreement text is empty', [])
  const findings = lintAgreement(a.text)
  if (findings.length > 0) throw new AgreementError(`agreement contains void clauses: ${findings.join('、')}`, findings)
}

/** A recharge may only be created against the agreement version the member saw and accepted. */
export function checkAgreementAccepted(
  acceptedVersion: string | undefined,
  current: Agreement
): { ok: true; data: { version: string } } | { ok: false; error: { code: Extract<ErrorCode, 'AGREEMENT_REQUIRED'>; message: string } } {
  if (acceptedVersion === current.version) return { ok: true, data: { version: current.version } }
  return {
    ok: false,
    error: { code: 'AGREEMENT_REQUIRED', message: acceptedVersion ? '储值协议已更新，请阅读并同意新版本后再充值' : '请先阅读并同意储值协议' }
  }
}

export const DEMO_AGREEMENT: Agreement = {
  version: '2026-11-01',
  text: `储值示范咖啡 会员储值协议（版本 2026-11-01）

一、适用范围
本协议适用于您在"储值示范咖啡"小程序及徐汇店、静安店的会员储值。储值余额只能在本品牌门店和小程序内使用，不能转到其他商户。

二、充值与赠送
1. 您实际支付的金额为"本金"，本店按套餐或活动另外赠送的金额为"赠送金"。每笔充值的本金和赠送金分开记录，您可以在小程序中随时查看余额和每一笔交易记录。
2. 赠送金额和赠品以充值付款前页面显示的为准。本店以后调整套餐或活动，不影响您已经充值的余额和已经获得的权益。
3. 储值账户为记名账户，充值前需完成实名登记。未满18周岁的，请在监护人同意后充值。

三、余额上限与有效期
1. 每位会员的储值余额（含赠送金）上限为5,000元。充值后会超过上限的，系统在付款前提示并拒绝该笔充值，不会扣款。
2. 记名储值余额长期有效，不设有效期。

四、消费
每次用余额消费时，按该笔充值中本金与赠送金的比例同时扣减。例如充300元送50元后消费100元，扣减本金85.71元、赠送金14.29元。有多笔充值的，先使用较早的充值。

五、退款
1. 冷静期：自付款之日起7日内，该笔充值尚未使用的，您可以申请全额退还本金，赠送金和赠品同时收回。
2. 其他情况下，您可以随时申请退还剩余本金：剩余本金 = 剩余余额 × 实付金额 ÷（实付金额 + 赠送金额）。例如充300元送50元，消费100元后剩余250元，可退本金 250 × 300 ÷ 350 = 214.29元。赠送金只能消费使用，不兑换现金。
3. 退款原路退回微信支付；无法原路退回的，退到您本人名下的账户。退款不收取手续费，也不扣除任何佣金。
4. 因本店原因（例如停业、迁址、降低服务质量）退款的，本店另按充值时一年期贷款市场报价利率（LPR）支付利息。
5. 本店在收到退款申请后15日内办理完毕。

六、暂停充值、停业与迁址
经营出现可能影响正常服务的风险时，本店将暂停接受新的充值，已有余额照常使用和退款。停业或迁址的，本店至少提前30日在小程序和门店公告，并通过您预留的联系方式通知您；您可以选择继续消费或退还剩余本金。

七、个人信息
本店只收集储值服务必需的信息（手机号、实名信息、交易记录），用于身份核验、交易记录和依法留存。营销消息须经您单独同意，可随时退订。

八、协议变更与争议
协议更新后，新版本须经您同意才适用于之后的充值；未经您同意，已充值余额的权益不变。如有争议，双方协商解决；协商不成的，可以向消费者协会投诉，或向本店所在地人民法院起诉。
`
}

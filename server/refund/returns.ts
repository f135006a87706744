/**
 * ops.paymentReturn (A10): goods paid from the balance are returned; the value goes back into the
 * lots the payment drew from, principal to principal and bonus to bonus, and the stores that
 * recognised it give it back (domain/ledger/refund.ts balanceReturnPosting). One transaction
 * writes the posting, the member (balances, lots, each lot's redeemed sum lowered), the store
 * accounts, the payment's list of returns and the return's record. The return's id comes from
 * the payment and the request id, so a retry returns nothing twice; a partial return is allowed
 * up to what is left of the payment.
 */
import { createHash } from 'crypto'
import type { PaymentReturnView } from '../../contracts/ops'
import { balanceReturnPosting, type Entry, type LotAmounts } from '../../domain/ledger'
import { fen, MoneyError, type Fen } from '../../domain/money'
import { putBackIntoLots } from '../../domain/refunds'
import { database } from '../cloud'
import { now } from '../clock'
import { AppError } from '../errors'
import { fault } from '../faults'
import { COLLECTIONS as C } from '../db/indexes'
import { transact } from '../db/tx'
import { incStoreAccounts } from '../ledger/store'
import { requireStore, type StaffDoc } from '../staff'
import type { JournalDoc, MemberDoc, PaymentDoc, PaymentReturnDoc, StoredLot } from '../collections'

export const returnIdOf = (paymentId: string, requestId: string) => `ret_${createHash('sha256').update(`${paymentId}\n${requestId}`).digest('hex').slice(0, 40)}`

const spent = (p: PaymentDoc) => p.principal + p.bonus
const returned = (p: PaymentDoc) => (p.returns ?? []).reduce((s, r) => s + r.amount, 0)

function view(r: PaymentReturnDoc, payment: PaymentDoc): PaymentReturnView {
  return {
    returnId: r._id,
    paymentId: r.paymentId,
    amount: fen(r.amount),
    principal: fen(r.lots.reduce((s, l) => s + l.principal, 0)),
    bonus: fen(r.lots.reduce((s, l) => s + l.bonus, 0)),
    left: fen(spent(payment) - returned(payment))
  }
}

/** Lowers each lot's running redeemed sum by what came back to it (checkout recognises revenue from it). */
function unredeem(lots: readonly StoredLot[], back: readonly LotAmounts[]): StoredLot[] {
  return lots.map((l) => {
    const b = back.find((x) => x.lotId === l.id)
    return b && l.redeemed !== undefined ? { ...l, redeemed: l.redeemed - b.principal - b.bonus } : l
  })
}

export async function returnPayment(staff: StaffDoc, paymentId: string, requestId: string, reason: string, amount?: Fen): Promise<PaymentReturnView> {
  const db = database()
  const _ = db.command
  const first = (await db.collection(C.payments).doc(paymentId).get()).data as PaymentDoc | null
  if (!first) throw new AppError('NOT_FOUND', '没有找到这笔付款，请核对后重试')
  requireStore(staff, first.storeId)
  const returnId = returnIdOf(paymentId, requestId)
  return transact(db, async (t): Promise<PaymentReturnView> => {
    const { data: payment } = await t.collection(C.payments).doc<PaymentDoc>(paymentId).get()
    const { data: done } = await t.collection(C.paymentReturns).doc<PaymentReturnDoc>(returnId).get()
    if (!payment) throw new AppError('NOT_FOUND', '没有找到这笔付款，请核对后重试')
    if (done) return view(done, payment)
    // a mixed payment still waiting for its WeChat Pay part has no spend posting yet: nothing to return
    if (!payment.journalId || payment.state !== 'paid') throw new AppError('NOT_FOUND', '这笔付款尚未完成，不能退货')
    const journalId = payment.journalId
    const left = spent(payment) - returned(payment)
    const want = amount ?? left
    if (want <= 0 || want > left) throw new AppError('RETURN_TOO_LARGE', `这笔付款还可退回 ${(left / 100).toFixed(2)} 元`)
    const { data: spend } = await t.collection(C.journal).doc<JournalDoc & { lots: LotAmounts[] }>(journalId).get()
    const { data: member } = await t.collection(C.members).doc<MemberDoc>(payment.openid).get()
    if (!spend || !member) throw new Error(`payment ${paymentId} has no spend posting or member`)
    let built: ReturnType<typeof balanceReturnPosting>
    try {
      built = balanceReturnPosting(returnId, { spendId: paymentId, openid: payment.openid, entries: spend.entries as Entry[], lots: spend.lots, returns: (payment.returns ?? []) as never }, fen(want))
    } catch (err) {
      if (err instanceof MoneyError) throw new AppError('RETURN_TOO_LARGE', `这笔付款还可退回 ${(left / 100).toFixed(2)} 元`)
      throw err
    }
    const { posting, lots } = built
    const at = now()
    const p = lots.reduce((s, l) => s + l.principal, 0)
    const b = lots.reduce((s, l) => s + l.bonus, 0)
    await t.collection(C.members).doc(payment.openid).update({ data: { principal: _.inc(p), bonus: _.inc(b), lots: unredeem(putBackIntoLots(member.lots, lots), lots) } })
    fault('return:member')
    await incStoreAccounts(t, _, posting.entries, at, 'return:account')
    // the lots given back sit beside the posting, not as its `lots` (reconcile reads those as a spend's draws)
    await t.collection(C.journal).add({ data: { _id: posting.id, ...posting, returnedLots: lots, createdAt: at } })
    const entries = posting.entries.map((e) => ({ account: e.account, kind: e.kind, amount: e.amount }))
    await t.collection(C.payments).doc(paymentId).update({ data: { returns: _.push([{ id: returnId, amount: want, entries, lots }]) } })
    const doc: PaymentReturnDoc = { _id: returnId, paymentId, openid: payment.openid, storeId: payment.storeId, requestId, reason, amount: want, entries, lots, by: staff._id, createdAt: at }
    const { _id, ...fields } = doc
    await t.collection(C.paymentReturns).add({ data: { _id, ...fields } })
    fault('return:doc')
    return view(doc, { ...payment, returns: [...(payment.returns ?? []), { id: returnId, amount: want, entries, lots }] })
  })
}

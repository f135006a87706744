import type { OpsResults } from '../contracts/ops'
import { database } from './cloud'
import { COLLECTIONS as C } from './db/indexes'
import type { OrderDoc, ShippingDoc } from './collections'
import { AppError } from './errors'
import { uploadOnce } from './shipping'
import { requireStore, type StaffDoc } from './staff'

/**
 * ops.retryShipping: one more upload attempt, by staff of the order's store. The task carries no
 * store, so the store is read from its order; a task whose order cannot be found is refused.
 */
export async function retryShipping(staff: StaffDoc, id: string): Promise<OpsResults['retryShipping']> {
  const db = database()
  const task = (await db.collection(C.shipping).doc(id).get()).data as ShippingDoc | null
  const order = task ? ((await db.collection(C.orders).doc(task.outTradeNo).get()).data as OrderDoc | null) : null
  if (!task || !order) throw new AppError('NOT_FOUND', '没有这条发货记录，请刷新后重试')
  requireStore(staff, order.storeId)
  const status = await uploadOnce(id)
  if (status === 'missing') throw new AppError('NOT_FOUND', '没有这条发货记录，请刷新后重试')
  return { status }
}

import { database } from '../cloud'
import { now } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import type { OrderDoc, PayIncidentDoc } from '../collections'
import { isDuplicateKey } from '../db/transaction'

const RESOURCE_CHARS = 2000

/**
 * Records a signed notification we cannot process, once per event (WeChat Pay may deliver it
 * again before it sees our answer): a resource we cannot read, or a payment for an order we do
 * not have. Staff see it through ops.attention. Throws when the record cannot be written: the
 * caller then answers FAIL so that WeChat Pay delivers it again and the record is not lost.
 */
export async function recordPayIncident(e: {
  kind: PayIncidentDoc['kind']
  eventId: string
  eventType: string
  outTradeNo: string | null
  reason: string
  resource: unknown
}): Promise<void> {
  const db = database()
  const order = e.outTradeNo ? await orderOrNull(e.outTradeNo) : null
  const doc: Omit<PayIncidentDoc, '_id'> = {
    kind: e.kind,
    eventId: e.eventId,
    eventType: e.eventType,
    outTradeNo: e.outTradeNo,
    transactionId: transactionIdOf(e.resource),
    storeId: order?.storeId ?? null,
    reason: e.reason,
    resource: JSON.stringify(e.resource ?? null).slice(0, RESOURCE_CHARS),
    createdAt: now()
  }
  try {
    await db.collection(C.payIncidents).add({ data: { _id: `notify:${e.eventId.slice(0, 100)}`, ...doc } })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
}

/** The resource's transaction_id when it is a readable string (a malformed resource may hold anything). */
function transactionIdOf(resource: unknown): string | null {
  const id = resource && typeof resource === 'object' ? (resource as { transaction_id?: unknown }).transaction_id : undefined
  return typeof id === 'string' && id ? id.slice(0, 64) : null
}

/** The order a malformed resource names, if that string is an order of ours (any string may come). */
async function orderOrNull(outTradeNo: string): Promise<OrderDoc | null> {
  try {
    return ((await database().collection(C.orders).doc(outTradeNo).get()).data as OrderDoc | null) ?? null
  } catch {
    return null
  }
}

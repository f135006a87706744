import type { TxLike } from '../db/tx'
import type { OrderDoc } from '../collections'

export async function releaseFreeBill(_t: TxLike, _order: OrderDoc, _at: Date): Promise<void> {}

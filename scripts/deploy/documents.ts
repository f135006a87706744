/**
 * The merchant's documents (settings, stores, plans, campaigns, staff) as the functions read
 * them, and writing them so that a re-run changes nothing: each document is compared with what
 * is stored and written only when it differs. Plans and campaigns that are stored but no longer
 * in merchant.json are switched off (`active: false`), never deleted: orders refer to them.
 */
import { COLLECTIONS as C, type CollectionName } from '../../server/db/indexes'
import type { Db } from '../../server/db/types'
import { isDuplicateKey } from '../../server/db/transaction'
import { SETTINGS_ID } from '../../server/merchant'
import type { MerchantFile } from './merchant'

export type Data = Record<string, unknown>

export interface MerchantDoc {
  collection: CollectionName
  id: string
  data: Data
}

/** The same documents local/seed.ts writes for the demo merchant. */
export function merchantDocuments(m: MerchantFile): MerchantDoc[] {
  return [
    { collection: C.settings, id: SETTINGS_ID, data: settingsData(m) },
    ...m.stores.map((s) => ({ collection: C.stores, id: s.id, data: { ...s } })),
    ...m.plans.map((p) => ({ collection: C.plans, id: p.id, data: { ...p } as Data })),
    ...m.campaigns.map((c) => ({ collection: C.campaigns, id: c.id, data: { ...c } as Data })),
    ...m.staff.map(({ openid, ...rest }) => ({ collection: C.staff, id: openid, data: { ...rest } }))
  ]
}

/** The settings document; tiers, coupon templates and points only when merchant.json has them. */
function settingsData(m: MerchantFile): Data {
  const d: Data = { name: m.name, offers: m.offers, agreement: m.agreement, orderTtlMinutes: m.orderTtlMinutes }
  if (m.tiers) d.tiers = m.tiers
  if (m.couponTemplates) d.couponTemplates = m.couponTemplates
  if (m.points) d.points = m.points
  return d
}

/** Collections whose stored documents not in merchant.json are switched off rather than left on. */
export const SWITCHED_OFF_WHEN_REMOVED: readonly CollectionName[] = [C.plans, C.campaigns]

/** The two SDKs differ in shape (wx-server-sdk wraps data in `{ data }`); the writer needs only this. */
export interface DocStore {
  /** every document of a small collection (a merchant has tens of plans, not hundreds) */
  list(collection: string): Promise<Array<Data & { _id: string }>>
  set(collection: string, id: string, data: Data): Promise<void>
  /** whether a document exists (collections too large to list, like accounts) */
  exists(collection: string, id: string): Promise<boolean>
  /** writes a new document, never over an existing one: false when `id` exists already */
  create(collection: string, id: string, data: Data): Promise<boolean>
}

export interface DocChange {
  action: 'create' | 'update' | 'switch off'
  collection: string
  id: string
  data: Data
}

const LIST_LIMIT = 100

/** JSON with sorted keys: the stored copy may list fields in another order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Data
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined && k !== '_id' && k !== '_openid')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

/** What would change, without writing. */
export async function diffDocuments(store: DocStore, docs: MerchantDoc[]): Promise<DocChange[]> {
  const changes: DocChange[] = []
  const collections = [...new Set([...docs.map((d) => d.collection), ...SWITCHED_OFF_WHEN_REMOVED])]
  for (const collection of collections) {
    const stored = await store.list(collection)
    if (stored.length >= LIST_LIMIT) throw new Error(`${collection} holds ${stored.length} documents or more: merchant data is expected to be small`)
    const byId = new Map(stored.map((d) => [d._id, d]))
    const wanted = docs.filter((d) => d.collection === collection)
    for (const d of wanted) {
      const now = byId.get(d.id)
      if (!now) changes.push({ action: 'create', collection, id: d.id, data: d.data })
      else if (canonical(now) !== canonical(d.data)) changes.push({ action: 'update', collection, id: d.id, data: d.data })
    }
    if (!SWITCHED_OFF_WHEN_REMOVED.includes(collection)) continue
    for (const d of stored) {
      if (wanted.some((w) => w.id === d._id) || d.active === false) continue
      const { _id, ...rest } = d
      changes.push({ action: 'switch off', collection, id: _id, data: { ...rest, active: false } })
    }
  }
  return changes
}

/** Writes only what differs; returns what it wrote (nothing on a re-run). */
export async function applyDocuments(store: DocStore, docs: MerchantDoc[]): Promise<DocChange[]> {
  const changes = await diffDocuments(store, docs)
  for (const c of changes) await store.set(c.collection, c.id, c.data)
  return changes
}

/** A DocStore on wx-server-sdk's database (the local cloud in tests). */
export function wxDocStore(db: Db): DocStore {
  return {
    async list(collection) {
      return (await db.collection(collection).limit(LIST_LIMIT).get()).data
    },
    async set(collection, id, data) {
      await db.collection(collection).doc(id).set({ data })
    },
    async exists(collection, id) {
      return Boolean((await db.collection(collection).doc(id).get()).data)
    },
    async create(collection, id, data) {
      try {
        await db.collection(collection).add({ data: { ...data, _id: id } })
        return true
      } catch (err) {
        if (isDuplicateKey(err)) return false
        throw err
      }
    }
  }
}

/** The part of @cloudbase/node-sdk's database used here: `set` takes the document itself. */
export interface NodeSdkDb {
  collection(name: string): {
    limit(n: number): { get(): Promise<{ data?: Array<Data & { _id: string }>; code?: string; message?: string }> }
    doc(id: string): {
      set(data: Data): Promise<{ code?: string; message?: string }>
      /** outside a transaction `data` is a list (empty when the document does not exist) */
      get(): Promise<{ data?: Data[]; code?: string; message?: string }>
    }
    add(data: Data): Promise<{ id?: string; code?: string; message?: string }>
  }
}

/** A DocStore on @cloudbase/node-sdk, which reaches the environment from outside with API keys. */
export function nodeSdkDocStore(db: NodeSdkDb): DocStore {
  return {
    async list(collection) {
      const r = await db.collection(collection).limit(LIST_LIMIT).get()
      if (r.code) throw new Error(`${collection}: ${r.code} ${r.message ?? ''}`)
      return r.data ?? []
    },
    async set(collection, id, data) {
      const r = await db.collection(collection).doc(id).set(data)
      if (r?.code) throw new Error(`${collection}/${id}: ${r.code} ${r.message ?? ''}`)
    },
    async exists(collection, id) {
      const r = await db.collection(collection).doc(id).get()
      if (r.code) throw new Error(`${collection}/${id}: ${r.code} ${r.message ?? ''}`)
      return (r.data ?? []).length > 0
    },
    async create(collection, id, data) {
      // node-sdk answers errors instead of throwing; a duplicate _id is E11000 in the message
      const r = await db.collection(collection).add({ ...data, _id: id })
      if (!r.code) return true
      if (isDuplicateKey({ code: r.code, message: r.message })) return false
      throw new Error(`${collection}/${id}: ${r.code} ${r.message ?? ''}`)
    }
  }
}

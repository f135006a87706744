/**
 * The part of wx-server-sdk's database API the functions use, typed as promises only.
 * (The SDK's own d.ts unions every call with its callback form, which types as `string | void`.)
 */
export interface Query {
  where(query: Record<string, unknown>): Query
  orderBy(field: string, order: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  field(projection: Record<string, boolean>): Query
  get(): Promise<{ data: any[] }>
  count(): Promise<{ total: number }>
  update(o: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface DocRef {
  get(): Promise<{ data: any | null }>
  set(o: { data: Record<string, unknown> }): Promise<unknown>
  update(o: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
  remove(): Promise<unknown>
}

export interface Collection extends Query {
  doc(id: string): DocRef
  add(o: { data: Record<string, unknown> }): Promise<{ _id: string }>
}

export interface Db {
  collection(name: string): Collection
  /** db.command: query and update operators (eq, gt, in, inc, push, …) */
  command: any
  serverDate(): unknown
  runTransaction(run: (t: any) => Promise<unknown>, retry?: number): Promise<unknown>
}

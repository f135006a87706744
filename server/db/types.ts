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

/** An aggregation pipeline (db.command.aggregate builds its expressions); never inside a transaction. */
export interface Aggregate {
  match(query: Record<string, unknown>): Aggregate
  unwind(path: string): Aggregate
  group(spec: Record<string, unknown>): Aggregate
  project(spec: Record<string, unknown>): Aggregate
  sort(spec: Record<string, 1 | -1>): Aggregate
  skip(n: number): Aggregate
  limit(n: number): Aggregate
  end(): Promise<{ list: any[] }>
}

export interface Collection extends Query {
  doc(id: string): DocRef
  add(o: { data: Record<string, unknown> }): Promise<{ _id: string }>
  aggregate(): Aggregate
}

export interface Db {
  collection(name: string): Collection
  /** db.command: query and update operators (eq, gt, in, inc, push, …) */
  command: any
  serverDate(): unknown
  runTransaction(run: (t: any) => Promise<unknown>, retry?: number): Promise<unknown>
}

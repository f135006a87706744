import type { z } from 'zod'

/**
 * A cloud function's contract: the zod schema of its events (a discriminated union on `action`,
 * every object strict) and, as a type only, what each action answers. The server's route map is
 * checked against the results at compile time (server/handler.ts `memberFunction`), and the app's
 * typed client reads the same results (src/services), so a function answering the wrong shape,
 * or an action without a declared result, fails `npm run typecheck`.
 */
export type EventSchema = z.ZodDiscriminatedUnion<'action', StrictOption[]>
/** Each action's object is strict (z.strictObject): a field it does not name is refused, never dropped. */
type StrictOption = z.ZodObject<{ action: z.ZodTypeAny } & z.ZodRawShape, 'strict'>

export type ActionOf<S extends EventSchema> = z.output<S>['action'] & string

export interface FunctionContract<S extends EventSchema, R extends Record<ActionOf<S>, unknown>> {
  readonly name: string
  readonly event: S
  /** phantom: never set at run time, carries the result types */
  readonly results?: R
}

/** Names the actions that have no result, or the results that have no action. */
type SameActions<S extends EventSchema, R> = [Exclude<ActionOf<S>, keyof R>] extends [never]
  ? [Exclude<keyof R, ActionOf<S>>] extends [never]
    ? unknown
    : { resultsWithoutAction: Exclude<keyof R, ActionOf<S>> }
  : { actionsWithoutResult: Exclude<ActionOf<S>, keyof R> }

/** `defineContract<Results>()('name', schema)`: the results are written, the schema inferred. */
export const defineContract =
  <R>() =>
  <S extends EventSchema>(name: string, event: S & SameActions<S, R>) =>
    ({ name, event }) as FunctionContract<S, R & Record<ActionOf<S>, unknown>>

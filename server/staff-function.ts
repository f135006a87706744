import type { z } from 'zod'
import type { ActionOf, EventSchema, FunctionContract } from '../contracts/define'
import { memberFunction, type Routes } from './handler'
import type { PermittedAction } from './permissions'
import { authorize, type StaffDoc } from './staff'

/** One handler per action, given the staff member the permission table let through. */
export type StaffRoutes<S extends EventSchema, R extends Record<string, unknown>> = {
  [A in keyof R & string]: (event: Extract<z.output<S>, { action: A }>, staff: StaffDoc) => Promise<R[A]>
}

/**
 * A staff-only cloud function: like `memberFunction`, and before any route runs, the caller must
 * be staff whose role the permission table (server/permissions.ts) allows for the event's action.
 * No route can skip the check: they receive the authorised staff member, not the caller.
 */
export function staffFunction<S extends EventSchema, R extends Record<ActionOf<S>, unknown>>(
  contract: FunctionContract<S, R> & { event: { _output: { action: PermittedAction } } },
  routes: StaffRoutes<S, R>
) {
  const guarded: Record<string, (event: never, who: { openid: string }) => Promise<unknown>> = {}
  for (const action of Object.keys(routes) as Array<keyof R & string>) {
    const route = routes[action] as (event: unknown, staff: StaffDoc) => Promise<unknown>
    guarded[action] = async (event, who) => route(event, await authorize(who.openid, action as PermittedAction))
  }
  return memberFunction(contract, guarded as unknown as Routes<S, R>)
}

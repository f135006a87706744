import { unwrap } from './envelope'
import { send } from './transport'

/**
 * Calls cloud function `name` with `event` and returns its data, or throws ApiError with the
 * function's error code. The only way pages reach the backend (through the typed wrappers).
 */
export async function callFunction<E, T>(name: string, event: E): Promise<T> {
  return unwrap<T>(await send(name, event))
}

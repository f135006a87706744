import { PayError } from './types'

/** For tests: the PayError a call rejects with (anything else, or success, fails the test). */
export async function caught(p: Promise<unknown>): Promise<PayError> {
  try {
    await p
  } catch (e) {
    if (e instanceof PayError) return e
    throw e
  }
  throw new Error('expected a PayError')
}

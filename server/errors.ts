import type { ErrorCode } from '../contracts/result'

/** An error a client may see: a stable code and a message for people. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const fail = (code: ErrorCode, message: string): never => {
  throw new AppError(code, message)
}

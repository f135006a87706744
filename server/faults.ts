/**
 * Fault injection for crash tests. Code calls `fault('credit:journal')` at the points where a
 * crash would hurt; a test arms one point and the next pass through it throws. Unarmed (always,
 * in production) it is a Set lookup.
 */
const armed = new Set<string>()

export class InjectedFault extends Error {
  constructor(readonly point: string) {
    super(`injected fault at ${point}`)
    this.name = 'InjectedFault'
  }
}

export function fault(point: string): void {
  if (armed.size && armed.delete(point)) throw new InjectedFault(point)
}

export function armFault(point: string): void {
  armed.add(point)
}

export function disarmFaults(): void {
  armed.clear()
}

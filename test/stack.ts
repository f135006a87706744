import fs from 'fs'
import os from 'os'
import path from 'path'
import { startStack, type Stack, type StackOptions } from '../local/server/stack'
import { reconcileLedger } from '../server/ledger/reconcile'
import { database } from '../server/cloud'
import { COLLECTIONS as C } from '../server/db/indexes'
import type { CreatedOrder } from '../contracts/api'
import { disarmFaults } from '../server/faults'
import { shiftClock } from '../server/clock'
import type { KeyMode } from '../local/wechatpay-sim/keys'
import type { OpenapiHandler } from '../local/cloud'
import type { DeliveryMode } from '../local/wechatpay-sim'
import { TEST_KEYS_ENV } from './test-keys'

/**
 * One stack for the whole test file, handed to `use` once it runs. After every test, pass or
 * fail, injected faults, the shifted clock, the simulator's delivery mode and the open API
 * handler are reset and the simulator's deliveries finish; then the ledger must reconcile (no
 * integration test may leave money that does not add up) and no function may have worked
 * after returning (CloudBase freezes it then: docs/local-cloud.md, "Runtime limits").
 *
 * Tests that change the delivery mode or the open API handler restore it themselves in
 * `finally` (withDelivery, withOpenapi), so an assertion failing inside a loop or a
 * fast-check property does not leave the next iteration running in the wrong mode.
 */
export function useTestStack(use: (stack: TestStack) => void, options: TestStackOptions = {}): void {
  // integration tests bound their work by count; jest's timeout only catches a hang, so it sits
  // far above what a loaded 2-core machine needs (the 5 s default failed busy runs)
  jest.setTimeout(HANG_GUARD_MS)
  let stack: TestStack
  beforeAll(async () => {
    stack = await startTestStack(options)
    use(stack)
  })
  afterAll(async () => {
    try {
      if (stack) expect(stack.stack.cloud.lateWork).toEqual([])
    } finally {
      await stack?.close()
    }
  })
  afterEach(async () => {
    disarmFaults()
    shiftClock(0)
    stack.sim.setDeliveryMode('normal')
    stack.stack.cloud.setOpenapiHandler()
    await stack.sim.idle()
    await stack.expectLedgerConsistent()
    stack.expectNoLateWork()
  })
}

/** Jest's timeout for integration tests: a guard against hangs, not a bound on their work. */
export const HANG_GUARD_MS = 10 * 60_000

/** An openid no other test uses, so tests sharing one database stay independent. */
let users = 0
export const newOpenid = (prefix = 'u') => `${prefix}${++users}-${Date.now().toString(36)}`

/**
 * A whole local stack for integration tests: a throwaway in-memory database, the functions'
 * TypeScript sources, the WeChat Pay simulator on a random loopback port with a compressed
 * retry clock.
 */
export interface TestStackOptions extends Partial<StackOptions> {
  /** which of WeChat Pay's keys the merchant side is configured with (default: the public key) */
  payKeyMode?: KeyMode
}

export async function startTestStack({ payKeyMode, ...options }: TestStackOptions = {}): Promise<TestStack> {
  quietInjectedFaults()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-test-'))
  // RSA key generation is slow: test/node-global-setup.ts writes one key file per jest run
  // (and removes it after); without it (a stack started outside jest) keys are made here
  const shared = process.env[TEST_KEYS_ENV]
  if (shared && fs.existsSync(shared)) fs.copyFileSync(shared, path.join(dataDir, 'wechatpay-dev.json'))
  for (const k of Object.keys(process.env)) if (k.startsWith('WECHATPAY_')) delete process.env[k]
  if (payKeyMode) process.env.WECHATPAY_SIM_KEY_MODE = payKeyMode
  const stack = await startStack({ dataDir, dbFile: ':memory:', timeScale: 0.001, ...options })
  return new TestStack(stack, dataDir)
}

export class TestStack {
  constructor(
    readonly stack: Stack,
    readonly dataDir: string
  ) {}

  get url() {
    return this.stack.url
  }
  get sim() {
    if (!this.stack.simulator) throw new Error('no simulator')
    return this.stack.simulator
  }

  /**
   * Runs `fn` with the simulator delivering notifications in `mode` (default: never, i.e. paid
   * at WeChat Pay but not notified); back to normal afterwards, even when `fn` throws.
   */
  async withDelivery<T>(fn: () => T | Promise<T>, mode: DeliveryMode = 'never'): Promise<T> {
    this.sim.setDeliveryMode(mode)
    try {
      return await fn()
    } finally {
      this.sim.setDeliveryMode('normal')
    }
  }

  /** Runs `fn` with open API calls (shipping uploads…) answered by `handler`; the default afterwards, even when `fn` throws. */
  async withOpenapi<T>(handler: OpenapiHandler, fn: () => T | Promise<T>): Promise<T> {
    this.stack.cloud.setOpenapiHandler(handler)
    try {
      return await fn()
    } finally {
      this.stack.cloud.setOpenapiHandler()
    }
  }

  /** Fails when a function made platform calls after it returned; clears the record either way. */
  expectNoLateWork(): void {
    const late = this.stack.cloud.lateWork.splice(0)
    expect(late).toEqual([])
  }

  /** Calls a function as the mini-program would, as `openid`. */
  call(name: string, event: unknown, openid?: string): Promise<any> {
    return this.stack.cloud.invoke(name, event, { openid, appid: process.env.WECHATPAY_APPID, source: 'wx_client' })
  }

  /** Calls a function and returns its data, failing the test on an error envelope. */
  async data(name: string, event: unknown, openid: string): Promise<any> {
    const r = await this.call(name, event, openid)
    if (!r.ok) throw new Error(`${name}.${(event as any).action} failed: ${r.error.code} ${r.error.message}`)
    return r.data
  }

  async agreementVersion(openid: string): Promise<string> {
    return (await this.data('recharge', { action: 'plans' }, openid)).agreement.version
  }

  /** Creates an order the way the recharge page does. */
  async createOrder(openid: string, what: { planId?: string; amount?: number }): Promise<CreatedOrder> {
    const agreementVersion = await this.agreementVersion(openid)
    return this.data('recharge', { action: 'create', ...what, agreementVersion }, openid)
  }

  /**
   * A recharge order paid at WeChat Pay whose notification is held back: only the path a test
   * drives (a notification it posts, status polling, the cron sweep) can credit it.
   */
  async paidButNotNotified(openid: string, planId = 'p300') {
    return this.withDelivery(async () => {
      const order = await this.createOrder(openid, { planId })
      return { order, tx: this.sim.pay(order.outTradeNo) }
    })
  }

  /** POSTs a notification to the stack exactly as WeChat Pay would. */
  async postNotify(n: { headers: Record<string, string>; body: string }): Promise<number> {
    const res = await fetch(`${this.url}/api/pay/notify`, { method: 'POST', headers: n.headers, body: n.body })
    await res.text()
    return res.status
  }

  async balance(openid: string) {
    return this.data('wallet', { action: 'balance' }, openid)
  }

  async order(outTradeNo: string): Promise<any> {
    return (await database().collection(C.orders).doc(outTradeNo).get()).data
  }

  async count(collection: string, where: Record<string, unknown> = {}): Promise<number> {
    return (await database().collection(collection).where(where).count()).total
  }

  async expectLedgerConsistent(): Promise<void> {
    const r = await reconcileLedger()
    expect(r.violations).toEqual([])
  }

  async close() {
    await this.stack.close()
    fs.rmSync(this.dataDir, { recursive: true, force: true })
  }
}

/** Crash tests inject faults on purpose; their "[chuzhi] crediting failed" logs are expected noise. */
function quietInjectedFaults() {
  const original = console.error
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (args.some((a) => a instanceof Error && a.name === 'InjectedFault')) return
    original(...args)
  })
}

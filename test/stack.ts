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

/**
 * One stack for the whole test file, handed to `use` once it runs. After every test the
 * simulator's deliveries finish, injected faults and the shifted clock are reset, and the
 * ledger must reconcile: no integration test may leave money that does not add up.
 */
export function useTestStack(use: (stack: TestStack) => void, options: TestStackOptions = {}): void {
  let stack: TestStack
  beforeAll(async () => {
    stack = await startTestStack(options)
    use(stack)
  })
  afterAll(async () => {
    await stack?.close()
  })
  afterEach(async () => {
    disarmFaults()
    shiftClock(0)
    await stack.sim.idle()
    await stack.expectLedgerConsistent()
  })
}

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
  // keys are generated once per worker and reused: RSA key generation is slow
  const keyCache = path.join(os.tmpdir(), `chuzhi-test-keys-${process.pid}.json`)
  if (fs.existsSync(keyCache)) fs.copyFileSync(keyCache, path.join(dataDir, 'wechatpay-dev.json'))
  for (const k of Object.keys(process.env)) if (k.startsWith('WECHATPAY_')) delete process.env[k]
  if (payKeyMode) process.env.WECHATPAY_SIM_KEY_MODE = payKeyMode
  const stack = await startStack({ dataDir, dbFile: ':memory:', timeScale: 0.001, ...options })
  if (!fs.existsSync(keyCache)) fs.copyFileSync(path.join(dataDir, 'wechatpay-dev.json'), keyCache)
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

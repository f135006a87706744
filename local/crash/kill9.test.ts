/**
 * Issue 8 item 6: `kill -9` of the whole local stack while checkouts and notifications are in
 * flight, then a restart on the same data directory. WeChat Pay (the simulator) must resume like
 * the real one: every order it answered "paid" is credited exactly once, no order is credited
 * that it does not have as paid, notifications it still owed arrive, and the ledger reconciles.
 * Bound by count: N orders, the kill after the K-th "paid" answer.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'

const ROOT = path.join(__dirname, '..', '..')
const ORDERS = 10
const KILL_AFTER_PAID = 5

jest.setTimeout(180_000)

interface Child {
  proc: ChildProcessWithoutNullStreams
  /** resolves with the data of the first stdout line tagged `tag` */
  next<T>(tag: string): Promise<T>
  exited: Promise<void>
}

function startChild(dataDir: string, port: number, extraEnv: Record<string, string> = {}): Child {
  const env: NodeJS.ProcessEnv = { ...process.env, CHUZHI_DATA_DIR: dataDir, PORT: String(port), ...extraEnv }
  for (const k of Object.keys(env)) if (k.startsWith('WECHATPAY_')) delete env[k]
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'stack-process.ts')], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] })
  proc.stderr.resume()
  const lines: string[] = []
  const waiting: Array<() => void> = []
  let buf = ''
  proc.stdout.setEncoding('utf8')
  proc.stdout.on('data', (chunk: string) => {
    buf += chunk
    let nl: number
    while ((nl = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, nl))
      buf = buf.slice(nl + 1)
    }
    waiting.splice(0).forEach((w) => w())
  })
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  let dead = false
  void exited.then(() => {
    dead = true
    waiting.splice(0).forEach((w) => w())
  })
  return {
    proc,
    exited,
    async next<T>(tag: string): Promise<T> {
      for (;;) {
        const i = lines.findIndex((l) => l.startsWith(`${tag} `))
        if (i >= 0) return JSON.parse(lines.splice(i, 1)[0].slice(tag.length + 1)) as T
        if (dead) throw new Error(`the stack exited before saying ${tag}`)
        await new Promise<void>((resolve) => waiting.push(resolve))
      }
    }
  }
}

async function fn(url: string, name: string, event: object, openid: string): Promise<any> {
  const res = await fetch(`${url}/api/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify(event)
  })
  const r = (await res.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } }
  if (!r.ok) throw new Error(`${name}.${(event as any).action} as ${openid}: ${r.error?.code} ${r.error?.message}`)
  return r.data
}

it('kill -9 during checkouts and notifications, restart on the same data: every order WeChat Pay answered paid is credited exactly once', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-kill9-'))
  const children: Child[] = []
  try {
    // ---- first run: orders, then concurrent checkouts; notifications held back a little
    const first = startChild(dataDir, 0, { CRASH_SIM_DELAY_MS: '50' })
    children.push(first)
    const { url } = await first.next<{ url: string }>('STACK_READY')
    const port = Number(new URL(url).port)

    const orders: Array<{ openid: string; outTradeNo: string; prepayId: string; pay: number; bonus: number }> = []
    for (let i = 0; i < ORDERS; i++) {
      const openid = `kill9-${i}-${Date.now().toString(36)}`
      const offer = await fn(url, 'recharge', { action: 'plans' }, openid)
      const created = await fn(url, 'recharge', { action: 'create', amount: 10_000 + i * 100, agreementVersion: offer.agreement.version }, openid)
      orders.push({ openid, outTradeNo: created.outTradeNo, prepayId: created.payment.package.slice('prepay_id='.length), pay: created.pay, bonus: created.bonus })
    }

    const answeredPaid = new Set<string>()
    let killed = false
    await Promise.all(
      orders.map(async (o) => {
        try {
          const res = await fetch(`${url}/sim/checkout/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prepay_id: o.prepayId }) })
          const r = (await res.json()) as { result: string }
          if (r.result !== 'paid' || killed) return
          answeredPaid.add(o.outTradeNo)
          if (answeredPaid.size === KILL_AFTER_PAID) {
            killed = true
            first.proc.kill('SIGKILL')
          }
        } catch {
          // the stack died under this checkout: the payer saw no answer
        }
      })
    )
    if (!killed) first.proc.kill('SIGKILL')
    await first.exited
    expect(answeredPaid.size).toBeGreaterThanOrEqual(KILL_AFTER_PAID)

    // ---- restart on the same data directory and port (the notify_url WeChat Pay has on file)
    const second = startChild(dataDir, port)
    children.push(second)
    await second.next('STACK_READY')
    const idle = await second.next<{ deliveries: number; paid: string[] }>('STACK_IDLE')
    const paidAtWeChat = new Set(idle.paid)
    // WeChat Pay still owed notifications from before the crash, and delivered them
    expect(idle.deliveries).toBeGreaterThanOrEqual(1)
    for (const no of answeredPaid) expect(paidAtWeChat.has(no)).toBe(true)

    for (const o of orders) {
      const status = await fn(url, 'recharge', { action: 'status', outTradeNo: o.outTradeNo }, o.openid)
      const balance = await fn(url, 'wallet', { action: 'balance' }, o.openid)
      if (paidAtWeChat.has(o.outTradeNo)) {
        expect([o.outTradeNo, status.state]).toEqual([o.outTradeNo, 'credited'])
        // exactly once: one credit's principal and bonus, not two
        expect(balance).toMatchObject({ principal: o.pay, bonus: o.bonus })
      } else {
        expect([o.outTradeNo, status.state]).toEqual([o.outTradeNo, 'pending'])
        expect(balance).toMatchObject({ principal: 0, bonus: 0 })
      }
    }

    second.proc.stdin.write('reconcile\n')
    const reconciled = await second.next<{ violations: unknown[]; transactions: number }>('STACK_RECONCILED')
    expect(reconciled.violations).toEqual([])
    expect(reconciled.transactions).toBeGreaterThanOrEqual(paidAtWeChat.size)
  } finally {
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL')
    await Promise.all(children.map((c) => c.exited))
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})

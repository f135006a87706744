/**
 * The local stack as its own process, for crash tests (local/crash/kill9.test.ts): the real
 * server (every cloud function from its TypeScript source, the WeChat Pay simulator) on
 * $PORT with its data in $CHUZHI_DATA_DIR, on files, exactly as `npm start` keeps them.
 *
 * Prints `STACK_READY {url}` once it serves, then `STACK_IDLE {…}` once the simulator has no
 * notification left to deliver (after a restart: every one it still owed). On stdin, the line
 * `reconcile` answers `STACK_RECONCILED {violations}`. CRASH_SIM_DELAY_MS holds notifications
 * back that long (so that some are still owed when the test kills this process).
 */
import { startStack } from '../server/stack'
import { reconcileLedger } from '../../server/ledger/reconcile'

async function main() {
  const dataDir = process.env.CHUZHI_DATA_DIR
  if (!dataDir) throw new Error('CHUZHI_DATA_DIR is required')
  const stack = await startStack({
    port: Number(process.env.PORT ?? 0),
    dataDir,
    builtFunctions: false,
    timeScale: 0.001,
    log: (l) => process.stderr.write(`[crash-stack] ${l}\n`)
  })
  const sim = stack.simulator
  if (!sim) throw new Error('the crash test needs the simulator (unset WECHATPAY_BASE_URL)')
  const say = (tag: string, data: unknown) => process.stdout.write(`${tag} ${JSON.stringify(data)}\n`)
  const delay = Number(process.env.CRASH_SIM_DELAY_MS ?? 0)
  if (delay > 0) sim.setDeliveryMode({ delayMs: delay })
  say('STACK_READY', { url: stack.url })

  let input = ''
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (chunk: string) => {
    input += chunk
    let nl: number
    while ((nl = input.indexOf('\n')) >= 0) {
      const line = input.slice(0, nl).trim()
      input = input.slice(nl + 1)
      if (line === 'reconcile') reconcileLedger().then((r) => say('STACK_RECONCILED', { violations: r.violations, transactions: r.transactions }))
    }
  })
  process.stdin.on('end', () => void stack.close().then(() => process.exit(0)))

  await sim.idle()
  const paid = [...sim.orders.values()].filter((o) => o.tradeState === 'SUCCESS').map((o) => o.outTradeNo)
  say('STACK_IDLE', { deliveries: sim.deliveries.length, paid })
}

main().catch((err) => {
  console.error('[crash-stack] failed', err)
  process.exit(1)
})

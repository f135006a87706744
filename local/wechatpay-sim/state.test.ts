/**
 * Issue 8 item 6: the simulator keeps its books in a file, so a restart resumes like WeChat Pay
 * would: queries answer the truth, prepay ids still open the checkout, notifications still owed
 * are retried, refunds still processing settle.
 */
import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'
import { createSimulator, type Simulator } from './simulator'
import { generateTestPayKeys, payConfigFor, simulatorKeys } from './keys'
import { startNotifyReceiver } from './testing'
import { createPayClient } from '../../server/wechatpay/client'
import { verifyNotification } from '../../server/wechatpay/notification'
import type { Transaction } from '../../server/wechatpay/types'

const keys = generateTestPayKeys()

interface Running {
  sim: Simulator
  url: string
  /** the process dies: timers gone, port free, nothing written any more */
  stop(): Promise<void>
}

/** Starts simulators one after the other on one state file and one port; stops what runs at the end. */
async function withRestarts(fn: (start: () => Promise<Running>) => Promise<void>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxsim-state-'))
  const running = new Set<Running>()
  let port = 0
  try {
    await fn(async () => {
      const sim = createSimulator({ ...simulatorKeys(keys), timeScale: 0.001, refundDelayMs: 50, stateFile: path.join(dir, 'sim.sqlite') })
      const server = await sim.listen(port)
      port = Number(new URL(server.url).port)
      const r: Running = {
        sim,
        url: server.url,
        async stop() {
          running.delete(r)
          sim.close()
          await server.close()
          // the client's kept-alive sockets died with the server, as they would with the process
          http.globalAgent.destroy()
        }
      }
      running.add(r)
      return r
    })
  } finally {
    for (const r of [...running]) await r.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

describe('the simulator after a restart', () => {
  it('answers queries with the truth, keeps prepay ids, and delivers notifications still owed', async () => {
    // the notify_url is down while the first simulator runs
    let up = false
    const receiver = await startNotifyReceiver(() => (up ? 200 : 503))
    try {
      await withRestarts(async (start) => {
        const first = await start()
        const client = createPayClient(payConfigFor(keys, first.url, receiver.url))
        const paid = `S${Date.now()}A`
        const unpaid = `S${Date.now()}B`
        await client.createJsapiOrder({ outTradeNo: paid, description: 'x', total: 300, openid: 'o-1' })
        const { prepayId } = await client.createJsapiOrder({ outTradeNo: unpaid, description: 'y', total: 100, openid: 'o-2' })
        const tx = first.sim.pay(paid)
        for (let i = 0; i < 10_000 && receiver.received.length < 1; i++) await new Promise((r) => setImmediate(r))
        expect(receiver.received).toHaveLength(1)
        // the process dies: nothing more from the first simulator (its timers are gone)
        await first.stop()

        up = true
        const second = await start()
        expect(second.url).toBe(first.url)
        expect(await client.queryOrder(paid)).toMatchObject({ trade_state: 'SUCCESS', transaction_id: tx.transaction_id })
        expect(await client.queryOrder(unpaid)).toMatchObject({ trade_state: 'NOTPAY' })
        const page = await fetch(`${second.url}sim/checkout?prepay_id=${prepayId}`)
        expect(page.status).toBe(200)
        expect(await page.text()).toContain('支付')

        await second.sim.idle()
        const delivered = receiver.received.map((r) => verifyNotification(payConfigFor(keys, '', ''), r.headers as Record<string, string>, r.body))
        // the same event (one id) came again after the restart and was taken
        expect(new Set(delivered.map((d) => d.ok && d.event.id)).size).toBe(1)
        expect(delivered.every((d) => d.ok && (d.resource as Transaction).out_trade_no === paid)).toBe(true)
        expect(second.sim.deliveries.at(-1)).toMatchObject({ key: paid, status: 200 })

        // and once delivered it is not delivered again by a third start
        await second.stop()
        const count = receiver.received.length
        const third = await start()
        await third.sim.idle()
        expect(receiver.received).toHaveLength(count)
        expect(third.sim.orders.get(paid)?.tradeState).toBe('SUCCESS')
      })
    } finally {
      await receiver.close()
    }
  })

  it('settles a refund that was still processing', async () => {
    const receiver = await startNotifyReceiver()
    try {
      await withRestarts(async (start) => {
        const first = await start()
        const client = createPayClient(payConfigFor(keys, first.url, receiver.url))
        const no = `S${Date.now()}R`
        await client.createJsapiOrder({ outTradeNo: no, description: 'x', total: 300, openid: 'o-1' })
        first.sim.pay(no)
        await first.sim.idle()
        expect((await client.createRefund({ outTradeNo: no, outRefundNo: `${no}-1`, amount: { refund: 100, total: 300 } })).status).toBe('PROCESSING')
        await first.stop()
        const second = await start()
        for (let i = 0; i < 500 && (await client.queryRefund(`${no}-1`))?.status === 'PROCESSING'; i++) await new Promise((r) => setTimeout(r, 10))
        expect((await client.queryRefund(`${no}-1`))?.status).toBe('SUCCESS')
        await second.sim.idle()
        expect(second.sim.deliveries.at(-1)).toMatchObject({ key: `${no}-1`, eventType: 'REFUND.SUCCESS', status: 200 })
      })
    } finally {
      await receiver.close()
    }
  })
})

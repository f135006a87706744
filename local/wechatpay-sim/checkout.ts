/**
 * The payer's side: a stand-in for the WeChat payment sheet. The H5 build shows it in an
 * iframe instead of wx.requestPayment; the page reports the outcome to its parent with
 * postMessage({ type: 'wechatpay-sim', prepayId, result: 'paid' | 'cancelled' }).
 */
import type { IncomingMessage, ServerResponse } from 'http'
import type { KeyObject } from 'crypto'
import { formatYuan, fen } from '../../domain/money'
import type { Transaction } from '../../server/wechatpay/types'
import { rsaVerify } from './crypto'
import { readBody } from './http'
import { SimError, type Ledger } from './ledger'

export type CheckoutView =
  | { kind: 'confirm'; prepayId: string; merchant: string; description: string; total: number }
  | { kind: 'done'; prepayId: string; merchant: string; description: string; total: number }
  | { kind: 'error'; prepayId: string; message: string }

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

/** JSON that is safe inside <script>. */
const js = (x: unknown) => JSON.stringify(x).replace(/</g, '\\u003c')

export function checkoutPage(v: CheckoutView): string {
  const body =
    v.kind === 'error'
      ? `<p class="msg">${esc(v.message)}</p>
         <button class="btn secondary" data-result="cancelled">返回</button>`
      : `<p class="merchant">${esc(v.merchant)}</p>
         <p class="amount">${esc(formatYuan(fen(v.total)))}</p>
         <p class="desc">${esc(v.description)}</p>
         ${
           v.kind === 'confirm'
             ? `<button class="btn primary" data-action="pay">支付</button>
                <button class="btn secondary" data-action="cancel">取消</button>`
             : `<p class="msg">该订单已支付</p>
                <button class="btn primary" data-result="paid">完成</button>`
         }`
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">
<title>微信支付（模拟）</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font-family: -apple-system, "PingFang SC", "Helvetica Neue", "Microsoft YaHei", sans-serif;
         background: #ededed; color: #111; display: flex; min-height: 100vh; align-items: flex-end; justify-content: center; }
  .sheet { width: 100%; max-width: 480px; background: #fff; border-radius: 12px 12px 0 0; padding: 20px 20px 28px; text-align: center; }
  .title { font-size: 15px; color: #576b95; margin: 0 0 4px; }
  .sim { font-size: 12px; color: #999; margin: 0 0 16px; }
  .merchant { font-size: 16px; margin: 8px 0; }
  .amount { font-size: 36px; font-weight: 600; margin: 8px 0; }
  .desc { font-size: 14px; color: #666; margin: 0 0 24px; word-break: break-all; }
  .msg { font-size: 15px; color: #333; margin: 16px 0; }
  .btn { display: block; width: 100%; border: 0; border-radius: 8px; font-size: 17px; padding: 12px; margin-top: 12px; cursor: pointer; }
  .primary { background: #07c160; color: #fff; }
  .secondary { background: #f2f2f2; color: #07c160; }
  .btn:disabled { opacity: .5; }
</style>
</head>
<body>
<main class="sheet" role="dialog" aria-label="微信支付">
  <p class="title">微信支付</p>
  <p class="sim">本地模拟器 · 不会产生真实扣款</p>
  ${body}
  <p class="msg" id="status" role="status"></p>
</main>
<script>
(function () {
  var prepayId = ${js(v.prepayId)};
  function report(result) {
    var msg = { type: 'wechatpay-sim', prepayId: prepayId, result: result };
    if (window.parent && window.parent !== window) window.parent.postMessage(msg, '*');
    document.body.setAttribute('data-result', result);
    document.getElementById('status').textContent = result === 'paid' ? '支付成功' : '已取消支付';
  }
  var buttons = Array.prototype.slice.call(document.querySelectorAll('button'));
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      var fixed = b.getAttribute('data-result');
      if (fixed) return report(fixed);
      var action = b.getAttribute('data-action');
      buttons.forEach(function (x) { x.disabled = true; });
      // XMLHttpRequest rather than fetch: older in-app WebViews have no fetch
      var xhr = new XMLHttpRequest();
      xhr.open('POST', 'checkout/' + action);
      xhr.setRequestHeader('Content-Type', 'application/json');
      xhr.onload = function () {
        var r = {};
        try { r = JSON.parse(xhr.responseText); } catch (e) {}
        if (r.result === 'paid' || r.result === 'cancelled') return report(r.result);
        alert(r.message || '支付失败'); report('cancelled');
      };
      xhr.onerror = function () { alert('网络错误'); report('cancelled'); };
      xhr.send(JSON.stringify({ prepay_id: prepayId }));
    });
  });
})();
</script>
</body>
</html>`
}

/** GET /sim/checkout?prepay_id=… (page), POST /sim/checkout/pay|cancel (the buttons). */
export function createCheckout(d: {
  ledger: Ledger
  pay: (key: string) => Transaction
  appid: string
  merchantKey: KeyObject
  merchantName: string
}) {
  function checkoutView(url: URL): { status: number; view: CheckoutView } {
    const prepayId = url.searchParams.get('prepay_id') ?? ''
    const age = d.ledger.prepayAge(prepayId)
    if (age === undefined) return { status: 404, view: { kind: 'error', prepayId, message: '订单不存在（prepay_id 无效）' } }
    // When the H5 app passes what wx.requestPayment would get, check paySign like WeChat does.
    const paySign = url.searchParams.get('paySign')
    if (paySign !== null) {
      const ts = url.searchParams.get('timeStamp') ?? ''
      const nonceStr = url.searchParams.get('nonceStr') ?? ''
      const appId = url.searchParams.get('appId') ?? d.appid
      const ok = appId === d.appid && rsaVerify(`${appId}\n${ts}\n${nonceStr}\nprepay_id=${prepayId}\n`, paySign, d.merchantKey)
      if (!ok) return { status: 400, view: { kind: 'error', prepayId, message: '支付验证签名失败' } }
    }
    const o = d.ledger.orderByKey(prepayId)
    const shown = { prepayId, merchant: d.merchantName, description: o.description, total: o.total }
    if (o.tradeState === 'SUCCESS' || o.tradeState === 'REFUND') return { status: 200, view: { kind: 'done', ...shown } }
    if (o.tradeState !== 'NOTPAY') return { status: 200, view: { kind: 'error', prepayId, message: '订单已关闭' } }
    if (age > 2 * 3600_000) return { status: 200, view: { kind: 'error', prepayId, message: 'prepay_id 已过期' } }
    return { status: 200, view: { kind: 'confirm', ...shown } }
  }

  return async function checkout(req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
    if (req.method === 'GET' && path === '/sim/checkout') {
      const { status, view } = checkoutView(url)
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(checkoutPage(view))
      return
    }
    const action = req.method === 'POST' && path.match(/^\/sim\/checkout\/(pay|cancel)$/)?.[1]
    if (!action) {
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify({ result: 'error', message: 'not found' }))
      return
    }
    const raw = await readBody(req).catch(() => '')
    let prepayId = ''
    try {
      prepayId = String((JSON.parse(raw) as { prepay_id?: unknown }).prepay_id ?? '')
    } catch {
      prepayId = new URLSearchParams(raw).get('prepay_id') ?? ''
    }
    let status = 200
    let out: object
    try {
      if (action === 'pay') {
        const tx = d.pay(prepayId)
        out = { result: 'paid', prepay_id: prepayId, transaction_id: tx.transaction_id }
      } else {
        d.ledger.cancel(prepayId)
        out = { result: 'cancelled', prepay_id: prepayId }
      }
    } catch (e) {
      status = e instanceof SimError ? e.status : 500
      out = { result: 'error', code: e instanceof SimError ? e.code : 'SYSTEM_ERROR', message: (e as Error).message }
    }
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(out))
  }
}

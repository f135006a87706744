/**
 * The demo customers' phone numbers and member codes, in one place: the seed writes them on the
 * members (so staff can find them at the desk, ops.memberFind), and the local open API answers
 * phonenumber.getPhoneNumber with them (wallet.bindPhone; the code the local app sends is
 * `demo:<openid>`, standing in for the code WeChat's phone button gives).
 */
export const DEMO_PHONES: Readonly<Record<string, string>> = {
  'demo-customer': '13800000001',
  'demo-customer-2': '13800000002'
}

export const DEMO_MEMBER_CODES: Readonly<Record<string, string>> = {
  'demo-customer': '10000001',
  'demo-customer-2': '10000002'
}

/** The phone behind a local getPhoneNumber code, or null (WeChat answers 40029 invalid code). */
export function demoPhoneForCode(code: unknown): string | null {
  if (typeof code !== 'string' || !code.startsWith('demo:')) return null
  return DEMO_PHONES[code.slice('demo:'.length)] ?? null
}

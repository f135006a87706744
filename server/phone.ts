import { database, wx } from './cloud'
import { COLLECTIONS as C } from './db/indexes'
import { AppError } from './errors'
import { now } from './clock'
import { maskPhone } from './member-query'

interface PhoneInfo {
  purePhoneNumber?: string
  countryCode?: string | number
}

/**
 * The member's phone number from the code WeChat's phone button gave the page (手机号快速验证,
 * `phonenumber.getPhoneNumber`): WeChat answers with the number itself, so the event never
 * carries a number the member could make up.
 */
async function phoneFromCode(code: string): Promise<string> {
  let res: { errcode?: number; phone_info?: PhoneInfo }
  try {
    const api = (wx().openapi as any)({ convertCase: false })
    res = await api.phonenumber.getPhoneNumber({ code })
  } catch {
    // 40029 invalid code (used, expired, or from another app) or WeChat unreachable: ask again
    throw new AppError('INVALID_INPUT', '手机号授权已失效，请重新点击获取手机号')
  }
  if (res?.errcode) throw new AppError('INVALID_INPUT', '手机号授权已失效，请重新点击获取手机号')
  const info = res?.phone_info
  const phone = info?.purePhoneNumber ?? ''
  if (String(info?.countryCode ?? '86') !== '86' || !/^1\d{10}$/.test(phone)) throw new AppError('INVALID_INPUT', '目前仅支持中国大陆手机号')
  return phone
}

/**
 * wallet.bindPhone: stores the member's phone on their wallet document so staff can find them
 * (ops.memberFind). The wallet document is created if this customer has none yet; the latest
 * binding of a number wins at the desk (phoneBoundAt).
 */
export async function bindPhone(openid: string, code: string): Promise<{ phone: string }> {
  const phone = await phoneFromCode(code)
  const db = database()
  const fields = { phone, phoneBoundAt: now() }
  const updated = await db.collection(C.members).where({ _id: openid }).update({ data: fields })
  if (updated.stats.updated === 0) {
    try {
      await db.collection(C.members).add({ data: { _id: openid, memberSince: null, lots: [], rechargedTotal: 0, rechargeCount: 0, ...fields } })
    } catch {
      // the first recharge created the document meanwhile
      await db.collection(C.members).doc(openid).update({ data: fields })
    }
  }
  return { phone: maskPhone(phone) }
}

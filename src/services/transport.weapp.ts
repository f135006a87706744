import Taro from '@tarojs/taro'
import { ApiError } from './errors'

/** wx.cloud.callFunction; identity (OPENID) is added by WeChat on the server side. */
export async function send(name: string, event: unknown): Promise<unknown> {
  let res: Taro.cloud.CallFunctionResult
  try {
    res = await Taro.cloud.callFunction({ name, data: event as TaroGeneral.IAnyObject })
  } catch (e) {
    throw new ApiError('NETWORK', (e as { errMsg?: string })?.errMsg ?? '')
  }
  return res.result
}

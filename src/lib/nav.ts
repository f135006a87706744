import Taro from '@tarojs/taro'

export const HOME_URL = '/pages/index/index'

/** Back to the previous page, or home when this page was opened directly (a shared link, a QR code). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: HOME_URL })
}

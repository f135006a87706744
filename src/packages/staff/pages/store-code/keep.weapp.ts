import Taro from '@tarojs/taro'
import type { StoreCode } from '../../../../../contracts/ops'

export const KEEP_LABEL = '保存到相册'

/** <Image> takes a cloud fileID directly, with no domain to whitelist. */
export const codeImageSrc = (code: StoreCode) => code.image

/**
 * wx.cloud.downloadFile (no downloadFile domain needed for cloud storage), then
 * wx.saveImageToPhotosAlbum, which asks for scope.writePhotosAlbum the first time; a refusal
 * sticks until the person allows it in the settings.
 */
export async function keepCode(code: StoreCode): Promise<string | null> {
  let filePath: string
  try {
    filePath = (await Taro.cloud.downloadFile({ fileID: code.image })).tempFilePath
  } catch {
    throw new Error('门店码下载失败，请检查网络后重试')
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
  } catch (e) {
    const msg = String((e as { errMsg?: string })?.errMsg ?? '')
    if (/cancel/.test(msg)) throw new Error('已取消保存')
    if (/auth|deny|denied/.test(msg)) {
      void Taro.openSetting()
      throw new Error('请在设置中允许“保存到相册”后重试')
    }
    throw new Error('保存失败，请重试')
  }
  return '已保存到相册'
}

import Taro from '@tarojs/taro'
import { codeImageSrc, keepCode } from './keep.weapp'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { cloud: { downloadFile: jest.fn() }, saveImageToPhotosAlbum: jest.fn(), openSetting: jest.fn() }
}))
const t = Taro as unknown as {
  cloud: { downloadFile: jest.Mock }
  saveImageToPhotosAlbum: jest.Mock
  openSetting: jest.Mock
}

const code = { image: 'cloud://prod-1.bucket/codes/store-s1.png', url: 'https://x.tcb.qcloud.la/codes/store-s1.png', path: 'codes/store-s1.png', page: 'p', scene: 's1', storeName: '徐汇店' }

afterEach(() => jest.clearAllMocks())

test('the mini-program shows the fileID and saves the downloaded file to the album', async () => {
  expect(codeImageSrc(code)).toBe(code.image)
  t.cloud.downloadFile.mockResolvedValue({ tempFilePath: 'wxfile://tmp/1.png' })
  t.saveImageToPhotosAlbum.mockResolvedValue({ errMsg: 'saveImageToPhotosAlbum:ok' })
  expect(await keepCode(code)).toBe('已保存到相册')
  expect(t.cloud.downloadFile).toHaveBeenCalledWith({ fileID: code.image })
  expect(t.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/1.png' })
})

test('album permission refused: opens the settings and says what to allow', async () => {
  t.cloud.downloadFile.mockResolvedValue({ tempFilePath: 'wxfile://tmp/1.png' })
  t.saveImageToPhotosAlbum.mockRejectedValue({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' })
  await expect(keepCode(code)).rejects.toThrow('请在设置中允许“保存到相册”后重试')
  expect(t.openSetting).toHaveBeenCalled()
})

test('the download failing says so', async () => {
  t.cloud.downloadFile.mockRejectedValue({ errMsg: 'downloadFile:fail' })
  await expect(keepCode(code)).rejects.toThrow('门店码下载失败')
  expect(t.saveImageToPhotosAlbum).not.toHaveBeenCalled()
})

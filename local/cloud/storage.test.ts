/**
 * Cloud storage as CloudBase documents it (developers.weixin.qq.com/minigame/dev/wxcloud/
 * reference-sdk-api/storage/uploadFile/server.uploadFile.md and getTempFileURL): one fileID per
 * cloud path, an upload to the same path overwrites it, temporary URLs per file with a status
 * each. See docs/local-cloud.md.
 */
import { Readable } from 'stream'
import { cloud, openCloud, rejection } from './test-kit'

let t: ReturnType<typeof openCloud>
beforeEach(() => {
  t = openCloud({ appUrl: 'http://127.0.0.1:9' })
})
afterEach(() => t.local.close())

describe('cloud.uploadFile and cloud.getTempFileURL', () => {
  it('uploading to the same path overwrites the file under the same fileID', async () => {
    t.local.register('up', async (e: { text: string }) => cloud.uploadFile({ cloudPath: 'codes/a.png', fileContent: Buffer.from(e.text) }))
    const first = await t.local.invoke('up', { text: 'one' })
    expect(first).toMatchObject({ fileID: 'cloud://local.chuzhi-local/codes/a.png', statusCode: -1 })
    const second = await t.local.invoke('up', { text: 'two' })
    expect(second.fileID).toBe(first.fileID)
    expect(t.local.files.read('codes/a.png')?.content.toString()).toBe('two')
  })

  it('takes a readable stream as the content, as WeChat’s example does', async () => {
    t.local.register('up', async () => cloud.uploadFile({ cloudPath: 'b.txt', fileContent: Readable.from([Buffer.from('ab'), Buffer.from('c')]) as never }))
    await t.local.invoke('up', {})
    expect(t.local.files.read('b.txt')?.content.toString()).toBe('abc')
  })

  it('refuses a cloud path with a leading slash or an empty segment, and writes nothing', async () => {
    t.local.register('up', async (e: { path: string }) => rejection(cloud.uploadFile({ cloudPath: e.path, fileContent: Buffer.from('x') })).then((err) => err.errCode))
    expect(await t.local.invoke('up', { path: '/abs.png' })).toBe(-501007)
    expect(await t.local.invoke('up', { path: 'a//b.png' })).toBe(-501007)
    expect(await t.local.invoke('up', { path: '../up.png' })).toBe(-501007)
    expect(t.local.files.read('abs.png')).toBeNull()
  })

  it('getTempFileURL answers each file: a URL on the local origin, or STORAGE_FILE_NONEXIST', async () => {
    t.local.register('urls', async () => {
      const { fileID } = await cloud.uploadFile({ cloudPath: 'codes/store-1.png', fileContent: Buffer.from('png') })
      return cloud.getTempFileURL({ fileList: [fileID, { fileID: 'cloud://local.chuzhi-local/missing.png', maxAge: 60 }] as never })
    })
    const res = await t.local.invoke('urls', {})
    expect(res.fileList).toEqual([
      { fileID: 'cloud://local.chuzhi-local/codes/store-1.png', status: 0, errMsg: 'ok', maxAge: 86400, tempFileURL: 'http://127.0.0.1:9/api/files/codes/store-1.png' },
      { fileID: 'cloud://local.chuzhi-local/missing.png', status: -503003, errMsg: expect.any(String), maxAge: 60, tempFileURL: '' }
    ])
  })
})

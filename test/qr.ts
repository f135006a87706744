/** Reads a QR code PNG back to its text, as a phone would (pngjs + jsQR, both pure JS). */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

export function decodeQrPng(png: Buffer): { text: string; width: number; height: number } {
  const img = PNG.sync.read(png)
  const code = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)
  if (!code) throw new Error('no QR code found in the image')
  return { text: code.data, width: img.width, height: img.height }
}

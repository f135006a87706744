// node src/assets/draw.js src/assets — regenerates empty.png / error.png (bundled, never fetched from a CDN)
// Draws the two state illustrations (empty box, cloud with a cross) as small grey PNGs, no deps.
const zlib = require('zlib'), fs = require('fs')
function png(w, h, px) {
  const raw = Buffer.alloc((w * 4 + 1) * h)
  for (let y = 0; y < h; y++) { raw[y * (w * 4 + 1)] = 0; for (let x = 0; x < w; x++) { const [r, g, b, a] = px(x, y); const o = y * (w * 4 + 1) + 1 + x * 4; raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a } }
  const crcT = []; for (let n = 0; n < 256; n++) { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; crcT[n] = c >>> 0 }
  const crc = (b) => { let c = 0xffffffff; for (const x of b) c = crcT[(c ^ x) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0 }
  const chunk = (t, d) => { const l = Buffer.alloc(4); l.writeUInt32BE(d.length); const td = Buffer.concat([Buffer.from(t), d]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([l, td, c]) }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 6
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}
const W = 160
const light = [229, 230, 235, 255], mid = [201, 205, 212, 255], none = [0, 0, 0, 0], accent = [240, 100, 60, 255]
const inRound = (x, y, x0, y0, x1, y1, r) => { if (x < x0 || x > x1 || y < y0 || y > y1) return false; const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r); return (x - cx) ** 2 + (y - cy) ** 2 <= r * r }
// empty: a tray (box) with a slot
fs.writeFileSync(process.argv[2] + '/empty.png', png(W, W, (x, y) => {
  if (inRound(x, y, 30, 70, 130, 130, 12)) { if (inRound(x, y, 55, 84, 105, 96, 6)) return mid; return light }
  if (y >= 50 && y < 70 && x > 40 + (70 - y) * 0.5 && x < 120 - (70 - y) * 0.5) return mid
  if ((x - 80) ** 2 / 3600 + (y - 140) ** 2 / 36 <= 1) return [240, 241, 244, 255]
  return none
}))
// error: a circle with an exclamation mark
fs.writeFileSync(process.argv[2] + '/error.png', png(W, W, (x, y) => {
  const d = (x - 80) ** 2 + (y - 76) ** 2
  if (d <= 52 * 52) { if (inRound(x, y, 74, 44, 86, 88, 6) || (x - 80) ** 2 + (y - 104) ** 2 <= 49) return [255, 255, 255, 255]; return mid }
  if ((x - 80) ** 2 / 3600 + (y - 142) ** 2 / 36 <= 1) return [240, 241, 244, 255]
  return none
}))

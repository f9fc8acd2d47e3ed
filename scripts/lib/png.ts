/**
 * A minimal PNG encoder (signature, IHDR, one IDAT, IEND, with CRCs) for the files this repo draws itself: the tab
 * bar icons (scripts/tab-icons.ts) and the journeys' upload fixtures (e2e/lib/png.ts). Rows are already filtered
 * (each starts with its filter byte).
 */
import { deflateSync } from 'node:zlib'

function crc32(buf: Buffer): number {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const sum = Buffer.alloc(4)
  sum.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, sum])
}

/** An 8-bit PNG of `width`×`height`: colour type 2 (RGB) or 6 (RGBA); `level` is zlib's compression level. */
export function encodePng(width: number, height: number, colorType: 2 | 6, rows: Buffer, level?: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = colorType
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, level === undefined ? {} : { level })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

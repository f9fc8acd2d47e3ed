/** Small real files for the journeys' uploads: a PNG is sniffed by its bytes on the server, so it must be a real one. */
import { encodePng } from '../../scripts/lib/png'

/** A `size`×`size` PNG of one colour: signature, IHDR (8-bit RGB), one IDAT, IEND, with CRCs. */
export function solidPng(size: number, rgb: readonly [number, number, number]): Buffer {
  const stride = 1 + size * 3
  const rows = Buffer.alloc(size * stride)
  for (let y = 0; y < size; y++) {
    rows[y * stride] = 0 // filter: none
    for (let x = 0; x < size; x++) rows.set(rgb, y * stride + 1 + x * 3)
  }
  return encodePng(size, size, 2, rows)
}

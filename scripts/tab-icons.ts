/**
 * Draws the tab bar icons (首页 / 福利 / 我的, normal and selected) as 81×81 PNGs into src/assets/tab/ (issue 18).
 * WeChat's tab bar needs PNG files. Line icons, stroked with anti-aliasing from the distance to each segment; RGBA
 * PNG through zlib, about 1 KB each (the main package budget is 480 KB). Run: npx tsx scripts/tab-icons.ts
 */
import { writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { encodePng } from './lib/png'

type Pt = [number, number]
type Shape = { poly: Pt[]; closed?: boolean } | { circle: Pt; r: number }

const SIZE = 81
const STROKE = 6

function segDist(p: Pt, a: Pt, b: Pt): number {
  const [px, py] = p
  const [ax, ay] = a
  const [bx, by] = b
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)))
  return Math.hypot(px - ax - t * dx, py - ay - t * dy)
}

function distance(p: Pt, shapes: Shape[]): number {
  let d = Infinity
  for (const s of shapes) {
    if ('circle' in s) d = Math.min(d, Math.abs(Math.hypot(p[0] - s.circle[0], p[1] - s.circle[1]) - s.r))
    else {
      const pts = s.closed ? [...s.poly, s.poly[0]] : s.poly
      for (let i = 0; i + 1 < pts.length; i++) d = Math.min(d, segDist(p, pts[i], pts[i + 1]))
    }
  }
  return d
}

/** A quadratic Bézier as a polyline. */
function curve(a: Pt, c: Pt, b: Pt, n = 12): Pt[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const t = i / n
    return [(1 - t) ** 2 * a[0] + 2 * (1 - t) * t * c[0] + t * t * b[0], (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * c[1] + t * t * b[1]] as Pt
  })
}

function png(shapes: Shape[], rgb: [number, number, number]): Buffer {
  const stride = 1 + SIZE * 4
  const rows = Buffer.alloc(SIZE * stride)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const d = distance([x + 0.5, y + 0.5], shapes)
      const alpha = Math.max(0, Math.min(1, STROKE / 2 + 0.5 - d))
      const o = y * stride + 1 + x * 4
      rows[o] = rgb[0]
      rows[o + 1] = rgb[1]
      rows[o + 2] = rgb[2]
      rows[o + 3] = Math.round(alpha * 255)
    }
  }
  return encodePng(SIZE, SIZE, 6, rows, 9)
}

const ICONS: Record<string, Shape[]> = {
  // a house: roof, walls, door
  home: [{ poly: [[12, 40], [40, 14], [68, 40]] }, { poly: [[20, 34], [20, 68], [60, 68], [60, 34]] }, { poly: [[34, 68], [34, 50], [46, 50], [46, 68]] }],
  // a gift box with a bow
  welfare: [
    { poly: [[14, 32], [66, 32], [66, 46], [14, 46]], closed: true },
    { poly: [[20, 46], [20, 70], [60, 70], [60, 46]] },
    { poly: [[40, 32], [40, 70]] },
    { poly: curve([40, 32], [22, 8], [24, 32]) },
    { poly: curve([40, 32], [58, 8], [56, 32]) },
  ],
  // a person: head and shoulders
  mine: [{ circle: [40, 27], r: 13 }, { poly: curve([14, 70], [16, 44], [40, 46]) }, { poly: curve([40, 46], [64, 44], [66, 70]) }],
}

const COLOURS: Record<string, [number, number, number]> = {
  normal: [0x6b, 0x6b, 0x6b], // the tab bar's text colour
  active: [0xc8, 0x10, 0x2e], // union red
}

const dir = path.resolve(__dirname, '..', 'src', 'assets', 'tab')
mkdirSync(dir, { recursive: true })
for (const [name, shapes] of Object.entries(ICONS)) {
  for (const [state, rgb] of Object.entries(COLOURS)) {
    const file = path.join(dir, `${name}-${state}.png`)
    const bytes = png(shapes, rgb)
    writeFileSync(file, bytes)
    console.log(`${path.relative(process.cwd(), file)}  ${bytes.length} B`)
  }
}

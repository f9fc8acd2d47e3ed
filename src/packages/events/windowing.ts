/** Which rows of a fixed-row-height list are in view. Pure, tested in node. */
export function visibleRange(scrollTop: number, viewHeight: number, rowHeight: number, count: number, overscan = 4): { start: number; end: number } {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 }
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight)
  const inView = Math.ceil(viewHeight / rowHeight) + 1
  const start = Math.max(0, Math.min(count - 1, first - overscan))
  const end = Math.min(count, first + inView + overscan)
  return { start, end: Math.max(start, end) }
}

import { visibleRange } from './windowing'

describe('visibleRange', () => {
  it('renders only the rows in view plus the overscan', () => {
    // 1000 rows of 110 px in a 700 px window, scrolled to row 100.
    expect(visibleRange(11_000, 700, 110, 1000, 4)).toEqual({ start: 96, end: 112 })
  })
  it('clamps at both ends', () => {
    expect(visibleRange(0, 700, 110, 1000, 4)).toEqual({ start: 0, end: 12 })
    expect(visibleRange(-50, 700, 110, 3, 4)).toEqual({ start: 0, end: 3 })
    expect(visibleRange(999_999, 700, 110, 10, 4)).toEqual({ start: 9, end: 10 })
    expect(visibleRange(0, 700, 110, 0)).toEqual({ start: 0, end: 0 })
  })
})

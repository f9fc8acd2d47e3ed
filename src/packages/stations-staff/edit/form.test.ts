import { emptyForm, inputOf } from './form'

describe('station form', () => {
  it('turns one window and the open weekdays into the week’s hours, closure dates split on commas', () => {
    const f = { ...emptyForm(4), name: '驿站', address: '示例路 1 号', lat: '30.27', lng: '120.15', open: '22:00', close: '06:00', closedDates: '2026-10-01，2026-10-02' }
    f.weekdays = [true, true, true, true, true, false, false]
    const input = inputOf(f)
    expect(input.lat).toBe(30.27)
    expect(input.hours.days).toEqual([...Array(5).fill({ open: '22:00', close: '06:00' }), null, null])
    expect(input.hours.closedDates).toEqual(['2026-10-01', '2026-10-02'])
  })
})

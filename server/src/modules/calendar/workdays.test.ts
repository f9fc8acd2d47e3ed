import { addWorkingDays, workingDaysBetween } from './workdays'

// 2026-11-20 is a Friday; 10:00 in China Standard Time.
const FRIDAY = new Date('2026-11-20T10:00:00+08:00')

describe('working days', () => {
  it('Friday + 3 working days = Wednesday, same time', () => {
    expect(addWorkingDays(FRIDAY, 3).toISOString()).toBe(new Date('2026-11-25T10:00:00+08:00').toISOString())
    expect(addWorkingDays(new Date('2026-11-23T09:00:00+08:00'), 3).toISOString()).toBe(
      new Date('2026-11-26T09:00:00+08:00').toISOString(),
    )
    // Saturday: the count starts on Monday
    expect(addWorkingDays(new Date('2026-11-21T12:00:00+08:00'), 1).toISOString()).toBe(
      new Date('2026-11-23T12:00:00+08:00').toISOString(),
    )
    expect(addWorkingDays(FRIDAY, 0).toISOString()).toBe(FRIDAY.toISOString())
  })

  it('counts weekdays between two instants', () => {
    expect(workingDaysBetween(FRIDAY, new Date('2026-11-25T10:00:00+08:00'))).toBe(3)
    expect(workingDaysBetween(FRIDAY, new Date('2026-11-25T09:59:00+08:00'))).toBe(2)
    expect(workingDaysBetween(FRIDAY, new Date('2026-11-22T23:00:00+08:00'))).toBe(0)
    expect(workingDaysBetween(FRIDAY, FRIDAY)).toBe(0)
  })
})

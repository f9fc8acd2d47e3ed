import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { addWorkingDays, overdueCutoff, workingDaysBetween } from './workdays'

dayjs.extend(utc)

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

// The calendar as it was written first (dayjs in UTC+8): the arithmetic version must give the same answers.
const china = (d: Date) => dayjs(d).utcOffset(8 * 60)
const working = (d: dayjs.Dayjs) => d.day() !== 0 && d.day() !== 6
function addWithDayjs(from: Date, days: number): Date {
  let d = china(from)
  for (let left = days; left > 0; ) {
    d = d.add(1, 'day')
    if (working(d)) left--
  }
  return d.toDate()
}
function betweenWithDayjs(from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0
  let d = china(from)
  let n = 0
  for (;;) {
    d = d.add(1, 'day')
    if (d.valueOf() > to.getTime()) return n
    if (working(d)) n++
  }
}

describe('working days by arithmetic', () => {
  it('agree with the dayjs calendar every third hour for two years, around midnight China time included', () => {
    const start = Date.parse('2025-01-01T00:00:00+08:00')
    const got: string[] = []
    const want: string[] = []
    for (let t = start; t < start + 2 * 365 * 86_400_000; t += 3 * 3_600_000 + 7_919) {
      const from = new Date(t)
      const to = new Date(t + (Math.floor(t / 3_600_000) % 17) * 86_400_000 + 1_000)
      const at = from.toISOString()
      got.push(`${at} ${[0, 1, 3, 5, 10].map((d) => addWorkingDays(from, d).getTime()).join(',')} ${workingDaysBetween(from, to)}`)
      want.push(`${at} ${[0, 1, 3, 5, 10].map((d) => addWithDayjs(from, d).getTime()).join(',')} ${betweenWithDayjs(from, to)}`)
    }
    expect(got).toEqual(want)
  })

  it('overdueCutoff: everything waiting since the cutoff or earlier is overdue, anything later is not', () => {
    const now = new Date('2026-11-25T09:30:00+08:00')
    const cutoff = overdueCutoff(now, 5)
    expect(addWorkingDays(cutoff, 5).getTime()).toBeLessThan(now.getTime())
    expect(addWorkingDays(new Date(cutoff.getTime() + 1), 5).getTime()).toBeGreaterThanOrEqual(now.getTime())
  })
})

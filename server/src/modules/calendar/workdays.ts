/**
 * Working days (Mon–Fri) in China Standard Time (UTC+8, no DST), for review deadlines.
 * Public holidays are not modelled.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

const CST_OFFSET_MINUTES = 8 * 60
const isWorkingDay = (d: dayjs.Dayjs) => d.day() !== 0 && d.day() !== 6

/** The instant `days` working days after `from` (same local time of day; weekends skipped). */
export function addWorkingDays(from: Date, days: number): Date {
  let d = dayjs(from).utcOffset(CST_OFFSET_MINUTES)
  let left = days
  while (left > 0) {
    d = d.add(1, 'day')
    if (isWorkingDay(d)) left--
  }
  return d.toDate()
}

/** Whole working days from `from` to `to`: how many times a working day's local time of `from` is reached. */
export function workingDaysBetween(from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0
  let d = dayjs(from).utcOffset(CST_OFFSET_MINUTES)
  let n = 0
  for (;;) {
    d = d.add(1, 'day')
    if (d.valueOf() > to.getTime()) return n
    if (isWorkingDay(d)) n++
  }
}

/**
 * The latest instant `s` whose promise `addWorkingDays(s, days)` lies before `now`: a record waiting since `s` or
 * earlier is overdue. `addWorkingDays` never decreases as `s` grows, so the overdue records are exactly those with
 * `since <= cutoff` — one comparison a database index can serve (the dashboard's overdue counts).
 */
export function overdueCutoff(now: Date, days: number): Date {
  let lo = now.getTime() - (days * 3 + 30) * 86_400_000 // its promise is long past
  let hi = now.getTime() // its promise is now or later
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (addWorkingDays(new Date(mid), days).getTime() < now.getTime()) lo = mid
    else hi = mid
  }
  return new Date(lo)
}

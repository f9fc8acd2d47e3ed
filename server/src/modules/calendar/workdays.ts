/**
 * Working days (Mon–Fri) in China Standard Time (UTC+8, no DST), for review deadlines.
 * Public holidays are not modelled.
 */
const DAY_MS = 86_400_000
/** China Standard Time: UTC+8 all year (no daylight saving), so a local day is exactly 24 h. */
const CST_OFFSET_MS = 8 * 3_600_000
/** Day of the week in China time, 0 = Sunday (1970-01-01 was a Thursday). */
const weekdayOf = (ms: number) => (Math.floor((ms + CST_OFFSET_MS) / DAY_MS) + 4) % 7
const isWorkingDay = (ms: number) => {
  const d = weekdayOf(ms)
  return d !== 0 && d !== 6
}

// Plain arithmetic rather than dayjs: the staff queues ask for a deadline per row and `overdueCutoff` asks ~30 times
// per request; with dayjs that was most of a queue page's CPU (issue 17). The same answers (workdays.test.ts).

/** The instant `days` working days after `from` (same local time of day; weekends skipped). */
export function addWorkingDays(from: Date, days: number): Date {
  let t = from.getTime()
  let left = days
  while (left > 0) {
    t += DAY_MS
    if (isWorkingDay(t)) left--
  }
  return new Date(t)
}

/** Whole working days from `from` to `to`: how many times a working day's local time of `from` is reached. */
export function workingDaysBetween(from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0
  let t = from.getTime()
  let n = 0
  for (;;) {
    t += DAY_MS
    if (t > to.getTime()) return n
    if (isWorkingDay(t)) n++
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

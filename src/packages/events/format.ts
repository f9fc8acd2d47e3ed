/**
 * Calendar-friendly event times: 11月28日 周六 09:00，还有5天. Pure TS (dayjs only), tested in plain node.
 * Days are counted in calendar days in the phone's zone (China Standard Time in practice), not 24-hour blocks:
 * an event tomorrow at 08:00 is 明天 even at 23:00 tonight.
 */
import { dayjs, type DateInput } from '../../utils/date'

/** 11月28日 周六 09:00 (with the year when it is not this year's). */
export function eventDateTime(value: DateInput, now: DateInput = dayjs()): string {
  const d = dayjs(value)
  const sameYear = d.year() === dayjs(now).year()
  return d.format(sameYear ? 'M月D日 ddd HH:mm' : 'YYYY年M月D日 ddd HH:mm')
}

/** Whole calendar days from `now` to `value` (negative when in the past). */
export function calendarDaysUntil(value: DateInput, now: DateInput = dayjs()): number {
  return dayjs(value).startOf('day').diff(dayjs(now).startOf('day'), 'day')
}

/** 还有5天 / 明天 / 今天 / 进行中 / 已结束 — relative to the event's start (and end, when known). */
export function countdownText(start: DateInput, end: DateInput | null | undefined, now: DateInput = dayjs()): string {
  const n = dayjs(now)
  if (end && !dayjs(end).isAfter(n)) return '已结束'
  if (!dayjs(start).isAfter(n)) return end ? '进行中' : '已开始'
  const days = calendarDaysUntil(start, n)
  if (days <= 0) return '今天'
  if (days === 1) return '明天'
  if (days === 2) return '后天'
  return `还有${days}天`
}

/** 11月28日 周六 09:00，还有5天 */
export function eventWhen(start: DateInput, end: DateInput | null | undefined, now: DateInput = dayjs()): string {
  return `${eventDateTime(start, now)}，${countdownText(start, end, now)}`
}

/**
 * The span of an event: 11月28日 周六 09:00–17:00 on one day,
 * 11月28日 周六 09:00 至 11月29日 周日 17:00 across days.
 */
export function eventSpan(start: DateInput, end: DateInput, now: DateInput = dayjs()): string {
  const s = dayjs(start)
  const e = dayjs(end)
  if (s.isSame(e, 'day')) return `${eventDateTime(s, now)}–${e.format('HH:mm')}`
  return `${eventDateTime(s, now)} 至 ${eventDateTime(e, now)}`
}

/** A deadline: 报名截止 11月25日 周三 18:00（还剩2天） — `leftText` only while it is ahead. */
export function deadlineText(value: DateInput, now: DateInput = dayjs()): string {
  const d = dayjs(value)
  const n = dayjs(now)
  if (!d.isAfter(n)) return `${eventDateTime(d, n)}（已截止）`
  const minutes = d.diff(n, 'minute')
  if (minutes < 60) return `${eventDateTime(d, n)}（还剩${Math.max(1, minutes)}分钟）`
  const hours = d.diff(n, 'hour')
  if (hours < 24) return `${eventDateTime(d, n)}（还剩${hours}小时）`
  return `${eventDateTime(d, n)}（还剩${calendarDaysUntil(d, n)}天）`
}

/** 志愿服务 minutes as people say them: '3.5 小时', '45 分钟'. */
export function hoursText(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`
  const h = Math.round((minutes / 60) * 10) / 10
  return `${h} 小时`
}

/**
 * Opening hours of a station and the one "open now" rule (开放中), shared by server (the list's filter) and app
 * (the badge). Pure TS, zod-free. Everything is in China time (UTC+8, no daylight saving).
 *
 * A weekday's window [open, close) is written HH:mm; a close at or before the open runs past midnight into the next
 * day (22:00–06:00). A closure date (节假日闭站) cancels the window that STARTS on that date; a night window that began
 * the evening before still runs into it. `allDay` = 24 hours every day, except on closure dates.
 */

export interface DayWindow {
  /** HH:mm, 00:00–23:59 */
  open: string
  /** HH:mm, 00:00–24:00; at or before `open` = the next day */
  close: string
}

export interface WeeklyHours {
  /** 24 小时开放 */
  allDay: boolean
  /** Monday first (index 0 = 周一 … 6 = 周日); null = closed that day. Ignored when allDay. */
  days: (DayWindow | null)[]
  /** YYYY-MM-DD dates (China time) the station is closed. */
  closedDates: string[]
}

export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const

const CHINA_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/** China-time calendar parts of an instant: date YYYY-MM-DD, weekday (0 = Monday), minute of the day. */
export function chinaParts(ms: number): { date: string; weekday: number; minute: number } {
  const d = new Date(ms + CHINA_OFFSET_MS)
  return {
    date: d.toISOString().slice(0, 10),
    weekday: (d.getUTCDay() + 6) % 7,
    minute: d.getUTCHours() * 60 + d.getUTCMinutes(),
  }
}

/** Is the station open at `ms` by its hours (the keeper's live status aside)? */
export function isOpenAt(hours: WeeklyHours, ms: number): boolean {
  const today = chinaParts(ms)
  const closed = new Set(hours.closedDates)
  if (hours.allDay) return !closed.has(today.date)
  const win = hours.days[today.weekday]
  if (win && !closed.has(today.date)) {
    const o = minutesOf(win.open)
    const c = minutesOf(win.close)
    if (c > o ? today.minute >= o && today.minute < c : today.minute >= o) return true
  }
  // yesterday's window running past midnight
  const yesterday = chinaParts(ms - DAY_MS)
  const prev = hours.days[yesterday.weekday]
  if (prev && !closed.has(yesterday.date)) {
    const o = minutesOf(prev.open)
    const c = minutesOf(prev.close)
    if (c <= o && today.minute < c) return true
  }
  return false
}

/** Today's hours as people read them: 24 小时开放 · 今日 08:00–20:00 · 今日 22:00–次日 06:00 · 今日闭站. */
export function todayHoursText(hours: WeeklyHours, ms: number): string {
  const today = chinaParts(ms)
  if (hours.closedDates.includes(today.date)) return '今日闭站'
  if (hours.allDay) return '24 小时开放'
  const win = hours.days[today.weekday]
  if (!win) return '今日闭站'
  return isWholeDay(win) ? '今日 24 小时开放' : `今日 ${windowText(win)}`
}

/** 00:00–24:00: the whole day (a weekday marked 全天 24 小时). */
export const WHOLE_DAY: DayWindow = { open: '00:00', close: '24:00' }
export const isWholeDay = (win: DayWindow): boolean => win.open === WHOLE_DAY.open && win.close === WHOLE_DAY.close

export function windowText(win: DayWindow): string {
  if (isWholeDay(win)) return '全天 24 小时'
  return minutesOf(win.close) <= minutesOf(win.open) ? `${win.open}–次日 ${win.close}` : `${win.open}–${win.close}`
}

/** 刚刚 · 5 分钟前 · 3 小时前 · 2 天前 (of a confirmation). */
export function agoText(atMs: number, nowMs: number): string {
  const min = Math.max(0, Math.floor((nowMs - atMs) / 60_000))
  if (min < 1) return '刚刚'
  if (min < 60) return `${min} 分钟前`
  const h = Math.floor(min / 60)
  if (h < 24) return `${h} 小时前`
  return `${Math.floor(h / 24)} 天前`
}

/** The station form's values ↔ the contract's StationInput, the weekday editor's rules, the photo order (no Taro: tested in node). */
import type { Facility } from '@contract/stations/labels'
import type { StationDetail, StationInput } from '@contract/stations/schemas'
import { HHMM, WEEKDAY_LABELS, WHOLE_DAY, isWholeDay, minutesOf, type DayWindow } from '@contract/stations/hours'

/** One weekday as the editor shows it: 休息, 全天 24 小时, or from–to (to at or before from = past midnight). */
export type DayMode = 'closed' | 'allDay' | 'range'
export const DAY_MODE_LABELS: Record<DayMode, string> = { closed: '休息', allDay: '全天 24 小时', range: '时段' }
export const DAY_MODES = Object.keys(DAY_MODE_LABELS) as DayMode[]

export interface DayForm {
  mode: DayMode
  open: string
  close: string
}

export interface StationForm {
  name: string
  address: string
  lat: string
  lng: string
  orgId: number | null
  /** Monday first. */
  days: DayForm[]
  /** YYYY-MM-DD, separated by commas or spaces */
  closedDates: string
  facilities: Facility[]
  keeperName: string
  keeperPhone: string
}

const range = (open: string, close: string): DayForm => ({ mode: 'range', open, close })

export const emptyForm = (orgId: number | null): StationForm => ({
  name: '',
  address: '',
  lat: '',
  lng: '',
  orgId,
  days: WEEKDAY_LABELS.map(() => range('08:00', '20:00')),
  closedDates: '',
  facilities: [],
  keeperName: '',
  keeperPhone: '',
})

function dayOf(win: DayWindow | null): DayForm {
  if (!win) return { mode: 'closed', open: '08:00', close: '20:00' }
  if (isWholeDay(win)) return { mode: 'allDay', open: '08:00', close: '20:00' }
  return range(win.open, win.close)
}

export function formOf(s: StationDetail): StationForm {
  return {
    name: s.name,
    address: s.address,
    lat: String(s.lat),
    lng: String(s.lng),
    orgId: s.orgId,
    days: s.hours.allDay ? WEEKDAY_LABELS.map(() => dayOf(WHOLE_DAY)) : WEEKDAY_LABELS.map((_, i) => dayOf(s.hours.days[i] ?? null)),
    closedDates: s.hours.closedDates.join(', '),
    facilities: s.facilities,
    keeperName: s.keeperName,
    keeperPhone: s.keeperPhone,
  }
}

/** '8:00' → '08:00', '８：３０' → '08:30' (what people type on a phone keyboard). */
export function normaliseTime(t: string): string {
  const v = t.trim().replace(/[：]/g, ':').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
  return /^\d:\d{2}$/.test(v) ? `0${v}` : v
}

function windowOf(d: DayForm): DayWindow | null {
  if (d.mode === 'closed') return null
  if (d.mode === 'allDay') return WHOLE_DAY
  return { open: normaliseTime(d.open), close: normaliseTime(d.close) }
}

/** The week's hours: 24 小时开放 when every day is 全天 (closure dates still apply). */
export function inputOf(f: StationForm, photoIds: string[] = []): StationInput {
  const days = f.days.map(windowOf)
  return {
    name: f.name,
    address: f.address,
    lat: Number(f.lat),
    lng: Number(f.lng),
    orgId: f.orgId ?? 0,
    hours: {
      allDay: days.every((d) => d !== null && isWholeDay(d)),
      days,
      closedDates: f.closedDates.split(/[\s,，、]+/).filter(Boolean),
    },
    facilities: f.facilities,
    photoIds,
    keeperName: f.keeperName,
    keeperPhone: f.keeperPhone,
  }
}

/** The field key of a weekday's time, as the server names it (`hours.days.2.close`). */
export const dayField = (i: number, part: 'open' | 'close') => `hours.days.${i}.${part}`

/** Problems of the weekday editor, beside each weekday's times (the server checks again). */
export function checkDays(days: readonly DayForm[]): Record<string, string> {
  const errors: Record<string, string> = {}
  days.forEach((d, i) => {
    if (d.mode !== 'range') return
    const open = normaliseTime(d.open)
    const close = normaliseTime(d.close)
    const label = WEEKDAY_LABELS[i]
    if (!HHMM.test(open) || open === '24:00') errors[dayField(i, 'open')] = `${label}开始时间应写作 HH:mm，如 08:00`
    if (!HHMM.test(close)) errors[dayField(i, 'close')] = `${label}结束时间应写作 HH:mm，如 20:00（全天结束写 24:00）`
    else if (open === close) errors[dayField(i, 'close')] = `${label}开始与结束时间相同；全天开放请选“全天 24 小时”`
  })
  return errors
}

/** Does the weekday's window run past midnight (22:00–06:00)? */
export function acrossMidnight(d: DayForm): boolean {
  if (d.mode !== 'range') return false
  const open = normaliseTime(d.open)
  const close = normaliseTime(d.close)
  return HHMM.test(open) && HHMM.test(close) && open !== close && minutesOf(close) <= minutesOf(open)
}

/** 复制周一到每天: every weekday as Monday is. */
export const copyMondayToAll = (days: readonly DayForm[]): DayForm[] => days.map(() => ({ ...days[0] }))

/** Moves the photo at `from` one place left (-1) or right (+1); the first photo is the cover. */
export function movePhoto<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list]
  const next = [...list]
  ;[next[from], next[to]] = [next[to], next[from]]
  return next
}

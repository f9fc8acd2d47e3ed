/**
 * The 开放时间 and 开放日 cells of a station import, read as people write them:
 *
 *   24小时 · 全天                                   every day (or the 开放日 days), the whole day
 *   08:00-20:00 · 22:00-06:00                       one window (past midnight when it ends before it starts) on
 *                                                   every day, or on the days of the 开放日 column
 *   周一至周五 08:00-20:00；周六 09:00-17:00；周日 休息   per weekday, segments split by ；/; or a line break; a
 *                                                   weekday no segment names is 休息; 开放日 stays empty then
 *
 * A segment's days: 每天 · 工作日 · 周末 · 周一至周五 (到, -, ~) · 周一、周三 · 星期六 · 周日/周天. Its time: HH:mm-HH:mm
 * (–, —, ~, 至, 到 between; full-width colons accepted) · 24小时 / 全天 · 休息 / 闭站 / 不开放.
 * Every refusal is one Chinese sentence that quotes what was written.
 */
import { HHMM, WEEKDAY_LABELS, WHOLE_DAY, type DayWindow } from '@contract/stations/hours'
import { STATION_IMPORT_HOURS_EXAMPLE } from '@contract/stations/labels'

export type ParsedHours =
  | { ok: true; allDay: boolean; days: (DayWindow | null)[] }
  | { ok: false; column: 'hours' | 'days'; message: string }

const ALL = [true, true, true, true, true, true, true]
const SEGMENTS = /[；;\n\r]+/
const TIME_SEP = '[-–—~～至到]'
const WINDOW = new RegExp(`^(\\d{1,2}:\\d{2})${TIME_SEP}(\\d{1,2}:\\d{2})$`)
/** The time part at the end of a segment. */
const TAIL = new RegExp(`(\\d{1,2}:\\d{2}${TIME_SEP}\\d{1,2}:\\d{2}|24小时|24h|全天|休息|闭站|不开放)$`, 'i')

const clean = (t: string) => t.replace(/\s+/g, '').replace(/：/g, ':')

/** 每天 · 工作日 · 周末 · 周一至周五 · 周一、周三 (empty = every day); null when not weekdays. */
export function parseDays(text: string): boolean[] | null {
  const t = clean(text)
  if (t === '' || t === '每天' || t === '每日' || t === '全周' || t === '周一至周日') return [...ALL]
  if (t === '工作日') return [true, true, true, true, true, false, false]
  if (t === '周末') return [false, false, false, false, false, true, true]
  const idx = (d: string) => WEEKDAY_LABELS.indexOf(d.replace('星期', '周').replace('周天', '周日') as (typeof WEEKDAY_LABELS)[number])
  const range = /^(周.|星期.)[至到\-~～–—](周.|星期.)$/.exec(t)
  if (range) {
    const a = idx(range[1])
    const b = idx(range[2])
    if (a < 0 || b < 0 || b < a) return null
    return WEEKDAY_LABELS.map((_, i) => i >= a && i <= b)
  }
  const on = Array(7).fill(false) as boolean[]
  for (const p of t.split(/[、,，/]/)) {
    const i = idx(p)
    if (i < 0) return null
    on[i] = true
  }
  return on
}

const pad = (hhmm: string) => hhmm.padStart(5, '0')

/** The time part of a segment: a window, the whole day, or closed (null); a message when it cannot be. */
function parseTime(raw: string): { win: DayWindow | null } | { message: string } {
  const t = clean(raw)
  if (/^(24小时|24h|全天)$/i.test(t)) return { win: WHOLE_DAY }
  if (/^(休息|闭站|不开放)$/.test(t)) return { win: null }
  const m = WINDOW.exec(t)
  if (!m) return { message: `开放时间“${raw.trim()}”无法识别` }
  const open = pad(m[1])
  const close = pad(m[2])
  if (!HHMM.test(open) || open === '24:00' || !HHMM.test(close)) return { message: `开放时间“${raw.trim()}”不是有效的时间，应在 00:00 至 24:00 之间` }
  if (open === close) return { message: `开放时间“${raw.trim()}”开始与结束相同；全天开放请写“24小时”` }
  return { win: open === '00:00' && close === '24:00' ? WHOLE_DAY : { open, close } }
}

const HOW = `应为“24小时”、“08:00-20:00”（跨夜如“22:00-06:00”）或按星期分段，如“${STATION_IMPORT_HOURS_EXAMPLE}”`

/** The week's hours from the two cells; `allDay` when every day is the whole day. */
export function parseHours(hoursCell: string, daysCell: string): ParsedHours {
  const segments = hoursCell.split(SEGMENTS).map((s) => s.trim()).filter(Boolean)
  if (segments.length === 0) return { ok: false, column: 'hours', message: `请填写开放时间，${HOW}` }
  const parsed: { days: boolean[] | null; win: DayWindow | null; text: string }[] = []
  for (const seg of segments) {
    const tail = TAIL.exec(clean(seg))
    if (!tail) {
      return { ok: false, column: 'hours', message: `开放时间“${seg}”无法识别，${HOW}` }
    }
    const dayText = clean(seg).slice(0, tail.index).replace(/[:]$/, '')
    const time = parseTime(tail[1])
    if ('message' in time) return { ok: false, column: 'hours', message: `${time.message}，${HOW}` }
    let days: boolean[] | null = null
    if (dayText !== '') {
      days = parseDays(dayText)
      if (!days) return { ok: false, column: 'hours', message: `开放时间中的“${dayText}”无法识别为星期，应写作“周一至周五”“周六”“工作日”“周末”或“周一、周三”` }
    }
    parsed.push({ days, win: time.win, text: seg })
  }
  const perWeekday = parsed.some((p) => p.days !== null)
  if (!perWeekday && parsed.length > 1) {
    return { ok: false, column: 'hours', message: `开放时间“${hoursCell.trim()}”有多段，请在每段前写明星期，如“${STATION_IMPORT_HOURS_EXAMPLE}”` }
  }
  if (!perWeekday) {
    const on = parseDays(daysCell)
    if (!on) return { ok: false, column: 'days', message: `开放日“${daysCell.trim()}”无法识别，应为“每天”“工作日”“周一至周五”或“周一、周三”` }
    const win = parsed[0].win
    const days = on.map((o) => (o ? win : null))
    return { ok: true, allDay: days.every((d) => d !== null && d === WHOLE_DAY), days }
  }
  if (clean(daysCell) !== '') {
    return { ok: false, column: 'days', message: '开放时间已按星期分段填写，开放日一栏请留空' }
  }
  const days: (DayWindow | null)[] = Array(7).fill(null)
  const named: (string | null)[] = Array(7).fill(null)
  for (const p of parsed) {
    if (p.days === null) {
      return { ok: false, column: 'hours', message: `开放时间“${p.text}”缺少星期；按星期分段时，每段都要写明星期，如“${STATION_IMPORT_HOURS_EXAMPLE}”` }
    }
    for (let i = 0; i < 7; i++) {
      if (!p.days[i]) continue
      if (named[i] !== null) return { ok: false, column: 'hours', message: `开放时间中${WEEKDAY_LABELS[i]}出现了两次（“${named[i]}”和“${p.text}”）` }
      named[i] = p.text
      days[i] = p.win
    }
  }
  return { ok: true, allDay: days.every((d) => d === WHOLE_DAY), days }
}

import { agoText, isOpenAt, todayHoursText, windowText, type WeeklyHours } from './hours'
import { liveStatusOf } from './live'

/** An instant given as China wall-clock time. */
const at = (local: string) => new Date(`${local}+08:00`).getTime()
const every = (open: string, close: string) => Array.from({ length: 7 }, () => ({ open, close }))

describe('open now (China time)', () => {
  const day: WeeklyHours = { allDay: false, days: every('08:00', '20:00'), closedDates: [] }
  const night: WeeklyHours = { allDay: false, days: every('22:00', '06:00'), closedDates: [] }

  it('is open inside the day window, closed outside, whatever the server’s zone', () => {
    expect(isOpenAt(day, at('2026-12-02T08:00:00'))).toBe(true)
    expect(isOpenAt(day, at('2026-12-02T19:59:00'))).toBe(true)
    expect(isOpenAt(day, at('2026-12-02T20:00:00'))).toBe(false)
    // 01:00 UTC is 09:00 in China
    expect(isOpenAt(day, Date.UTC(2026, 11, 2, 1, 0))).toBe(true)
    expect(isOpenAt(day, Date.UTC(2026, 11, 2, 13, 0))).toBe(false) // 21:00 China
  })

  it('runs across midnight into the next day', () => {
    expect(isOpenAt(night, at('2026-12-02T23:30:00'))).toBe(true)
    expect(isOpenAt(night, at('2026-12-03T02:00:00'))).toBe(true)
    expect(isOpenAt(night, at('2026-12-03T06:00:00'))).toBe(false)
    expect(isOpenAt(night, at('2026-12-03T12:00:00'))).toBe(false)
    // only Wednesday night open (index 2): Thursday 02:00 is open, Wednesday 02:00 is not
    const wedOnly: WeeklyHours = { allDay: false, days: [null, null, { open: '22:00', close: '06:00' }, null, null, null, null], closedDates: [] }
    expect(isOpenAt(wedOnly, at('2026-12-03T02:00:00'))).toBe(true) // Thu
    expect(isOpenAt(wedOnly, at('2026-12-02T02:00:00'))).toBe(false) // Wed early morning: Tuesday had no window
    expect(todayHoursText(wedOnly, at('2026-12-02T12:00:00'))).toBe('今日 22:00–次日 06:00')
  })

  it('is closed on a holiday closure; a night window begun the evening before still runs into it', () => {
    const holiday = '2026-10-01'
    expect(isOpenAt({ ...day, closedDates: [holiday] }, at(`${holiday}T12:00:00`))).toBe(false)
    expect(isOpenAt({ ...day, closedDates: [holiday] }, at('2026-10-02T12:00:00'))).toBe(true)
    expect(isOpenAt({ allDay: true, days: every('00:00', '24:00'), closedDates: [holiday] }, at(`${holiday}T03:00:00`))).toBe(false)
    expect(isOpenAt({ ...night, closedDates: [holiday] }, at(`${holiday}T02:00:00`))).toBe(true) // began 09-30
    expect(isOpenAt({ ...night, closedDates: [holiday] }, at(`${holiday}T23:00:00`))).toBe(false)
    expect(isOpenAt({ ...night, closedDates: [holiday] }, at('2026-10-02T02:00:00'))).toBe(false)
    expect(todayHoursText({ ...day, closedDates: [holiday] }, at(`${holiday}T12:00:00`))).toBe('今日闭站')
  })

  it('24 h stations are always open; 00:00–24:00 is the whole day', () => {
    const allDay: WeeklyHours = { allDay: true, days: [null, null, null, null, null, null, null], closedDates: [] }
    expect(isOpenAt(allDay, at('2026-12-02T03:17:00'))).toBe(true)
    expect(todayHoursText(allDay, at('2026-12-02T03:17:00'))).toBe('24 小时开放')
    expect(isOpenAt({ ...day, days: every('00:00', '24:00') }, at('2026-12-02T23:59:00'))).toBe(true)
    // one weekday 全天 24 小时 among others (Wednesday, index 2)
    const wedWhole: WeeklyHours = { ...day, days: day.days.map((d, i) => (i === 2 ? { open: '00:00', close: '24:00' } : d)) }
    expect(todayHoursText(wedWhole, at('2026-12-02T03:00:00'))).toBe('今日 24 小时开放')
    expect(isOpenAt(wedWhole, at('2026-12-02T03:00:00'))).toBe(true)
    expect(isOpenAt(wedWhole, at('2026-12-03T03:00:00'))).toBe(false) // Thursday 03:00: its 08:00 window not begun
    expect(windowText({ open: '00:00', close: '24:00' })).toBe('全天 24 小时')
  })
})

describe('live status', () => {
  const now = at('2026-12-02T12:00:00')
  it('is the keeper’s status until 7 days without confirmation, then 未确认', () => {
    expect(liveStatusOf('full', now - 5 * 60_000, now)).toBe('full')
    expect(liveStatusOf('open', now - 7 * 86_400_000 + 60_000, now)).toBe('open')
    expect(liveStatusOf('open', now - 7 * 86_400_000, now)).toBe('unconfirmed')
    expect(liveStatusOf('paused', null, now)).toBe('unconfirmed')
    expect(agoText(now - 12 * 60_000, now)).toBe('12 分钟前')
    expect(agoText(now - 3 * 3_600_000, now)).toBe('3 小时前')
  })
})

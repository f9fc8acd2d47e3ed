import { calendarDaysUntil, countdownText, deadlineText, eventDateTime, eventSpan, eventWhen } from './format'

// Local times (no zone suffix) so the test reads the same in any TZ.
const NOW = '2026-11-23T10:00:00' // 周一

describe('event time formatting', () => {
  it('writes the date with 周几 and the countdown in calendar days', () => {
    expect(eventWhen('2026-11-28T09:00:00', '2026-11-28T17:00:00', NOW)).toBe('11月28日 周六 09:00，还有5天')
    expect(eventDateTime('2027-01-02T08:30:00', NOW)).toBe('2027年1月2日 周六 08:30')
  })

  it('counts calendar days, not 24-hour blocks', () => {
    // 23:00 tonight → tomorrow 08:00 is 明天 although only 9 hours away.
    expect(countdownText('2026-11-24T08:00:00', null, '2026-11-23T23:00:00')).toBe('明天')
    expect(countdownText('2026-11-23T18:00:00', null, NOW)).toBe('今天')
    expect(countdownText('2026-11-25T09:00:00', null, NOW)).toBe('后天')
    expect(calendarDaysUntil('2026-12-01T00:10:00', '2026-11-30T23:50:00')).toBe(1)
  })

  it('says 进行中 during the event and 已结束 after it', () => {
    expect(countdownText('2026-11-23T09:00:00', '2026-11-23T17:00:00', NOW)).toBe('进行中')
    expect(countdownText('2026-11-20T09:00:00', '2026-11-20T17:00:00', NOW)).toBe('已结束')
    expect(countdownText('2026-11-23T09:00:00', null, NOW)).toBe('已开始')
  })

  it('writes a one-day span with one date and a multi-day span with two', () => {
    expect(eventSpan('2026-11-28T09:00:00', '2026-11-28T17:00:00', NOW)).toBe('11月28日 周六 09:00–17:00')
    expect(eventSpan('2026-11-28T09:00:00', '2026-11-29T17:00:00', NOW)).toBe('11月28日 周六 09:00 至 11月29日 周日 17:00')
  })

  it('shows how long is left before a deadline', () => {
    expect(deadlineText('2026-11-25T18:00:00', NOW)).toBe('11月25日 周三 18:00（还剩2天）')
    expect(deadlineText('2026-11-23T15:00:00', NOW)).toBe('11月23日 周一 15:00（还剩5小时）')
    expect(deadlineText('2026-11-22T15:00:00', NOW)).toBe('11月22日 周日 15:00（已截止）')
    expect(deadlineText('2026-11-23T10:02:30', NOW)).toBe('11月23日 周一 10:02（还剩2分钟）')
    expect(deadlineText('2026-11-23T10:00:20', NOW)).toBe('11月23日 周一 10:00（还剩1分钟）')
  })
})

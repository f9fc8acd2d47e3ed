import { expectedText, formatDate, formatDateTime, fromNow, greeting, waitingText } from './date'

describe('date helpers', () => {
  it('formats in Chinese', () => {
    expect(formatDate('2025-03-08T06:05:00')).toBe('2025年3月8日')
    expect(formatDateTime('2025-03-08T14:05:00')).toBe('2025年3月8日 14:05')
    expect(fromNow('2025-03-08T14:00:00', '2025-03-08T14:03:00')).toBe('3 分钟前')
    expect(greeting('2025-03-08T08:00:00')).toBe('早上好')
    expect(greeting('2025-03-08T20:00:00')).toBe('晚上好')
  })

  it('expected time: a date ahead, or an honest note once it has passed', () => {
    const now = Date.parse('2026-11-23T08:00:00Z')
    expect(expectedText('2026-11-26T08:00:00Z', now)).toBe('预计 11月26日（周四）前完成')
    expect(expectedText('2026-11-20T08:00:00Z', now)).toBe('已超过预计时间（11月20日），请耐心等待')
    expect(expectedText(null, now)).toBeNull()
  })

  it('waiting time', () => {
    expect(waitingText(0.5)).toBe('已等待不到 1 小时')
    expect(waitingText(5.9)).toBe('已等待 5 小时')
    expect(waitingText(51)).toBe('已等待 2 天 3 小时')
  })
})

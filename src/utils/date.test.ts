import { formatDate, formatDateTime, fromNow, greeting } from './date'

describe('date helpers', () => {
  it('formats in Chinese', () => {
    expect(formatDate('2025-03-08T06:05:00')).toBe('2025年3月8日')
    expect(formatDateTime('2025-03-08T14:05:00')).toBe('2025年3月8日 14:05')
    expect(fromNow('2025-03-08T14:00:00', '2025-03-08T14:03:00')).toBe('3 分钟前')
    expect(greeting('2025-03-08T08:00:00')).toBe('早上好')
    expect(greeting('2025-03-08T20:00:00')).toBe('晚上好')
  })
})

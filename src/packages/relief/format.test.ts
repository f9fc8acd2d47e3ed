import { expectedText, fileSizeText, reliefProgress, stageTone, waitingText, yuanText } from './format'

describe('relief formatting', () => {
  it('money in yuan with thousands separators', () => {
    expect(yuanText(20000)).toBe('¥20,000')
    expect(yuanText(1234.5)).toBe('¥1,234.5')
    expect(yuanText(80)).toBe('¥80')
    expect(yuanText(null)).toBe('—')
  })

  it('expected time: a date ahead, or an honest note once it has passed', () => {
    const now = Date.parse('2026-11-23T08:00:00Z')
    expect(expectedText('2026-11-26T08:00:00Z', now)).toBe('预计 11月26日（周四）前完成')
    expect(expectedText('2026-11-20T08:00:00Z', now)).toBe('已超过预计时间（11月20日），请耐心等待')
    expect(expectedText(null, now)).toBeNull()
  })

  it('waiting time and file sizes', () => {
    expect(waitingText(0.5)).toBe('已等待不到 1 小时')
    expect(waitingText(5.9)).toBe('已等待 5 小时')
    expect(waitingText(51)).toBe('已等待 2 天 3 小时')
    expect(fileSizeText(1500)).toBe('1 KB')
    expect(fileSizeText(2.5 * 1024 * 1024)).toBe('2.5 MB')
  })

  it('stage tone says who is to act; progress follows 提交 → 初审 → 复核 → 公示 → 发放', () => {
    expect(stageTone('returned')).toBe('action')
    expect(stageTone('district_review')).toBe('progress')
    expect(stageTone('paid')).toBe('done')
    expect(reliefProgress('returned')).toEqual({ current: 1, ended: false })
    expect(reliefProgress('publicity')).toEqual({ current: 3, ended: false })
    expect(reliefProgress('paid')).toEqual({ current: 5, ended: false })
    expect(reliefProgress('rejected').ended).toBe(true)
  })
})

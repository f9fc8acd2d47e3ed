/** dayjs, set up once: Simplified Chinese locale and relative time ("3 分钟前"). */
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import relativeTime from 'dayjs/plugin/relativeTime'

dayjs.extend(relativeTime)
dayjs.locale('zh-cn')

export { dayjs }

export type DateInput = string | number | Date | dayjs.Dayjs

/** 2025年3月8日 */
export function formatDate(value: DateInput): string {
  return dayjs(value).format('YYYY年M月D日')
}

/** 2025年3月8日 14:05 */
export function formatDateTime(value: DateInput): string {
  return dayjs(value).format('YYYY年M月D日 HH:mm')
}

/** 3 分钟前 / 2 天后 */
export function fromNow(value: DateInput, now: DateInput = dayjs()): string {
  return dayjs(value).from(dayjs(now))
}

/** 早上好 / 上午好 / 中午好 / 下午好 / 晚上好 */
export function greeting(now: DateInput = dayjs()): string {
  const h = dayjs(now).hour()
  if (h < 5) return '晚上好'
  if (h < 9) return '早上好'
  if (h < 11) return '上午好'
  if (h < 13) return '中午好'
  if (h < 18) return '下午好'
  return '晚上好'
}

export function isPast(value: DateInput, now: DateInput = dayjs()): boolean {
  return dayjs(value).isBefore(dayjs(now))
}

/** 已等待 5 小时 / 已等待 2 天 3 小时 */
export function waitingText(hours: number): string {
  const h = Math.max(0, Math.floor(hours))
  if (h < 1) return '已等待不到 1 小时'
  if (h < 24) return `已等待 ${h} 小时`
  const d = Math.floor(h / 24)
  return h % 24 ? `已等待 ${d} 天 ${h % 24} 小时` : `已等待 ${d} 天`
}

/** When an application should be decided: 预计 11月26日（周三）前完成 — or, once past: 已超过预计时间（11月26日），请耐心等待 */
export function expectedText(iso: string | null | undefined, now: number = Date.now()): string | null {
  if (!iso) return null
  const d = dayjs(iso)
  if (d.valueOf() < now) return `已超过预计时间（${d.format('M月D日')}），请耐心等待`
  return `预计 ${d.format('M月D日（ddd）')}前完成`
}

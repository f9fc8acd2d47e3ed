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

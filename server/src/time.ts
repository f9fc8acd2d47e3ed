/**
 * China Standard Time (UTC+8, no daylight saving) for what people read: messages, exports, calendar months and
 * days. Storage and comparisons stay in UTC instants; only these helpers turn them into wall-clock text.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

const china = (ms: number) => dayjs(ms).utcOffset(480)

/** 2026-11-23 10:00 */
export const chinaTime = (ms: number): string => china(ms).format('YYYY-MM-DD HH:mm')
/** 2026-11-23 */
export const chinaDate = (ms: number): string => china(ms).format('YYYY-MM-DD')
/** 2026-11 (a calendar-month limit's scope) */
export const chinaMonth = (ms: number): string => china(ms).format('YYYY-MM')
/** 20261123 (file names) */
export const chinaDay = (ms: number): string => china(ms).format('YYYYMMDD')
/** 2026 */
export const chinaYear = (ms: number): number => china(ms).year()

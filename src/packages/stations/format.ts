/** Display helpers of 爱心驿站 (no Taro). */
import { LIVE_STATUS_LABELS, type LiveStatus } from '@contract/stations/labels'
import { agoText } from '@contract/stations/hours'

/** 850 米 / 1.2 公里 */
export function distanceText(m: number | null): string {
  if (m === null) return ''
  return m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`
}

export function liveStatusText(status: LiveStatus): string {
  return LIVE_STATUS_LABELS[status]
}

/** 12 分钟前确认 · 尚未确认 */
export function confirmedText(confirmedAt: string | null, now: number): string {
  return confirmedAt ? `${agoText(Date.parse(confirmedAt), now)}确认` : '站长尚未确认'
}

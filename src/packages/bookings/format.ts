/** 在线预约 display helpers (no Taro): when a slot is, in China time as the device shows it. */
import { dayjs } from '../../utils/date'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** '12月5日 周六 09:00–11:00' */
export function slotWhen(startsAt: string, endsAt: string): string {
  const s = dayjs(startsAt)
  const e = dayjs(endsAt)
  return `${s.format('M月D日')} 周${WEEKDAYS[s.day()]} ${s.format('HH:mm')}–${e.format('HH:mm')}`
}

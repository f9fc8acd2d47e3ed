import Taro from '@tarojs/taro'
import type { CallAdapter } from './types'

/** weapp: the system dialer with the number filled in (the user confirms; cancelling is not an error). */
export const phoneCall: CallAdapter = {
  async call(number) {
    try {
      await Taro.makePhoneCall({ phoneNumber: number })
      return { ok: true }
    } catch (err) {
      const msg = (err as { errMsg?: string })?.errMsg ?? ''
      return /cancel/i.test(msg) ? { ok: true } : { ok: false, message: `无法拨号，请手动拨打 ${number}` }
    }
  },
}

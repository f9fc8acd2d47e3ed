import type { CallAdapter } from './types'

/** H5: a tel: link (phones open the dialer; a desktop browser may offer an app or nothing). */
export const phoneCall: CallAdapter = {
  async call(number) {
    try {
      window.location.href = `tel:${number}`
      return { ok: true }
    } catch {
      return { ok: false, message: `请手动拨打 ${number}` }
    }
  },
}

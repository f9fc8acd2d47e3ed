import type { PhoneAdapter } from './types'

/** H5: no WeChat phone authorisation; the user types the number (format-checked by the form). */
export const phone: PhoneAdapter = {
  viaWechat: false,
  codeFrom() {
    return { ok: false, reason: 'unsupported', message: '网页版请手动输入手机号' }
  },
}

import type { PhoneAdapter } from './types'

/** weapp: <Button openType='getPhoneNumber'>; its code is exchanged on the server (exchangePhone). */
export const phone: PhoneAdapter = {
  viaWechat: true,
  codeFrom(detail) {
    const d = (detail ?? {}) as { code?: string; errMsg?: string }
    if (d.code) return { ok: true, code: d.code }
    if (String(d.errMsg ?? '').includes('deny') || String(d.errMsg ?? '').includes('cancel')) {
      return { ok: false, reason: 'denied', message: '未授权手机号，请手动输入' }
    }
    return { ok: false, reason: 'failed', message: '获取手机号失败，请手动输入' }
  },
}

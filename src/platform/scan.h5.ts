import type { ScanAdapter } from './types'

/** The browser build has no camera scanner: staff type or paste the code. */
export const scan: ScanAdapter = {
  supported: false,
  async scan() {
    return { ok: false, reason: 'unsupported', message: '网页版不支持扫码，请手动输入或粘贴券码' }
  },
}

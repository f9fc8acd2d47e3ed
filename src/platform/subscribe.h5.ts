import type { SubscribeAdapter } from './types'

/** No subscription messages in the browser: results are shown in the app instead. */
export const subscribe: SubscribeAdapter = {
  supported: false,
  async request() {
    return { ok: false, reason: 'unsupported', message: '网页版不支持订阅消息，请在小程序中查看审核结果' }
  },
}

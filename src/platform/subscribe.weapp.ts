import Taro from '@tarojs/taro'
import type { SubscribeAdapter } from './types'

export const subscribe: SubscribeAdapter = {
  supported: true,
  async request(templateIds) {
    if (templateIds.length === 0) return { ok: true, accepted: [], rejected: [] }
    try {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] })) as unknown as Record<string, string>
      const accepted = templateIds.filter((id) => res[id] === 'accept')
      return { ok: true, accepted, rejected: templateIds.filter((id) => !accepted.includes(id)) }
    } catch {
      return { ok: false, reason: 'failed', message: '订阅消息暂时无法开启，可稍后在“我的”中重试' }
    }
  },
}

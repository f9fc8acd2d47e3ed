import Taro from '@tarojs/taro'
import type { ShareAdapter } from './types'

export const share: ShareAdapter = {
  canShareToChat: true,
  async copy(text) {
    try {
      await Taro.setClipboardData({ data: text })
      return true
    } catch {
      return false
    }
  },
}

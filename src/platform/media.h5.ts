import Taro from '@tarojs/taro'
import type { MediaAdapter } from './types'

export const media: MediaAdapter = {
  canPickAvatar: true,
  async pickImage() {
    try {
      const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      const path = res.tempFilePaths[0]
      return path ? { ok: true, filePath: path } : { ok: false, reason: 'cancelled', message: '未选择图片' }
    } catch {
      return { ok: false, reason: 'cancelled', message: '未选择图片' }
    }
  },
}

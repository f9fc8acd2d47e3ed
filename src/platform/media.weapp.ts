import Taro from '@tarojs/taro'
import type { MediaAdapter } from './types'

/** On weapp the avatar comes from <Button openType="chooseAvatar">; pickImage is for other uploads. */
export const media: MediaAdapter = {
  canPickAvatar: false,
  async pickImage() {
    try {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      const file = res.tempFiles[0]
      return file ? { ok: true, filePath: file.tempFilePath } : { ok: false, reason: 'cancelled', message: '未选择图片' }
    } catch {
      return { ok: false, reason: 'cancelled', message: '未选择图片' }
    }
  },
  async pickFile() {
    // Mini-programs cannot browse the phone's files: WeChat offers files from chats (文件传输助手 etc.).
    try {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png', 'webp'] })
      const file = res.tempFiles[0]
      return file ? { ok: true, filePath: file.path, name: file.name } : { ok: false, reason: 'cancelled', message: '未选择文件' }
    } catch {
      return { ok: false, reason: 'cancelled', message: '未选择文件' }
    }
  },
}

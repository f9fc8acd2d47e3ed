import Taro from '@tarojs/taro'
import { apiBase } from './config'
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
      return file ? { ok: true, filePath: file.path, name: file.name, size: file.size } : { ok: false, reason: 'cancelled', message: '未选择文件' }
    } catch {
      return { ok: false, reason: 'cancelled', message: '未选择文件' }
    }
  },
  async pickSpreadsheet() {
    // An office sends the roster to the phone through a chat (文件传输助手): pick it from there.
    try {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
      const file = res.tempFiles[0]
      return file ? { ok: true, filePath: file.path, name: file.name, size: file.size } : { ok: false, reason: 'cancelled', message: '未选择文件' }
    } catch {
      return { ok: false, reason: 'cancelled', message: '未选择文件' }
    }
  },
  canPickPdf: true,
  async pickDocument(kind) {
    try {
      if (kind === 'pdf') {
        // PDFs reach a phone through chats: pick one from a WeChat conversation.
        const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] })
        const file = res.tempFiles[0]
        return file ? { ok: true, filePath: file.path, name: file.name, size: file.size } : { ok: false, reason: 'cancelled', message: '未选择文件' }
      }
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      const file = res.tempFiles[0]
      return file ? { ok: true, filePath: file.tempFilePath, name: 'photo.jpg', size: file.size } : { ok: false, reason: 'cancelled', message: '未选择图片' }
    } catch {
      return { ok: false, reason: 'cancelled', message: '未选择文件' }
    }
  },
  async openDocument(link, mime) {
    // Signed links are server paths: the mini-program needs the full https address.
    const url = link.startsWith('/') ? apiBase + link : link
    try {
      if (mime.startsWith('image/')) {
        await Taro.previewImage({ urls: [url], current: url })
        return { ok: true }
      }
      const res = await Taro.downloadFile({ url })
      await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf' })
      return { ok: true }
    } catch {
      return { ok: false, reason: 'failed', message: '文件打开失败，请稍后重试' }
    }
  },
}

import Taro from '@tarojs/taro'
import type { MediaAdapter, PickFileResult } from './types'

/** A hidden <input type=file>: Taro's H5 chooseMessageFile is not supported. Resolves with a blob: URL. */
function pickFromFileSystem(accept: string): Promise<PickFileResult> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve({ ok: false, reason: 'cancelled', message: '未选择文件' })
      resolve({ ok: true, filePath: URL.createObjectURL(file), name: file.name })
    })
    input.addEventListener('cancel', () => {
      input.remove()
      resolve({ ok: false, reason: 'cancelled', message: '未选择文件' })
    })
    document.body.appendChild(input)
    input.click()
  })
}

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
  pickFile() {
    return pickFromFileSystem('image/jpeg,image/png,image/webp,application/pdf')
  },
}

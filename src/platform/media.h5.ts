import Taro from '@tarojs/taro'
import type { MediaAdapter, PickFileResult } from './types'

const NOT_CHOSEN: PickFileResult = { ok: false, reason: 'cancelled', message: '未选择文件' }

/**
 * The browser's file picker (a hidden <input type=file>; Taro's H5 chooseMessageFile is not supported); resolves
 * with a blob: URL when a file is chosen, or NOT_CHOSEN when the picker closes.
 */
function pickFromFileSystem(accept: string): Promise<PickFileResult> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    let done = false
    const finish = (r: PickFileResult) => {
      if (done) return
      done = true
      input.remove()
      resolve(r)
    }
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      finish(file ? { ok: true, filePath: URL.createObjectURL(file), name: file.name, size: file.size } : NOT_CHOSEN)
    })
    input.addEventListener('cancel', () => finish(NOT_CHOSEN))
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
  pickSpreadsheet() {
    return pickFromFileSystem('.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv')
  },
  canPickPdf: true,
  pickDocument(kind) {
    return pickFromFileSystem(kind === 'pdf' ? 'application/pdf,.pdf' : 'image/*')
  },
  async openDocument(url) {
    // The browser shows photos and PDFs itself.
    window.open(url, '_blank', 'noopener')
    return { ok: true }
  },
}

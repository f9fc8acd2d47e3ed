import type { FileSaveAdapter } from './types'

/** WeChat cannot open a CSV file inside the mini-program: staff export from the web version on a computer. */
export const download: FileSaveAdapter = {
  supported: false,
  async save() {
    return { ok: false, reason: 'unsupported', message: '小程序内无法打开 CSV 文件，请在电脑浏览器打开网页版导出' }
  },
}

import Taro from '@tarojs/taro'
import { apiBase, apiTransport } from './config'
import type { DocumentAdapter } from './types'

/**
 * downloadFile to a temp path, then openDocument: WeChat previews the spreadsheet and offers 转发 / 用其他应用打开.
 * The download domain must be a downloadFile 合法域名 (the same server as the API).
 */
export const documents: DocumentAdapter = {
  // WeChat's document viewer opens spreadsheets and PDFs, not CSV: staff export a CSV from the web version.
  canOpen: (fileType) => fileType !== 'csv' && fileType !== 'json',
  async open(req) {
    if (req.fileType === 'json') {
      return { ok: false, reason: 'unsupported', message: '小程序内无法打开 JSON 文件，请下载表格版，或在电脑浏览器打开网页版下载' }
    }
    if (req.fileType === 'csv') {
      return { ok: false, reason: 'unsupported', message: '小程序内无法打开 CSV 文件，请在电脑浏览器打开网页版导出' }
    }
    if (apiTransport === 'cloud') {
      return { ok: false, reason: 'unsupported', message: '云托管版本暂不支持下载名单，请在电脑端网页版下载' }
    }
    try {
      const res = await Taro.downloadFile({ url: apiBase + req.url, header: req.headers })
      if (res.statusCode !== 200) {
        return { ok: false, reason: 'failed', message: res.statusCode === 403 ? '没有权限下载该文件' : '下载失败，请稍后再试' }
      }
      await Taro.openDocument({ filePath: res.tempFilePath, fileType: req.fileType as 'xlsx' | 'pdf', showMenu: true })
      return { ok: true }
    } catch {
      return { ok: false, reason: 'failed', message: '无法打开文件，请稍后再试' }
    }
  },
}

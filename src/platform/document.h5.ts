import type { DocumentAdapter } from './types'

/** The browser saves the file: fetch with the session header, then click a download link to a blob: URL. */
export const documents: DocumentAdapter = {
  canOpen: () => true,
  async open(req) {
    try {
      const res = await fetch(req.url, { headers: req.headers, credentials: 'same-origin' })
      if (!res.ok) return { ok: false, reason: 'failed', message: res.status === 403 ? '没有权限下载该文件' : '下载失败，请稍后再试' }
      const blob = await res.blob()
      const href = URL.createObjectURL(blob)
      const a = document.createElement('a')
      a.href = href
      a.download = req.fileName
      a.style.display = 'none'
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(href), 60_000)
      return { ok: true }
    } catch {
      return { ok: false, reason: 'failed', message: '网络不给力，下载失败，请稍后再试' }
    }
  },
}

import type { FileSaveAdapter } from './types'

/** The browser downloads a file from our own API (same origin) through a temporary object URL. */
export const download: FileSaveAdapter = {
  supported: true,
  async save(path, headers, filename) {
    try {
      const res = await fetch(path, { headers, credentials: 'same-origin' })
      if (!res.ok) return { ok: false, reason: 'failed', message: res.status === 404 ? '没有找到该活动，或您无权导出' : '导出失败，请稍后再试' }
      const url = URL.createObjectURL(await res.blob())
      const a = document.createElement('a')
      a.href = url
      a.download = filename
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
      return { ok: true }
    } catch {
      return { ok: false, reason: 'failed', message: '网络不给力，导出失败，请稍后再试' }
    }
  },
}

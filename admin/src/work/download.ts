/**
 * Files the server makes (.xlsx exports) and images the page makes (a chart as PNG), saved by the browser. An export
 * is fetched with the console session's Bearer token (never put in a URL), then handed to the browser as a blob.
 */
import { ApiError } from '@/api/errors'

export interface Saver {
  /** Saves `blob` under `filename` (the browser's download; a fake in tests). */
  save(blob: Blob, filename: string): void
}

export const browserSaver: Saver = {
  save(blob, filename) {
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = filename
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  },
}

/** The file name the server gave (`filename*=UTF-8''…`), else `fallback`. */
export function filenameOf(disposition: string | null, fallback: string): string {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')
  if (!m) return fallback
  try {
    return decodeURIComponent(m[1])
  } catch {
    return fallback
  }
}

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>

/** GET `path` (+ query) with the session's token and save the answer; a refusal becomes the server's ApiError. */
export async function downloadExport(
  path: string,
  query: Record<string, string | number | undefined>,
  token: string | null,
  fallbackName: string,
  options: { fetcher?: Fetcher; saver?: Saver } = {},
): Promise<string> {
  const q = Object.entries(query).filter(([, v]) => v !== undefined && v !== '')
  const url = path + (q.length ? '?' + new URLSearchParams(q.map(([k, v]) => [k, String(v)])).toString() : '')
  const res = await (options.fetcher ?? fetch)(url, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  if (!res.ok) {
    let body: { code?: string; reason?: string; message?: string } = {}
    try {
      body = (await res.json()) as typeof body
    } catch {
      // not JSON
    }
    throw new ApiError({ status: res.status, code: body.code ?? 'NETWORK', reason: body.reason ?? body.code ?? 'NETWORK', message: body.message ?? '导出失败，请稍后再试' })
  }
  const name = filenameOf(res.headers.get('content-disposition'), fallbackName)
  ;(options.saver ?? browserSaver).save(await res.blob(), name)
  return name
}

/** A data: URL (ECharts' getDataURL) as a Blob. */
export function dataUrlBlob(dataUrl: string): Blob {
  const [head, data] = dataUrl.split(',')
  const mime = /data:([^;]+)/.exec(head)?.[1] ?? 'image/png'
  const bytes = atob(data)
  const arr = new Uint8Array(bytes.length)
  for (let i = 0; i < bytes.length; i++) arr[i] = bytes.charCodeAt(i)
  return new Blob([arr], { type: mime })
}

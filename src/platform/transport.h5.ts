import type { TransportAdapter } from './types'

type Headers = Record<string, string>

/** The H5 app is served by the API server itself: same-origin requests, no base URL. */
function withTimeout(ms: number): { signal?: AbortSignal; done: () => void } {
  if (typeof AbortController === 'undefined') return { done: () => undefined }
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), ms)
  return { signal: controller.signal, done: () => clearTimeout(timer) }
}

async function toResponse(res: Response): Promise<{ status: number; headers: Headers; data: unknown }> {
  const headers: Headers = {}
  res.headers.forEach((value, key) => {
    headers[key] = value
  })
  return { status: res.status, headers, data: await res.text() }
}

export const transport: TransportAdapter = {
  async request(req) {
    const t = withTimeout(req.timeoutMs)
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.data === undefined ? undefined : JSON.stringify(req.data),
        credentials: 'same-origin',
        signal: t.signal,
      })
      return await toResponse(res)
    } finally {
      t.done()
    }
  },
  async upload(req) {
    const t = withTimeout(req.timeoutMs)
    try {
      // chooseImage gives a blob: URL; read it back into a File for the multipart body.
      const blob = await (await fetch(req.filePath)).blob()
      const form = new FormData()
      const ext = (blob.type.split('/')[1] || 'jpg').replace('jpeg', 'jpg')
      form.append(req.name, blob, req.fileName ?? `upload.${ext}`)
      const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: form, credentials: 'same-origin', signal: t.signal })
      return await toResponse(res)
    } finally {
      t.done()
    }
  },
}

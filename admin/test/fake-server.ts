/**
 * A fake of the server at the transport boundary (the console's ApiClient is the real one): handlers by
 * `METHOD /path`, each answering `{ status, body }`; every request is recorded with its headers.
 */
import type { Transport, TransportRequest, TransportResponse, TransportUpload } from '@/api/client'

export type Handler = (req: TransportRequest) => { status?: number; body: unknown; headers?: Record<string, string> } | Promise<{ status?: number; body: unknown; headers?: Record<string, string> }>

export class FakeServer implements Transport {
  readonly requests: TransportRequest[] = []
  private readonly handlers = new Map<string, Handler>()

  on(route: string, handler: Handler): this {
    this.handlers.set(route, handler)
    return this
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    this.requests.push(req)
    const key = `${req.method} ${req.url.split('?')[0]}`
    const handler = this.handlers.get(key)
    if (!handler) return { status: 404, headers: {}, data: { code: 'NOT_FOUND', reason: 'NOT_FOUND', message: `没有 ${key}`, requestId: 't' } }
    const r = await handler(req)
    return { status: r.status ?? 200, headers: r.headers ?? {}, data: r.body }
  }

  /** A file upload, routed like a request (`POST /path`); recorded with the file's name as its data. */
  async upload(req: TransportUpload): Promise<TransportResponse> {
    return this.request({ method: 'POST', url: req.url, headers: req.headers, data: { fileName: req.fileName }, timeoutMs: req.timeoutMs })
  }

  called(route: string): TransportRequest[] {
    return this.requests.filter((r) => `${r.method} ${r.url.split('?')[0]}` === route)
  }
}

export const refusal = (status: number, reason: string, message: string) => ({
  status,
  body: { code: status === 401 ? 'UNAUTHENTICATED' : 'CONFLICT', reason, message, requestId: 't' },
})

export function memoryStorage() {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m }
}

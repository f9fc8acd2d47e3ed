/** Test doubles for the platform boundary (no Taro). */
import type { Transport, TransportRequest, TransportResponse, TransportUpload } from '../api/client'

export type Handler = (req: TransportRequest | TransportUpload) => TransportResponse | Promise<TransportResponse>

export function json(status: number, data: unknown, headers: Record<string, string> = {}): TransportResponse {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, data: JSON.stringify(data) }
}

/** A transport that answers from a queue of handlers (or one handler for everything) and records requests. */
export class FakeTransport implements Transport {
  readonly requests: (TransportRequest | TransportUpload)[] = []
  private queue: Handler[] = []
  private waiting: ((h: Handler) => void)[] = []
  fallback: Handler | null = null

  /** waitForReply: a request with no queued reply waits for the next `reply()` (pages render, then the test answers). */
  constructor(private readonly options: { waitForReply?: boolean } = {}) {}

  reply(...handlers: Handler[]): this {
    for (const h of handlers) {
      const waiter = this.waiting.shift()
      if (waiter) waiter(h)
      else this.queue.push(h)
    }
    return this
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    return this.handle(req)
  }

  async upload(req: TransportUpload): Promise<TransportResponse> {
    return this.handle(req)
  }

  private async handle(req: TransportRequest | TransportUpload): Promise<TransportResponse> {
    this.requests.push(req)
    let next = this.queue.shift() ?? this.fallback
    if (!next && this.options.waitForReply) next = await new Promise<Handler>((resolve) => this.waiting.push(resolve))
    if (!next) throw new Error(`unexpected request ${'method' in req ? req.method : 'UPLOAD'} ${req.url}`)
    return next(req)
  }
}

export const sampleMe = {
  id: 1,
  nickname: '李晓梅',
  avatarUrl: null,
  roles: [{ role: 'member' as const, orgId: 11, orgName: '星河物流有限公司工会' }],
}

export function sampleSession(token = 'tok-1', expiresAt = '2099-01-01T00:00:00.000Z') {
  return { token, expiresAt, user: sampleMe }
}

/**
 * The one way the app talks to the server. Pure TypeScript (no Taro): the platform transport is injected.
 *
 * - the session header is added in `headersFor()` only;
 * - a renewed token (`x-session-token` response header) is picked up in `exchange()` only;
 * - every failure becomes one `ApiError` (see ./errors);
 * - a 401 triggers `relogin()` once and one retry; a second 401 ends the session.
 */
import { buildPath, type Endpoint, type ParamsOf, type QueryOf, type BodyOf, type ResponseOf } from '@contract/endpoint'
import { RENEWED_TOKEN_HEADER } from '@contract/errors'
import { ApiError, errorFromResponse, networkError, UNAVAILABLE_MESSAGE } from './errors'

export type HttpHeaders = Record<string, string>

export interface TransportRequest {
  method: string
  /** Path relative to the API base (e.g. `/api/me?x=1`); the transport knows the host. */
  url: string
  headers: HttpHeaders
  data?: unknown
  timeoutMs: number
}

export interface TransportUpload {
  url: string
  headers: HttpHeaders
  /** Local temp file path (weapp) or blob/object URL (H5). */
  filePath: string
  /** Multipart field name. */
  name: string
  /**
   * The file's own name, as the user chose it (an import's report and audit row name it). H5 sends it; the
   * mini-program's uploadFile sends its temp file's name, which it cannot change.
   */
  fileName?: string
  timeoutMs: number
}

export interface TransportResponse {
  status: number
  /** Header names in any case; the client lower-cases them. */
  headers: HttpHeaders
  /** Parsed JSON, or the raw text when it was not JSON. */
  data: unknown
}

/** Implemented per platform in src/platform/transport.*.ts. Rejects only when no HTTP response arrived. */
export interface Transport {
  request(req: TransportRequest): Promise<TransportResponse>
  upload(req: TransportUpload): Promise<TransportResponse>
}

export interface SessionHooks {
  getToken(): string | null
  /** The server handed out a renewed token. */
  onTokenRenewed(token: string): void
  /** Log in again silently; resolves to the new token, or null when that is not possible. */
  relogin(): Promise<string | null>
  /** The server refused the session even after relogin: the user is logged out. */
  onUnauthenticated(): void
}

type Has<K extends string, V> = [V] extends [undefined] ? { [P in K]?: undefined } : undefined extends V ? { [P in K]?: V } : { [P in K]: V }

export type SendOptions<E> = Has<'params', ParamsOf<E>> &
  Has<'query', QueryOf<E>> &
  Has<'body', BodyOf<E>> & {
    /** Auth endpoints themselves must not trigger a relogin. */
    noRelogin?: boolean
    /** Extra request headers (e.g. the voucher claim's Idempotency-Key); never the session header. */
    headers?: HttpHeaders
  }

export type UploadOptions<E> = Has<'params', ParamsOf<E>> & { filePath: string; name?: string; fileName?: string }

export interface ApiClientOptions {
  transport: Transport
  timeoutMs?: number
  session?: SessionHooks
}

const NO_SESSION: SessionHooks = {
  getToken: () => null,
  onTokenRenewed: () => undefined,
  relogin: async () => null,
  onUnauthenticated: () => undefined,
}

function lowerKeys(headers: HttpHeaders | undefined): HttpHeaders {
  const out: HttpHeaders = {}
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = String(v)
  return out
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data
  if (data === '') return undefined
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

function buildQuery(query: unknown): string {
  if (!query || typeof query !== 'object') return ''
  const parts: string[] = []
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
    if (v === undefined || v === null) continue
    const values = Array.isArray(v) ? v : [v]
    for (const item of values) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(item))}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

export class ApiClient {
  private readonly transport: Transport
  private readonly timeoutMs: number
  private session: SessionHooks
  private pendingRelogin: Promise<string | null> | null = null

  constructor(options: ApiClientOptions) {
    this.transport = options.transport
    this.timeoutMs = options.timeoutMs ?? 15000
    this.session = options.session ?? NO_SESSION
  }

  setSession(hooks: SessionHooks): void {
    this.session = hooks
  }

  async send<E extends Endpoint>(endpoint: E, ...args: Record<never, never> extends SendOptions<E> ? [SendOptions<E>?] : [SendOptions<E>]): Promise<ResponseOf<E>> {
    const options = (args[0] ?? {}) as {
      params?: Record<string, string | number>
      query?: unknown
      body?: unknown
      noRelogin?: boolean
      headers?: HttpHeaders
    }
    const url = buildPath(endpoint.path, options.params) + buildQuery(options.query)
    const hasBody = options.body !== undefined
    return this.withRelogin(!options.noRelogin, () =>
      this.transport.request({
        method: endpoint.method,
        url,
        headers: this.headersFor({ ...lowerKeys(options.headers), ...(hasBody ? { 'content-type': 'application/json' } : {}) }),
        data: options.body,
        timeoutMs: this.timeoutMs,
      }),
    ) as Promise<ResponseOf<E>>
  }

  /** multipart/form-data upload of one local file (e.g. the avatar). */
  async upload<E extends Endpoint>(endpoint: E, options: UploadOptions<E>): Promise<ResponseOf<E>> {
    const url = buildPath(endpoint.path, (options as { params?: Record<string, string | number> }).params)
    return this.withRelogin(true, () =>
      this.transport.upload({
        url,
        headers: this.headersFor({}),
        filePath: options.filePath,
        name: options.name ?? 'file',
        ...(options.fileName ? { fileName: options.fileName } : {}),
        timeoutMs: this.timeoutMs * 4,
      }),
    ) as Promise<ResponseOf<E>>
  }

  /** The only place the session header is set. */
  private headersFor(extra: HttpHeaders): HttpHeaders {
    const headers: HttpHeaders = { accept: 'application/json', ...extra }
    const token = this.session.getToken()
    if (token) headers.authorization = `Bearer ${token}`
    return headers
  }

  private async withRelogin(allowRelogin: boolean, attempt: () => Promise<TransportResponse>): Promise<unknown> {
    try {
      return await this.exchange(attempt)
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401 || !allowRelogin) throw err
      const token = await this.reloginOnce()
      if (!token) {
        this.session.onUnauthenticated()
        throw err
      }
      try {
        return await this.exchange(attempt)
      } catch (retryErr) {
        if (retryErr instanceof ApiError && retryErr.status === 401) this.session.onUnauthenticated()
        throw retryErr
      }
    }
  }

  /** Concurrent 401s share one relogin. */
  private reloginOnce(): Promise<string | null> {
    if (!this.pendingRelogin) {
      this.pendingRelogin = this.session
        .relogin()
        .catch(() => null)
        .finally(() => {
          this.pendingRelogin = null
        })
    }
    return this.pendingRelogin
  }

  /** One request/response: network failures, renewed tokens and error bodies are handled here only. */
  private async exchange(attempt: () => Promise<TransportResponse>): Promise<unknown> {
    let res: TransportResponse
    try {
      res = await attempt()
    } catch (err) {
      if (err instanceof ApiError) throw err
      throw networkError()
    }
    const headers = lowerKeys(res.headers)
    const renewed = headers[RENEWED_TOKEN_HEADER]
    if (renewed) this.session.onTokenRenewed(renewed)
    const data = parseBody(res.data)
    if (res.status >= 200 && res.status < 300) {
      if (typeof data === 'string') {
        // A 2xx that is not JSON: a captive portal or a misconfigured proxy.
        throw new ApiError({ code: 'INTERNAL', message: UNAVAILABLE_MESSAGE, status: res.status })
      }
      return data
    }
    throw errorFromResponse(res.status, data)
  }
}

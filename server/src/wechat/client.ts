/**
 * WeChat server API client (api.weixin.qq.com or a fake in tests).
 *
 * Every call goes through `getJson`/`postJson`, which apply the timeout and turn WeChat's
 * `{errcode, errmsg}` payloads into `WechatApiError`. Later additions (getuserphonenumber with a
 * cached access_token, subscribeMessage.send) are further methods on this class built on the same two helpers;
 * the content-security calls (msg_sec_check, media_check_async) live in security.ts on `postWithAccessToken`.
 */
import { AuthReasons, WECHAT_TIMED_OUT } from '@contract/auth/reasons'
import { refuse, type AppError } from '../errors'

export interface WechatClientOptions {
  baseUrl: string
  appid: string
  secret: string
  timeoutMs: number
  /** Injected for tests; defaults to global fetch. */
  fetch?: typeof fetch
  /** Clock for the access_token cache; defaults to Date.now. */
  now?: () => number
}

/** The access_token is refreshed this long before WeChat says it expires. */
export const ACCESS_TOKEN_MARGIN_MS = 5 * 60 * 1000
/** errcodes meaning "this access_token is invalid/expired": refresh once and retry. */
const STALE_TOKEN_ERRCODES = new Set([40001, 42001])

/**
 * What a login takes from jscode2session. WeChat's session_key is deliberately dropped here: nothing on this server
 * decrypts wx.getUserInfo-style payloads (the phone number comes from getuserphonenumber with an access token), so
 * it is neither returned nor stored.
 */
export interface Code2SessionResult {
  openid: string
  unionid: string | null
}

export type WechatFailure =
  | { kind: 'errcode'; errcode: number; errmsg: string }
  | { kind: 'timeout' }
  | { kind: 'network'; detail: string }
  | { kind: 'bad_response'; detail: string }

export interface SubscribeMessage {
  touser: string
  template_id: string
  /** App page opened from the message (no leading slash, query allowed). */
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state: 'formal' | 'trial' | 'developer'
  lang: 'zh_CN'
}

export class WechatApiError extends Error {
  constructor(
    readonly api: string,
    readonly failure: WechatFailure,
  ) {
    super(`WeChat ${api} failed: ${JSON.stringify(failure)}`)
    this.name = 'WechatApiError'
  }

  /** The client-facing error: a 4xx for the caller's problems, 408/503 for WeChat's. No secrets. */
  toAppError(): AppError {
    const f = this.failure
    if (f.kind === 'timeout') return refuse(WECHAT_TIMED_OUT)
    if (f.kind !== 'errcode') return refuse(AuthReasons.WECHAT_UNAVAILABLE, {})
    if (this.api === 'getuserphonenumber') {
      if (f.errcode === 40029) return refuse(AuthReasons.WECHAT_CODE_INVALID, { phone: true })
      if (f.errcode === 45011) return refuse(AuthReasons.WECHAT_TOO_FREQUENT, { phone: true })
      return refuse(AuthReasons.WECHAT_UNAVAILABLE, { phone: true })
    }
    switch (f.errcode) {
      case 40029: // invalid code
      case 40163: // code been used
        return refuse(AuthReasons.WECHAT_CODE_INVALID, {})
      case 45011: // api minute-quota reach limit
        return refuse(AuthReasons.WECHAT_TOO_FREQUENT, {})
      case 40226: // high-risk user
        return refuse(AuthReasons.WECHAT_RISKY_USER)
      default: // -1 system busy, or a configuration problem on our side (40013 invalid appid, …)
        return refuse(AuthReasons.WECHAT_UNAVAILABLE, {})
    }
  }
}

export class WechatClient {
  private readonly fetchImpl: typeof fetch
  private readonly now: () => number
  private accessToken: { token: string; refreshAt: number } | null = null
  private pendingToken: Promise<string> | null = null

  constructor(private readonly options: WechatClientOptions) {
    this.fetchImpl = options.fetch ?? fetch
    this.now = options.now ?? Date.now
  }

  /**
   * The app's access_token (GET /cgi-bin/token), cached until `expires_in` minus 5 minutes; concurrent
   * callers share one fetch. `force` drops the cache (after WeChat said the token is stale).
   */
  async getAccessToken(force = false): Promise<string> {
    if (force) this.accessToken = null
    if (this.accessToken && this.now() < this.accessToken.refreshAt) return this.accessToken.token
    if (!this.pendingToken) {
      this.pendingToken = (async () => {
        const body = await this.getJson('cgi-bin/token', {
          grant_type: 'client_credential',
          appid: this.options.appid,
          secret: this.options.secret,
        })
        if (typeof body.access_token !== 'string' || !body.access_token) {
          throw new WechatApiError('cgi-bin/token', { kind: 'bad_response', detail: 'missing access_token' })
        }
        const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 7200
        this.accessToken = {
          token: body.access_token,
          refreshAt: this.now() + Math.max(0, expiresIn * 1000 - ACCESS_TOKEN_MARGIN_MS),
        }
        return body.access_token
      })().finally(() => {
        this.pendingToken = null
      })
    }
    return this.pendingToken
  }

  /** Calls an access_token API; on 40001/42001 refreshes the token once and retries. */
  private async withAccessToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    try {
      return await call(await this.getAccessToken())
    } catch (err) {
      if (err instanceof WechatApiError && err.failure.kind === 'errcode' && STALE_TOKEN_ERRCODES.has(err.failure.errcode)) {
        return call(await this.getAccessToken(true))
      }
      throw err
    }
  }

  /** weapp getPhoneNumber code → the phone number without country code (phone_info.purePhoneNumber). */
  async getPhoneNumber(code: string): Promise<string> {
    const body = await this.withAccessToken((token) =>
      this.postJson('wxa/business/getuserphonenumber', { access_token: token }, { code }, 'getuserphonenumber'),
    )
    const info = body.phone_info as Record<string, unknown> | undefined
    const phone = info && typeof info.purePhoneNumber === 'string' ? info.purePhoneNumber : ''
    if (!phone) throw new WechatApiError('getuserphonenumber', { kind: 'bad_response', detail: 'missing phone_info' })
    return phone
  }

  /**
   * subscribeMessage.send (POST /cgi-bin/message/subscribe/send): one subscription message to one user. WeChat's
   * refusals come back as `WechatApiError` errcodes (43101 no subscription, 47003 bad field, 45009 daily quota …).
   */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    await this.withAccessToken((token) =>
      this.postJson('cgi-bin/message/subscribe/send', { access_token: token }, message, 'subscribeMessage.send'),
    )
  }

  /**
   * POST `api` with the cached access_token (refreshed once on 40001/42001) and WeChat's errcode handling: for the
   * API families that live in their own file (security.ts: msg_sec_check, media_check_async).
   */
  async postWithAccessToken(api: string, body: unknown, name: string = api): Promise<Record<string, unknown>> {
    return this.withAccessToken((token) => this.postJson(api, { access_token: token }, body, name))
  }

  /** wx.login code → openid, session_key (kept server-side), unionid. */
  async code2Session(code: string): Promise<Code2SessionResult> {
    const body = await this.getJson('sns/jscode2session', {
      appid: this.options.appid,
      secret: this.options.secret,
      js_code: code,
      grant_type: 'authorization_code',
    })
    if (typeof body.openid !== 'string' || typeof body.session_key !== 'string' || !body.openid) {
      throw new WechatApiError('jscode2session', { kind: 'bad_response', detail: 'missing openid/session_key' })
    }
    return {
      openid: body.openid,
      unionid: typeof body.unionid === 'string' && body.unionid ? body.unionid : null,
    }
  }

  protected async getJson(api: string, query: Record<string, string>): Promise<Record<string, unknown>> {
    const url = `${this.options.baseUrl}/${api}?${new URLSearchParams(query).toString()}`
    return this.request(api, url, { method: 'GET' })
  }

  protected async postJson(
    api: string,
    query: Record<string, string>,
    body: unknown,
    name: string = api,
  ): Promise<Record<string, unknown>> {
    const url = `${this.options.baseUrl}/${api}?${new URLSearchParams(query).toString()}`
    return this.request(name, url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  }

  private async request(api: string, url: string, init: RequestInit): Promise<Record<string, unknown>> {
    let text: string
    try {
      const res = await this.fetchImpl(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) })
      text = await res.text()
      if (!res.ok) throw new WechatApiError(api, { kind: 'bad_response', detail: `HTTP ${res.status}` })
    } catch (err) {
      if (err instanceof WechatApiError) throw err
      const name = (err as { name?: string })?.name
      if (name === 'TimeoutError' || name === 'AbortError') throw new WechatApiError(api, { kind: 'timeout' })
      throw new WechatApiError(api, { kind: 'network', detail: String((err as Error)?.message ?? err) })
    }
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new WechatApiError(api, { kind: 'bad_response', detail: 'not JSON' })
    }
    if (typeof body !== 'object' || body === null) {
      throw new WechatApiError(api, { kind: 'bad_response', detail: 'not an object' })
    }
    const obj = body as Record<string, unknown>
    if (typeof obj.errcode === 'number' && obj.errcode !== 0) {
      throw new WechatApiError(api, { kind: 'errcode', errcode: obj.errcode, errmsg: String(obj.errmsg ?? '') })
    }
    return obj
  }
}

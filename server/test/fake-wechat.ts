/**
 * A fake api.weixin.qq.com for tests: a real HTTP server on 127.0.0.1:<random port> answering
 * GET /sns/jscode2session with WeChat's documented payloads. The `js_code` chooses the behaviour:
 *
 *   'invalid'  → {errcode: 40029, errmsg: 'invalid code'}
 *   'frequent' → {errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute'}
 *   'risky'    → {errcode: 40226, errmsg: 'code blocked'}
 *   'busy'     → {errcode: -1, errmsg: 'system error'}
 *   'garbage'  → a non-JSON body
 *   'hang'     → never answers (client timeout)
 *   anything else → success: {openid: 'o_<code>', session_key: 'sk_<code>', unionid: 'u_<code>'}
 *                   (codes starting with 'nounion' get no unionid)
 *
 * GET /cgi-bin/token (grant_type=client_credential) → {access_token: 'at_<n>', expires_in: 7200}.
 * POST /wxa/business/getuserphonenumber?access_token=… with {code}: an unknown or revoked token →
 * {errcode: 40001}; code 'invalid' → 40029, 'frequent' → 45011, 'busy' → -1; anything else → the documented success payload
 * with purePhoneNumber FAKE_PHONE.
 *
 * POST /cgi-bin/message/subscribe/send?access_token=… (subscribeMessage.send): recorded in `subscribeSends` when
 * WeChat would have delivered it; checks the fields as WeChat does (a `thing` over 20 characters or a `phrase` over
 * 5 → 47003, counted in characters). `failNextSends(...)` queues answers for the next calls: 43101 (no
 * subscription), 47003 (bad field), 45009 (daily quota), 'busy' (errcode -1), 500 (an HTTP 500 page).
 *
 * Content security (v2):
 * POST /wxa/msg_sec_check?access_token=… {content, version: 2, scene, openid} → {errcode: 0, result: {suggest, label},
 * detail, trace_id}: a content containing a word of `textVerdicts` (default FAKE_TEXT.risky → risky,
 * FAKE_TEXT.review → review; risky wins) gets that verdict, anything else pass. Every call is in `textChecks`.
 * `textCheckOutage(500 | 'busy' | null)` makes every check answer an HTTP 500 page or errcode -1 until reset.
 * POST /wxa/media_check_async?access_token=… {media_url, media_type, version, scene, openid} → {errcode: 0,
 * trace_id}, recorded in `mediaChecks`. `pushMediaVerdict(url, traceId, suggest)` then posts WeChat's
 * `wxa_media_check` message push (JSON) to the server's callback, as WeChat would later.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export const FAKE_CODES = {
  invalid: 'invalid',
  frequent: 'frequent',
  risky: 'risky',
  busy: 'busy',
  garbage: 'garbage',
  hang: 'hang',
} as const

export interface FakeWechatCall {
  path: string
  query: Record<string, string>
  body?: unknown
}

export const FAKE_PHONE = '13800138000'

export interface FakeSubscribeSend {
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
  lang?: string
}

export type FakeSendOutcome = 43101 | 47003 | 45009 | 'busy' | 500

export type FakeSuggest = 'pass' | 'review' | 'risky'
/** Words the fake msgSecCheck judges by default. */
export const FAKE_TEXT = { risky: '违规风险词', review: '待人工复核词' } as const
const FAKE_LABELS: Record<FakeSuggest, number> = { pass: 100, review: 21000, risky: 20002 }

export interface FakeTextCheck {
  content: string
  version: unknown
  scene: unknown
  openid: unknown
}

export interface FakeMediaCheck {
  media_url: string
  media_type: unknown
  version: unknown
  scene: unknown
  openid: unknown
  trace_id: string
}

const FIELD_LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, number: 32, letter: 32, symbol: 5, character_string: 32 }

export interface FakeWechat {
  /** Base URL to use as WECHAT_API_BASE. */
  url: string
  calls: FakeWechatCall[]
  /** Revokes every access_token issued so far (the next API call gets errcode 40001). */
  revokeAccessTokens(): void
  /** subscribeMessage.send calls WeChat accepted (delivered), in order. */
  subscribeSends: FakeSubscribeSend[]
  /** Every subscribeMessage.send call, accepted or not. */
  subscribeCalls: FakeSubscribeSend[]
  /** The next subscribeMessage.send calls answer these, one each, in order (then success again). */
  failNextSends(...outcomes: FakeSendOutcome[]): void
  /** Word → verdict of msgSecCheck (a content containing the word); starts with FAKE_TEXT. */
  textVerdicts: Map<string, FakeSuggest>
  /** Every msgSecCheck call. */
  textChecks: FakeTextCheck[]
  /** Until reset with null: every msgSecCheck answers an HTTP 500 page (500) or errcode -1 ('busy'). */
  textCheckOutage(mode: 500 | 'busy' | null): void
  /** Every mediaCheckAsync call, with the trace id it was given. */
  mediaChecks: FakeMediaCheck[]
  /** WeChat's later message push of an image verdict, posted (JSON) to `url` (the server's callback). */
  pushMediaVerdict(url: string, traceId: string, suggest: FakeSuggest): Promise<{ status: number; text: string }>
  close(): Promise<void>
}

export const FAKE_APPID = 'wx_fake_appid'
export const FAKE_SECRET = 'fake_secret_value'

export async function startFakeWechat(): Promise<FakeWechat> {
  const calls: FakeWechatCall[] = []
  const liveTokens = new Set<string>()
  let tokenSerial = 0
  const subscribeSends: FakeSubscribeSend[] = []
  const subscribeCalls: FakeSubscribeSend[] = []
  const sendOutcomes: FakeSendOutcome[] = []
  const textVerdicts = new Map<string, FakeSuggest>([
    [FAKE_TEXT.risky, 'risky'],
    [FAKE_TEXT.review, 'review'],
  ])
  const textChecks: FakeTextCheck[] = []
  let textOutage: 500 | 'busy' | null = null
  const mediaChecks: FakeMediaCheck[] = []
  let traceSerial = 0
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const query = Object.fromEntries(url.searchParams)
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (url.pathname === '/cgi-bin/token') {
      calls.push({ path: url.pathname, query })
      if (query.appid !== FAKE_APPID || query.secret !== FAKE_SECRET) return json({ errcode: 40013, errmsg: 'invalid appid' })
      if (query.grant_type !== 'client_credential') return json({ errcode: 40002, errmsg: 'invalid grant_type' })
      const token = `at_${++tokenSerial}`
      liveTokens.add(token)
      return json({ access_token: token, expires_in: 7200 })
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      let raw = ''
      req.on('data', (chunk) => (raw += chunk))
      req.on('end', () => {
        let body: FakeSubscribeSend
        try {
          body = JSON.parse(raw)
        } catch {
          return json({ errcode: 47001, errmsg: 'data format error' })
        }
        calls.push({ path: url.pathname, query, body })
        if (!liveTokens.has(query.access_token ?? '')) {
          return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        }
        subscribeCalls.push(body)
        const outcome = sendOutcomes.shift()
        if (outcome === 500) {
          res.writeHead(500, { 'content-type': 'text/html' })
          res.end('<html>500 Internal Server Error</html>')
          return
        }
        if (outcome === 'busy') return json({ errcode: -1, errmsg: 'system error' })
        if (outcome === 43101) return json({ errcode: 43101, errmsg: 'user refuse to accept the msg' })
        if (outcome === 45009) return json({ errcode: 45009, errmsg: 'reach max api daily quota limit' })
        const tooLong = Object.entries(body.data ?? {}).find(([key, v]) => {
          const max = FIELD_LIMITS[key.replace(/\d+$/, '')]
          return max !== undefined && Array.from(String(v?.value ?? '')).length > max
        })
        if (outcome === 47003 || tooLong) {
          return json({ errcode: 47003, errmsg: `argument invalid! data.${tooLong?.[0] ?? 'thing1'}.value invalid` })
        }
        subscribeSends.push(body)
        return json({ errcode: 0, errmsg: 'ok' })
      })
      return
    }
    if ((url.pathname === '/wxa/msg_sec_check' || url.pathname === '/wxa/media_check_async') && req.method === 'POST') {
      let raw = ''
      req.on('data', (chunk) => (raw += chunk))
      req.on('end', () => {
        let body: Record<string, unknown>
        try {
          body = JSON.parse(raw)
        } catch {
          return json({ errcode: 47001, errmsg: 'data format error' })
        }
        calls.push({ path: url.pathname, query, body })
        if (!liveTokens.has(query.access_token ?? '')) {
          return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        }
        if (url.pathname === '/wxa/media_check_async') {
          if (typeof body.media_url !== 'string' || !/^https?:\/\//.test(body.media_url)) return json({ errcode: 40097, errmsg: 'invalid args' })
          const traceId = `trace_${++traceSerial}_${Math.random().toString(36).slice(2, 10)}`
          mediaChecks.push({ media_url: body.media_url, media_type: body.media_type, version: body.version, scene: body.scene, openid: body.openid, trace_id: traceId })
          return json({ errcode: 0, errmsg: 'ok', trace_id: traceId })
        }
        const content = typeof body.content === 'string' ? body.content : ''
        textChecks.push({ content, version: body.version, scene: body.scene, openid: body.openid })
        if (textOutage === 500) {
          res.writeHead(500, { 'content-type': 'text/html' })
          res.end('<html>500 Internal Server Error</html>')
          return
        }
        if (textOutage === 'busy') return json({ errcode: -1, errmsg: 'system error' })
        if (body.version !== 2 || typeof body.openid !== 'string' || ![1, 2, 3, 4].includes(body.scene as number)) {
          return json({ errcode: 40003, errmsg: 'invalid openid or args' })
        }
        const hits = [...textVerdicts].filter(([word]) => content.includes(word)).map(([, v]) => v)
        const suggest: FakeSuggest = hits.includes('risky') ? 'risky' : hits.includes('review') ? 'review' : 'pass'
        return json({
          errcode: 0,
          errmsg: 'ok',
          result: { suggest, label: FAKE_LABELS[suggest] },
          detail: [{ strategy: 'content_model', errcode: 0, suggest, label: FAKE_LABELS[suggest], prob: 90 }],
          trace_id: `text_${textChecks.length}`,
        })
      })
      return
    }
    if (url.pathname === '/wxa/business/getuserphonenumber' && req.method === 'POST') {
      let raw = ''
      req.on('data', (chunk) => (raw += chunk))
      req.on('end', () => {
        let body: { code?: string } = {}
        try {
          body = JSON.parse(raw)
        } catch {
          return json({ errcode: 47001, errmsg: 'data format error' })
        }
        calls.push({ path: url.pathname, query, body })
        if (!liveTokens.has(query.access_token ?? '')) {
          return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        }
        switch (body.code) {
          case FAKE_CODES.invalid:
            return json({ errcode: 40029, errmsg: 'invalid code' })
          case FAKE_CODES.frequent:
            return json({ errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' })
          case FAKE_CODES.busy:
            return json({ errcode: -1, errmsg: 'system error' })
          default:
            return json({
              errcode: 0,
              errmsg: 'ok',
              phone_info: {
                phoneNumber: `+86${FAKE_PHONE}`,
                purePhoneNumber: FAKE_PHONE,
                countryCode: '86',
                watermark: { timestamp: Math.floor(Date.now() / 1000), appid: FAKE_APPID },
              },
            })
        }
      })
      return
    }
    calls.push({ path: url.pathname, query })
    if (url.pathname !== '/sns/jscode2session') {
      res.writeHead(404)
      res.end()
      return
    }
    if (query.appid !== FAKE_APPID || query.secret !== FAKE_SECRET) {
      return json({ errcode: 40013, errmsg: 'invalid appid' })
    }
    if (query.grant_type !== 'authorization_code') return json({ errcode: 40002, errmsg: 'invalid grant_type' })
    const code = query.js_code ?? ''
    switch (code) {
      case FAKE_CODES.invalid:
        return json({ errcode: 40029, errmsg: 'invalid code' })
      case FAKE_CODES.frequent:
        return json({ errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' })
      case FAKE_CODES.risky:
        return json({ errcode: 40226, errmsg: 'code blocked' })
      case FAKE_CODES.busy:
        return json({ errcode: -1, errmsg: 'system error' })
      case FAKE_CODES.garbage:
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end('<html>502 Bad Gateway</html>')
        return
      case FAKE_CODES.hang:
        return // never answer
      default:
        return json({
          openid: `o_${code}`,
          session_key: `sk_${code}`,
          ...(code.startsWith('nounion') ? {} : { unionid: `u_${code}` }),
        })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    revokeAccessTokens: () => liveTokens.clear(),
    subscribeSends,
    subscribeCalls,
    failNextSends: (...outcomes) => void sendOutcomes.push(...outcomes),
    textVerdicts,
    textChecks,
    textCheckOutage: (mode) => {
      textOutage = mode
    },
    mediaChecks,
    async pushMediaVerdict(target, traceId, suggest) {
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ToUserName: 'gh_fake0000001',
          FromUserName: mediaChecks.find((m) => m.trace_id === traceId)?.openid ?? 'o_unknown',
          CreateTime: Math.floor(Date.now() / 1000),
          MsgType: 'event',
          Event: 'wxa_media_check',
          appid: FAKE_APPID,
          trace_id: traceId,
          version: 2,
          result: { suggest, label: String(FAKE_LABELS[suggest]) },
          detail: [{ strategy: 'content_model', errcode: 0, suggest, label: String(FAKE_LABELS[suggest]), prob: 90 }],
        }),
      })
      return { status: res.status, text: await res.text() }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

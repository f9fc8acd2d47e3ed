/**
 * WeChat content security (内容安全), v2 of both APIs, on the client's cached access_token:
 *
 *   msgSecCheck       POST /wxa/msg_sec_check?access_token=…
 *                     {content, version: 2, scene, openid} → {errcode: 0, result: {suggest, label}, detail, trace_id}
 *   mediaCheckAsync   POST /wxa/media_check_async?access_token=…
 *                     {media_url, media_type: 2 (image), version: 2, scene, openid} → {errcode: 0, trace_id}
 *                     The verdict comes later as a message push (event `wxa_media_check`, parsed by
 *                     `parseMediaCheckPush`): {trace_id, result: {suggest, label}, detail, …}.
 *
 * `suggest` is one of pass (show it), review (a person should look), risky (do not show). WeChat documents `label`
 * as a string but answers a number (100 normal, 20001 时政, 20002 色情 …): kept as text here.
 * Failures come back as WechatApiError (timeout, network, HTTP 5xx, errcode), as for every other call.
 */
import { WechatApiError, type WechatClient } from './client'

export const SUGGESTS = ['pass', 'review', 'risky'] as const
export type Suggest = (typeof SUGGESTS)[number]

/** WeChat's scene values of both APIs: 1 资料 (profile), 2 评论 (comment), 3 论坛 (forum), 4 社交日志 (social log). */
export const SECURITY_SCENES = { profile: 1, comment: 2, forum: 3, log: 4 } as const
export type SecurityScene = (typeof SECURITY_SCENES)[keyof typeof SECURITY_SCENES]

export interface SecurityVerdict {
  suggest: Suggest
  label: string | null
}

function verdictOf(result: unknown): SecurityVerdict | null {
  if (typeof result !== 'object' || result === null) return null
  const { suggest, label } = result as { suggest?: unknown; label?: unknown }
  if (typeof suggest !== 'string' || !(SUGGESTS as readonly string[]).includes(suggest)) return null
  return { suggest: suggest as Suggest, label: typeof label === 'number' || typeof label === 'string' ? String(label) : null }
}

/** msgSecCheck v2: one text by one user (who must have opened the mini-program within two hours). */
export async function msgSecCheck(
  client: WechatClient,
  input: { content: string; scene: SecurityScene; openid: string },
): Promise<SecurityVerdict> {
  const body = await client.postWithAccessToken('wxa/msg_sec_check', { content: input.content, version: 2, scene: input.scene, openid: input.openid }, 'msgSecCheck')
  const verdict = verdictOf(body.result)
  if (!verdict) throw new WechatApiError('msgSecCheck', { kind: 'bad_response', detail: 'missing result.suggest' })
  return verdict
}

/** mediaCheckAsync v2 for an image WeChat downloads from `mediaUrl`: the trace id its pushed verdict will carry. */
export async function mediaCheckAsync(
  client: WechatClient,
  input: { mediaUrl: string; scene: SecurityScene; openid: string },
): Promise<{ traceId: string }> {
  const body = await client.postWithAccessToken(
    'wxa/media_check_async',
    { media_url: input.mediaUrl, media_type: 2, version: 2, scene: input.scene, openid: input.openid },
    'mediaCheckAsync',
  )
  // The https API answers `trace_id`; WeChat's cloud-call flavour `traceId` (developers' community, 2022).
  const traceId = typeof body.trace_id === 'string' ? body.trace_id : typeof body.traceId === 'string' ? body.traceId : ''
  if (!traceId) throw new WechatApiError('mediaCheckAsync', { kind: 'bad_response', detail: 'missing trace_id' })
  return { traceId }
}

export interface MediaCheckPush extends SecurityVerdict {
  traceId: string
}

/**
 * The `wxa_media_check` message push (JSON data format; the same body over WeChat Cloud Hosting's 消息推送 and the
 * plain server's 明文模式), or null when the body is not one: anything else is the caller's 400.
 */
export function parseMediaCheckPush(body: unknown): MediaCheckPush | null {
  if (typeof body !== 'object' || body === null) return null
  const b = body as Record<string, unknown>
  if (b.Event !== 'wxa_media_check') return null
  if (typeof b.trace_id !== 'string' || b.trace_id.length === 0 || b.trace_id.length > 128) return null
  const verdict = verdictOf(b.result)
  return verdict ? { traceId: b.trace_id, ...verdict } : null
}

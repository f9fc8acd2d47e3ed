import { endpoint } from '../endpoint'
import type * as s from './schemas'

/** 内容审核 (content security): staff decide held user content; WeChat pushes its image verdicts. */
export const moderationApi = {
  /** Staff with content.moderate: held (or decided) items of the unions in their subtree, newest first. */
  list: endpoint<typeof s.list>('GET', '/api/moderation/items'),
  /** Staff over the item's union: let it through (shown to others; a held nickname or team name applies). */
  approve: endpoint<typeof s.approve>('POST', '/api/moderation/items/:id/approve'),
  /** Staff over the item's union: refuse it (stays hidden from others); the owner gets a message. */
  reject: endpoint<typeof s.reject>('POST', '/api/moderation/items/:id/reject'),
  /** WeChat's message push (wxa_media_check: an image's verdict), JSON; signed when WECHAT_PUSH_TOKEN is set. */
  push: endpoint<typeof s.push>('POST', '/api/moderation/wechat-push'),
  /** WeChat's check of the push URL (plain server with a Token): echoes `echostr` when signed right. */
  pushVerify: endpoint<typeof s.pushVerify>('GET', '/api/moderation/wechat-push'),
}

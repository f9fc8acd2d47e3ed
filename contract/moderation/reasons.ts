/** Content security refusals, declared once (`refuse(ModerationReasons.X)`; the app branches on `reason`). Zod-free. */
import { defineReasons } from '../reasons'

export const ModerationReasons = defineReasons({
  /** WeChat's msgSecCheck said risky: nothing is saved; shown beside the field the text came from. */
  CONTENT_RISKY: { status: 400, message: '内容含有不适宜公开的信息，请修改后再提交' },
  MODERATION_ITEM_NOT_FOUND: { status: 404, message: '审核内容不存在' },
  MODERATION_ITEM_DECIDED: { status: 409, message: '该内容已处理' },
  /** A push that is not a wxa_media_check event with a trace id and a result. */
  MODERATION_PUSH_INVALID: { status: 400, message: '无法识别的推送内容' },
  /** A push naming a trace id this server never received from WeChat. */
  MODERATION_TRACE_UNKNOWN: { status: 404, message: '检测任务不存在' },
  /** WECHAT_PUSH_TOKEN is set and the push's signature does not match it. */
  MODERATION_PUSH_SIGNATURE: { status: 403, message: '推送签名无效' },
})

export type ModerationReason = keyof typeof ModerationReasons

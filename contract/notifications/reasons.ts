/** 消息 refusals, declared once (see contract/reasons.ts). Zod-free. */
import { defineReasons } from '../reasons'

export const NotificationReasons = defineReasons({
  /** 400 beside `accepted`: a template id this server does not send with (stale app, or made up). */
  SUBSCRIBE_TEMPLATE_UNKNOWN: { status: 400, message: '订阅的消息模板不存在或已停用' },
})

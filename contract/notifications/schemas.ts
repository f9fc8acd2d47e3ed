import { z } from 'zod'
import { SUBSCRIBE_TEMPLATE_KEYS } from './labels'

const isoInstant = z.string()

/** One in-app message (站内消息): a stage change, a voucher handed over from the waitlist, a promotion … */
export const Notification = z.object({
  id: z.number().int(),
  /** Dotted, capability first: 'vouchers.waitlist_granted', 'events.promoted', 'relief.stage' … */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** App page to open, e.g. '/packages/vouchers/mine/index'; null when there is nothing to open. */
  link: z.string().nullable(),
  createdAt: isoInstant,
  readAt: isoInstant.nullable(),
})
export type Notification = z.infer<typeof Notification>

export const NotificationsQuery = z.object({
  /** Return messages older than this id (paging, newest first). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})

export const MarkReadBody = z.object({
  /** Omit to mark every message read. */
  ids: z.array(z.number().int().positive()).max(100).optional(),
})

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const list = {
  query: NotificationsQuery,
  response: z.object({ items: z.array(Notification), unread: z.number().int(), hasMore: z.boolean() }),
}
export const unreadCount = { response: z.object({ unread: z.number().int() }) }
export const markRead = { body: MarkReadBody, response: z.object({ unread: z.number().int() }) }

/** The subscription templates configured on this server (a template without an id is left out). */
export const SubscribeTemplate = z.object({
  key: z.string(),
  templateId: z.string(),
  label: z.string(),
})
export type SubscribeTemplate = z.infer<typeof SubscribeTemplate>

/** What the member accepted in WeChat's subscription dialog: one send credit per accepted template. */
export const SubscriptionsBody = z.object({
  accepted: z.array(z.string().min(1).max(128)).min(1).max(3),
})

export const subscribeTemplates = { response: z.object({ templates: z.array(SubscribeTemplate) }) }
export const reportSubscriptions = {
  body: SubscriptionsBody,
  response: z.object({ credits: z.array(z.object({ templateId: z.string(), remaining: z.number().int() })) }),
}

/** 消息设置: one subscription template as the member sees it. */
export const TemplateSetting = z.object({
  key: z.enum(SUBSCRIBE_TEMPLATE_KEYS),
  label: z.string(),
  /** When it is sent, in the member's words. */
  hint: z.string(),
  /** The id the app asks WeChat for; null when this server sends no WeChat notice of this kind (message centre only). */
  templateId: z.string().nullable(),
  /** The member wants these notices in WeChat (default yes). Off: none is sent, acceptances are kept for later. */
  wechat: z.boolean(),
  /** Acceptances not yet spoken for: how many more of these WeChat may still deliver (还可接收 N 次). */
  credits: z.number().int(),
})
export type TemplateSetting = z.infer<typeof TemplateSetting>

export const NotificationSettings = z.object({
  templates: z.array(TemplateSetting),
  /** Marketing-like notices (新福利活动、新活动上线, contract MARKETING_KINDS) in the message centre; false = 关闭. */
  marketing: z.boolean(),
})
export type NotificationSettings = z.infer<typeof NotificationSettings>

/** Changes only what it names (one switch at a time from the page). */
export const NotificationSettingsBody = z
  .object({
    wechat: z
      .array(z.object({ key: z.enum(SUBSCRIBE_TEMPLATE_KEYS, { error: '没有这种消息模板' }), on: z.boolean() }))
      .max(SUBSCRIBE_TEMPLATE_KEYS.length * 2)
      .optional(),
    marketing: z.boolean().optional(),
  })
  .refine((b) => b.wechat !== undefined || b.marketing !== undefined, { message: '没有要保存的设置', path: ['marketing'] })

export const settings = { response: NotificationSettings }
export const saveSettings = { body: NotificationSettingsBody, response: NotificationSettings }

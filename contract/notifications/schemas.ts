import { z } from 'zod'

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

/** 站内消息: one row per message to one user; written in the transaction that makes the change. */
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, ts } from './columns'
import { users } from './core'

export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    createdAt: createdAt(),
    readAt: ts('read_at'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.id)],
)

export type NotificationRow = typeof notifications.$inferSelect

/**
 * 订阅消息 send credits: each acceptance in WeChat's subscription dialog allows one message with that template.
 * `remaining` counts the acceptances not yet spoken for; notify() takes one when it queues a send.
 */
export const subscribeCredits = pgTable(
  'subscribe_credits',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    templateId: text('template_id').notNull(),
    /** Which of SUBSCRIBE_TEMPLATES (contract/notifications/labels.ts) the id was configured for when accepted. */
    templateKey: text('template_key').notNull(),
    remaining: integer('remaining').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.templateId] }),
    index('subscribe_credits_key_idx').on(t.userId, t.templateKey),
    check('subscribe_credits_remaining', sql`${t.remaining} >= 0`),
  ],
)

/**
 * 订阅消息 outbox: one row per (event × user × template), written by notify() in the changing transaction when the
 * user holds a credit; drained by the notifications job (jobs.ts). The unique key makes a second send of the same
 * event impossible. status: pending → sending (the call to WeChat has started) → sent | failed (not retried) |
 * unknown (a worker died during the call: WeChat may or may not have sent it, so it is never sent again).
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    notificationId: integer('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    templateId: text('template_id').notNull(),
    /** The event: `n:<notification id>` unless the caller named it (NewNotification.eventKey). */
    eventKey: text('event_key').notNull(),
    page: text('page'),
    data: jsonb('data').$type<Record<string, { value: string }>>().notNull(),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A worker holds the row until then (claimed FOR UPDATE SKIP LOCKED); past it another may take it over. */
    leaseUntil: ts('lease_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    uniqueIndex('notification_outbox_event_uq').on(t.userId, t.templateId, t.eventKey),
    index('notification_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('notification_outbox_sent_idx').on(t.sentAt),
  ],
)

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'unknown'
export type OutboxRow = typeof notificationOutbox.$inferSelect

/**
 * 消息设置, one row per member who changed something (no row: every default). `wechatOff` lists the subscription
 * templates (SUBSCRIBE_TEMPLATES keys) the member does not want in WeChat: notify() queues no send for them and
 * keeps the credit. `marketingOff`: no message at all of a MARKETING_KINDS kind.
 */
export const notificationSettings = pgTable('notification_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  wechatOff: text('wechat_off').array().notNull().default(sql`'{}'::text[]`),
  marketingOff: boolean('marketing_off').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * 公告 (announcements): one notice to every member of a union's subtree — 新福利上线 when a voucher campaign is
 * published. The publishing transaction writes only this row; the announcements job (modules/notifications/
 * announcements.ts) delivers it in batches by ascending user id, each batch's messages and the advanced
 * `cursor_user_id` in one transaction, the row taken FOR UPDATE SKIP LOCKED — so a restart resumes after the last
 * committed batch, two instances never deliver the same batch, and no member gets it twice. `done_at`: the last
 * (short) batch went out.
 */
export const announcements = pgTable(
  'announcements',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** A notification kind (NOTIFICATION_KINDS), without a subscription template. */
    kind: text('kind').notNull(),
    /** What it announces, e.g. `voucher_campaign` 7: at most one announcement per subject and kind. */
    subjectType: text('subject_type').notNull(),
    subjectId: integer('subject_id').notNull(),
    /** The union whose subtree hears it (its materialised path, '/1/4/'). */
    orgPath: text('org_path').notNull(),
    /** Only members of these employment types (a campaign open to riders only); null: every member. */
    employmentTypes: text('employment_types').array(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    /** The highest user id delivered so far (0: none); the next batch starts above it. */
    cursorUserId: integer('cursor_user_id').notNull().default(0),
    delivered: integer('delivered').notNull().default(0),
    createdAt: createdAt(),
    doneAt: ts('done_at'),
  },
  (t) => [
    uniqueIndex('announcements_subject_uq').on(t.kind, t.subjectType, t.subjectId),
    index('announcements_pending_idx').on(t.id).where(sql`${t.doneAt} is null`),
  ],
)

export type AnnouncementRow = typeof announcements.$inferSelect

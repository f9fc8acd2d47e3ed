/**
 * 站内消息. Other capabilities call `notify(tx, …)` inside the transaction that makes the change, so a
 * message exists exactly when the change does (a rolled-back hand-over sends nothing). When the kind has a WeChat
 * subscription template and the user holds a send credit for it, the same transaction queues the send in the outbox
 * (outbox.ts drains it): the message centre shows every notice, WeChat only those somebody subscribed to.
 */
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Notification, SubscribeTemplate } from '@contract/notifications/schemas'
import {
  SUBSCRIBE_MAX_CREDITS,
  SUBSCRIBE_TEMPLATES,
  isMarketingKind,
  templateOfKind,
  type NotificationKind,
  type SubscribeTemplateKey,
} from '@contract/notifications/labels'
import { NotificationReasons } from '@contract/notifications/reasons'
import type { Db, DbOrTx } from '../../db'
import { prepared } from '../../db/prepared'
import { rowsFromJson } from '../../db/json-rows'
import { notificationOutbox, notifications, subscribeCredits, type NotificationRow } from '../../db/schema/notifications'
import { refuse } from '../../errors'
import type { WechatClient } from '../../wechat/client'
import { AnnouncementWorker, type Audience } from './announcements'
import { OutboxWorker, type OutboxOptions } from './outbox'
import { templateData, wechatPage } from './template-data'
import { marketingClosed, SettingsService, wechatOff, type TemplateIds } from './settings'

export interface NewNotification {
  userId: number
  /** One of the closed list NOTIFICATION_KINDS (contract/notifications/labels.ts). */
  kind: NotificationKind
  title: string
  body: string
  link?: string | null
  /**
   * Names the event when one change may be told twice (a retried job): one WeChat send per (event × user ×
   * template). Default: the message itself.
   */
  eventKey?: string
  /** The outcome word of a `phrase` field (≤ 5 characters), when the kind's default (KIND_STATUS) does not fit. */
  status?: string
}

export async function notify(db: DbOrTx, message: NewNotification | NewNotification[]): Promise<void> {
  let list = Array.isArray(message) ? message : [message]
  if (list.length === 0) return
  // 消息设置: a member who closed marketing-like notices gets none of them (every other kind always lands).
  const closed = await marketingClosed(db, list)
  if (closed.size > 0) list = list.filter((m) => !(closed.has(m.userId) && isMarketingKind(m.kind)))
  if (list.length === 0) return
  const inserted = await db
    .insert(notifications)
    .values(list.map((m) => ({ userId: m.userId, kind: m.kind, title: m.title, body: m.body, link: m.link ?? null })))
    .returning({ id: notifications.id, createdAt: notifications.createdAt })
  // Identity values are taken in VALUES order: the i-th smallest id is the i-th message.
  inserted.sort((a, b) => a.id - b.id)
  await queueSends(
    db,
    list.map((m, i) => ({ ...m, id: inserted[i]!.id, createdAt: inserted[i]!.createdAt })),
  )
}

/**
 * One outbox row per message whose kind has a template and whose user holds a credit for it; the credit is taken
 * here (rows locked, so two changes at once cannot both spend one acceptance). No credit, or the member turned that
 * template off in 消息设置 → message centre only, and the credit stays for when they turn it back on.
 */
async function queueSends(db: DbOrTx, messages: (NewNotification & { id: number; createdAt: Date })[]): Promise<void> {
  const wanted = messages.flatMap((m) => {
    const key = templateOfKind(m.kind)
    return key ? [{ m, key }] : []
  })
  if (wanted.length === 0) return
  const credits = await db
    .select({ userId: subscribeCredits.userId, templateId: subscribeCredits.templateId, templateKey: subscribeCredits.templateKey, remaining: subscribeCredits.remaining })
    .from(subscribeCredits)
    .where(
      and(
        inArray(subscribeCredits.userId, [...new Set(wanted.map((w) => w.m.userId))]),
        inArray(subscribeCredits.templateKey, [...new Set(wanted.map((w) => w.key))]),
        sql`${subscribeCredits.remaining} > 0`,
      ),
    )
    .orderBy(asc(subscribeCredits.userId), asc(subscribeCredits.templateId))
    .for('update')
  if (credits.length === 0) return
  const off = await wechatOff(db, [...new Set(credits.map((c) => c.userId))])
  const rows: (typeof notificationOutbox.$inferInsert)[] = []
  for (const { m, key } of wanted) {
    if (off.get(m.userId)?.has(key)) continue
    const credit = credits.find((c) => c.userId === m.userId && c.templateKey === key && c.remaining > 0)
    if (!credit) continue
    credit.remaining--
    rows.push({
      notificationId: m.id,
      userId: m.userId,
      templateId: credit.templateId,
      eventKey: m.eventKey ?? `n:${m.id}`,
      page: wechatPage(m.link ?? null),
      data: templateData(key, { kind: m.kind, title: m.title, body: m.body, createdAt: m.createdAt, status: m.status }),
    })
  }
  if (rows.length === 0) return
  const queued = await db
    .insert(notificationOutbox)
    .values(rows)
    .onConflictDoNothing()
    .returning({ userId: notificationOutbox.userId, templateId: notificationOutbox.templateId })
  const spent = new Map<string, { userId: number; templateId: string; n: number }>()
  for (const q of queued) {
    const k = `${q.userId}:${q.templateId}`
    const e = spent.get(k) ?? { userId: q.userId, templateId: q.templateId, n: 0 }
    e.n++
    spent.set(k, e)
  }
  for (const { userId, templateId, n } of spent.values()) {
    await db
      .update(subscribeCredits)
      .set({ remaining: sql`${subscribeCredits.remaining} - ${n}` })
      .where(and(eq(subscribeCredits.userId, userId), eq(subscribeCredits.templateId, templateId)))
  }
}

export type { TemplateIds }

/** Messages per announcement batch (one INSERT … SELECT and its cursor, one transaction). */
const ANNOUNCEMENT_BATCH = 1000

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  }
}

export interface NotificationDeps {
  db: Db
  now: () => number
  wechat: WechatClient | null
  config: { subscribeTemplates: TemplateIds; outbox: Omit<OutboxOptions, 'timeoutMs'>; wechat: { timeoutMs: number } }
}

export class NotificationService {
  /** The 订阅消息 sender (drained by the notifications job). */
  readonly outbox: OutboxWorker
  /** 消息设置 (settings.ts). */
  readonly settings: SettingsService
  /** 公告 to a union's subtree in batches (announcements.ts; drained by the announcements job). */
  readonly announcements: AnnouncementWorker

  /** `audience`: who the members of a union's subtree are (membership's subtreeMemberIds, from the container). */
  constructor(
    private readonly deps: NotificationDeps,
    wiring: { audience: Audience; announcementBatch?: number },
  ) {
    this.outbox = new OutboxWorker({
      db: deps.db,
      now: deps.now,
      wechat: deps.wechat,
      options: { ...deps.config.outbox, timeoutMs: deps.config.wechat.timeoutMs },
    })
    this.settings = new SettingsService({ db: deps.db, now: deps.now, templateIds: () => deps.config.subscribeTemplates })
    this.announcements = new AnnouncementWorker({ db: deps.db, audience: wiring.audience, batchSize: wiring.announcementBatch ?? ANNOUNCEMENT_BATCH })
  }

  /** The templates the app may ask for (configured ones only). */
  templates(): SubscribeTemplate[] {
    const ids = this.deps.config.subscribeTemplates
    return (Object.keys(SUBSCRIBE_TEMPLATES) as SubscribeTemplateKey[]).flatMap((key) => {
      const templateId = ids[key]
      return templateId ? [{ key, templateId, label: SUBSCRIBE_TEMPLATES[key].label }] : []
    })
  }

  /** Acceptances from WeChat's subscription dialog: one more send credit per accepted template (capped). */
  async reportSubscriptions(userId: number, accepted: string[]) {
    const byId = new Map(this.templates().map((t) => [t.templateId, t.key]))
    const ids = [...new Set(accepted)]
    if (ids.some((id) => !byId.has(id))) {
      throw refuse(NotificationReasons.SUBSCRIBE_TEMPLATE_UNKNOWN, undefined, {
        accepted: NotificationReasons.SUBSCRIBE_TEMPLATE_UNKNOWN.message(),
      })
    }
    const at = new Date(this.deps.now())
    return this.deps.db.transaction(async (tx) => {
      const credits = []
      for (const templateId of ids) {
        const [row] = await tx
          .insert(subscribeCredits)
          .values({ userId, templateId, templateKey: byId.get(templateId)!, remaining: 1, updatedAt: at })
          .onConflictDoUpdate({
            target: [subscribeCredits.userId, subscribeCredits.templateId],
            set: {
              remaining: sql`least(${subscribeCredits.remaining} + 1, ${sql.raw(String(SUBSCRIBE_MAX_CREDITS))})`,
              templateKey: byId.get(templateId)!,
              updatedAt: at,
            },
          })
          .returning({ templateId: subscribeCredits.templateId, remaining: subscribeCredits.remaining })
        credits.push(row!)
      }
      return { credits }
    })
  }

  async unread(userId: number): Promise<number> {
    // Prepared (db/prepared.ts): the badge asks it often, the message centre on every page.
    const [row] = await prepared(this.deps.db, 'notifications_unread', (d, name) =>
      d
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, sql.placeholder('userId')), isNull(notifications.readAt)))
        .prepare(name),
    ).execute({ userId })
    return Number(row?.n ?? 0)
  }

  /** The message page from messagesWithSession's row (read with the session; `limit` as the route validated it). */
  pageFromRead(row: { page: unknown; unread: number }, limit: number) {
    const rows = rowsFromJson(notifications, row.page)
    return { items: rows.slice(0, limit).map(toNotification), hasMore: rows.length > limit, unread: Number(row.unread) }
  }

  async markRead(userId: number, ids?: number[]) {
    await this.deps.db
      .update(notifications)
      .set({ readAt: new Date(this.deps.now()) })
      .where(
        and(
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          ids ? inArray(notifications.id, ids.length ? ids : [0]) : undefined,
        ),
      )
    return { unread: await this.unread(userId) }
  }
}

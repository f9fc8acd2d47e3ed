/**
 * 站内消息. Other capabilities call `notify(tx, …)` inside the transaction that makes the change, so a
 * message exists exactly when the change does (a rolled-back hand-over sends nothing).
 */
import { and, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm'
import type { Notification } from '@contract/notifications/schemas'
import type { Db, DbOrTx } from '../../db'
import { notifications, type NotificationRow } from '../../db/schema/notifications'

export interface NewNotification {
  userId: number
  kind: string
  title: string
  body: string
  link?: string | null
}

export async function notify(db: DbOrTx, message: NewNotification | NewNotification[]): Promise<void> {
  const rows = (Array.isArray(message) ? message : [message]).map((m) => ({ ...m, link: m.link ?? null }))
  if (rows.length > 0) await db.insert(notifications).values(rows)
}

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

export class NotificationService {
  constructor(private readonly deps: { db: Db; now: () => number }) {}

  async unread(userId: number): Promise<number> {
    const [row] = await this.deps.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    return Number(row?.n ?? 0)
  }

  async list(userId: number, query: { before?: number; limit: number }) {
    const rows = await this.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), query.before ? lt(notifications.id, query.before) : undefined))
      .orderBy(desc(notifications.id))
      .limit(query.limit + 1)
    return {
      items: rows.slice(0, query.limit).map(toNotification),
      hasMore: rows.length > query.limit,
      unread: await this.unread(userId),
    }
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

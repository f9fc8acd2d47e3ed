/** 站内消息: one row per message to one user; written in the transaction that makes the change. */
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core'
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

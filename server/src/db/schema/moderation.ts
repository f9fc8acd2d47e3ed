/**
 * Content security (内容安全, modules/moderation): one row per text or image of a user that the check did not simply
 * pass — a text held for staff (WeChat's `review`, or a hit on the local word list while WeChat was unreachable),
 * and every image sent to mediaCheckAsync (its trace id, until WeChat's pushed verdict settles it).
 *
 * The subject is named, not referenced: `subject_kind` (MODERATION_SUBJECTS in contract/moderation/labels.ts) and
 * `subject_id` (a report's id, a registration's id, a user's id, an image's file id), so no other capability's table
 * changes; each capability reads the state through moderation's public face (`withheld`). `org_id` is the union
 * whose staff (content.moderate) decide it — the station's, the event's, the member's union; null = nobody's below the
 * root (a non-member's nickname): the root's admins.
 */
import { sql } from 'drizzle-orm'
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { MODERATION_SOURCES, MODERATION_STATUSES, MODERATION_SUBJECTS } from '@contract/moderation/labels'
import { createdAt, ts } from './columns'
import { files, orgs, users } from './core'

export const moderationItems = pgTable(
  'moderation_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    subjectKind: text('subject_kind', { enum: MODERATION_SUBJECTS }).notNull(),
    subjectId: text('subject_id').notNull(),
    ownerUserId: integer('owner_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: integer('org_id').references(() => orgs.id),
    /** The text as submitted (texts); for a held nickname or team name, the value that applies once approved. */
    text: text('text'),
    fileId: text('file_id').references(() => files.id, { onDelete: 'set null' }),
    /** Who judged it: WeChat (msgSecCheck / mediaCheckAsync) or the local word list (WeChat unreachable or off). */
    source: text('source', { enum: MODERATION_SOURCES }).notNull(),
    /** WeChat's suggest (pass / review / risky); a word-list hit is `review`. Null while an image waits. */
    suggest: text('suggest'),
    /** WeChat's label (100 normal, 20001 时政 …) or the word-list entry that matched. */
    label: text('label'),
    /** mediaCheckAsync's trace id: its pushed verdict finds the row by it. */
    traceId: text('trace_id'),
    status: text('status', { enum: MODERATION_STATUSES }).notNull(),
    /** App page the owner's message opens (the report's station, the team …). */
    link: text('link'),
    createdAt: createdAt(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    /** Why staff refused it (told to the owner). */
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('moderation_items_subject_idx').on(t.subjectKind, t.subjectId),
    index('moderation_items_held_idx').on(t.id).where(sql`${t.status} = 'held'`),
    uniqueIndex('moderation_items_trace_unique').on(t.traceId).where(sql`${t.traceId} is not null`),
  ],
)

export type ModerationItemRow = typeof moderationItems.$inferSelect

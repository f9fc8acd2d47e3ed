/**
 * 个人信息保护 (issue 19): a person's requests about their own data — 注销账号 (erasure, with a cooling-off period),
 * 下载我的数据 (a copy, prepared in the background), 更正 (name / phone, decided by the union) — and the once-a-day
 * marker of the retention job. 退会 is membership's (`membership_departures`).
 */
import { sql } from 'drizzle-orm'
import { date, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, ts } from './columns'
import { files, orgs, users } from './core'

export const PRIVACY_REQUEST_KINDS = ['erasure', 'export', 'correction'] as const
export const PRIVACY_REQUEST_STATUSES = ['pending', 'cancelled', 'done', 'rejected'] as const

export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Null once the shredder ran for an erasure (the row stays as the record that the request was answered). */
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: PRIVACY_REQUEST_KINDS }).notNull(),
    status: text('status', { enum: PRIVACY_REQUEST_STATUSES }).notNull().default('pending'),
    /** erasure: the end of the cooling-off period; export: when the copy stops being downloadable. */
    dueAt: ts('due_at'),
    /** correction: the union that decides it (the member's). */
    orgId: integer('org_id').references(() => orgs.id),
    /** correction: the requested values, encrypted (a name / phone is personal data); null once decided. */
    payloadEnc: text('payload_enc'),
    /** export: the prepared files (.xlsx and .json); deleted with the copy after 7 days. */
    xlsxFileId: text('xlsx_file').references(() => files.id, { onDelete: 'set null' }),
    jsonFileId: text('json_file').references(() => files.id, { onDelete: 'set null' }),
    /** Why it was cancelled / rejected ('login' = logged in again during the cooling-off period). */
    note: text('note'),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    doneAt: ts('done_at'),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    index('privacy_requests_user_idx').on(t.userId, t.kind, t.id),
    index('privacy_requests_due_idx').on(t.kind, t.dueAt).where(sql`${t.status} = 'pending'`),
    // One open request of a kind per person: two taps make one request.
    uniqueIndex('privacy_requests_one_open').on(t.userId, t.kind).where(sql`${t.status} = 'pending'`),
  ],
)

/** The retention job runs once per China-time day, whichever instance inserts the day's row first. */
export const privacyRuns = pgTable('privacy_runs', {
  day: date('day', { mode: 'string' }).primaryKey(),
  startedAt: createdAt(),
  detail: jsonb('detail').$type<Record<string, number>>(),
})

export type PrivacyRequestRow = typeof privacyRequests.$inferSelect

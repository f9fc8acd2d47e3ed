/**
 * 法律援助: consultation cases and their thread. The description, the phone and every message are stored only
 * encrypted (AES-256-GCM under DATA_KEY, crypto/data.ts); kind, employer and amounts stay plain for the worklists.
 */
import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import {
  LEGAL_CONTACT_PREF_KEYS,
  LEGAL_CONTACT_TIME_KEYS,
  LEGAL_DISPUTE_KIND_KEYS,
  LEGAL_ENTRY_KIND_KEYS,
  LEGAL_OUTCOME_KEYS,
  LEGAL_STATUS_KEYS,
} from '@contract/legal/labels'
import type { LegalSession } from '@contract/legal/schemas'
import { createdAt, ts } from './columns'
import { orgs, users } from './core'

export const legalCases = pgTable(
  'legal_cases',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The member's union when asking: whose legal staff (and those above it) take the case. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind', { enum: LEGAL_DISPUTE_KIND_KEYS }).notNull(),
    employer: text('employer').notNull(),
    amount: integer('amount'),
    descriptionEnc: text('description_enc').notNull(),
    phoneEnc: text('phone_enc'),
    contactPref: text('contact_pref', { enum: LEGAL_CONTACT_PREF_KEYS }).notNull(),
    contactTime: text('contact_time', { enum: LEGAL_CONTACT_TIME_KEYS }).notNull(),
    attachments: jsonb('attachments').$type<string[]>().notNull().default([]),
    status: text('status', { enum: LEGAL_STATUS_KEYS }).notNull().default('submitted'),
    handlerUserId: integer('handler_user_id').references(() => users.id, { onDelete: 'set null' }),
    handlerName: text('handler_name'),
    /** The promised first response (working days, China time). */
    firstResponseDue: ts('first_response_due').notNull(),
    firstResponseAt: ts('first_response_at'),
    session: jsonb('session').$type<LegalSession>(),
    outcome: text('outcome', { enum: LEGAL_OUTCOME_KEYS }),
    amountRecovered: integer('amount_recovered'),
    closedAt: ts('closed_at'),
    ratingStars: integer('rating_stars'),
    ratingComment: text('rating_comment'),
    ratedAt: ts('rated_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('legal_cases_user_idx').on(t.userId, t.id),
    index('legal_cases_org_idx').on(t.orgId, t.createdAt, t.id),
    index('legal_cases_due_idx').on(t.firstResponseDue),
  ],
)
export type LegalCaseRow = typeof legalCases.$inferSelect

export const legalEntries = pgTable(
  'legal_entries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => legalCases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: LEGAL_ENTRY_KIND_KEYS }).notNull(),
    author: text('author', { enum: ['member', 'staff'] }).notNull(),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    byLabel: text('by_label').notNull(),
    textEnc: text('text_enc'),
    attachments: jsonb('attachments').$type<string[]>().notNull().default([]),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('legal_entries_case_idx').on(t.caseId, t.id)],
)
export type LegalEntryRow = typeof legalEntries.$inferSelect

/**
 * 帮扶救助: aid types (admin-configured), applications (drafts included), a snapshot per submission, the timeline,
 * 公示 rounds and objections, and relief-only reviewer delegations.
 *
 * Sensitive form values (the fields an aid type marks `sensitive`, e.g. a diagnosis or a child's ID number) are
 * stored only encrypted (AES-256-GCM, crypto/data.ts) as one JSON blob per row; the rest is plain JSONB.
 */
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import type { AidTypeConfig, DocumentIds, FieldValues, ReturnRequest } from '@contract/relief/schemas'
import { RELIEF_EVENT_KEYS, RELIEF_STAGE_KEYS, REVIEW_LEVEL_KEYS, type FieldKind, type PayoutMethod } from '@contract/relief/labels'
import { createdAt, ts } from './columns'
import { orgs, users } from './core'

/**
 * Aid types: the key, the owning union and the whole configuration (validated as AidTypeConfig on the way in).
 * A type applies to the owner's subtree and is edited only by the owner's admins; the seeded ones belong to the root.
 */
export const reliefAidTypes = pgTable(
  'relief_aid_types',
  {
    key: text('key').primaryKey(),
    /** The union that owns (offers and pays) the type; fixed once created. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    /** The 复核 level in force: config.reviewLevel, else the owner's level (kept here for the queue queries). */
    reviewLevel: integer('review_level').notNull().default(1),
    config: jsonb('config').$type<AidTypeConfig>().notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('relief_aid_types_org_idx').on(t.orgId)],
)

/**
 * Limits a union sets for the aid types created by the unions below it (not for its own): the most a case may
 * receive and the field kinds they may collect. Rows at several levels above a union combine (the strictest wins).
 */
export const reliefTypeLimits = pgTable('relief_type_limits', {
  orgId: integer('org_id')
    .primaryKey()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  maxAmount: integer('max_amount').notNull(),
  fieldKinds: jsonb('field_kinds').$type<FieldKind[]>().notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
})

export type ReturnRequestData = ReturnRequest
export interface HomeVisitData {
  visitedOn: string
  visitors: string
  findings: string
  recordedAt: string
  recordedBy: string
  recordedByUserId: number
}
export interface PayoutData {
  paidOn: string
  method: PayoutMethod
  reference: string
  recordedAt: string
  recordedByUserId: number
}

export const reliefApplications = pgTable(
  'relief_applications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    typeKey: text('type_key')
      .notNull()
      .references(() => reliefAidTypes.key),
    /** The applicant's grassroots union (from the membership) — whose reviewers do the 初审. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    stage: text('stage', { enum: RELIEF_STAGE_KEYS }).notNull(),
    /** Non-sensitive form values. */
    fields: jsonb('fields').$type<FieldValues>().notNull(),
    /** Sensitive form values: encrypted JSON object (null when none). */
    sensitiveEnc: text('sensitive_enc'),
    documents: jsonb('documents').$type<DocumentIds>().notNull(),
    consentSensitive: boolean('consent_sensitive').notNull().default(false),
    step: text('step'),
    draftSavedAt: ts('draft_saved_at'),
    submissionCount: integer('submission_count').notNull().default(0),
    submittedAt: ts('submitted_at'),
    /** When the current stage began (queue waiting time, deadlines). */
    stageSince: ts('stage_since').notNull(),
    /** Calendar year (China time) of the first submission: the yearly limit counts by it. */
    year: integer('year'),
    /** "Same cause" identity within the type's cause group (e.g. 'medical'), from the type's cause fields. */
    causeGroup: text('cause_group'),
    causeKey: text('cause_key'),
    returnRequest: jsonb('return_request').$type<ReturnRequestData>(),
    rejectReason: text('reject_reason'),
    amount: integer('amount'),
    baseReviewerId: integer('base_reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    districtReviewerId: integer('district_reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    homeVisit: jsonb('home_visit').$type<HomeVisitData>(),
    roundId: integer('round_id').references(() => reliefRounds.id),
    payout: jsonb('payout').$type<PayoutData>(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('relief_applications_user_idx').on(t.userId, t.typeKey, t.year),
    index('relief_applications_stage_idx').on(t.stage, t.stageSince),
    index('relief_applications_cause_idx').on(t.userId, t.causeGroup, t.causeKey),
    index('relief_applications_round_idx').on(t.roundId),
    // 数据看板: a subtree's cases submitted within a range; the console's 帮扶审核 queue by union and stage.
    index('relief_applications_org_submitted_idx').on(t.orgId, t.submittedAt),
  ],
)

/** What was submitted each time (1 = first submission, 2 = after the first return …): the history keeps every version. */
export const reliefSubmissions = pgTable(
  'relief_submissions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => reliefApplications.id, { onDelete: 'cascade' }),
    no: integer('no').notNull(),
    fields: jsonb('fields').$type<FieldValues>().notNull(),
    sensitiveEnc: text('sensitive_enc'),
    documents: jsonb('documents').$type<DocumentIds>().notNull(),
    submittedAt: ts('submitted_at').notNull(),
  },
  (t) => [uniqueIndex('relief_submissions_app_no').on(t.applicationId, t.no)],
)

export const reliefEvents = pgTable(
  'relief_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => reliefApplications.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: RELIEF_EVENT_KEYS }).notNull(),
    note: text('note'),
    /** Who acted, as the applicant may see it: 本人 / a union's name. */
    byLabel: text('by_label'),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    at: ts('at').notNull(),
  },
  (t) => [
    index('relief_events_app_idx').on(t.applicationId, t.at),
    // 数据看板: amounts approved / paid per month (the timeline's district_approved and paid events within a range).
    index('relief_events_kind_at_idx').on(t.kind, t.at),
  ],
)

/** 公示 rounds: approved cases published for a number of days by a district. */
export const reliefRounds = pgTable('relief_rounds', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  title: text('title').notNull(),
  orgId: integer('org_id')
    .notNull()
    .references(() => orgs.id),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
})

export const reliefObjections = pgTable(
  'relief_objections',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => reliefApplications.id, { onDelete: 'cascade' }),
    roundId: integer('round_id')
      .notNull()
      .references(() => reliefRounds.id),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    content: text('content').notNull(),
    answer: text('answer'),
    upheld: boolean('upheld'),
    answeredBy: integer('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: ts('answered_at'),
    createdAt: createdAt(),
  },
  (t) => [index('relief_objections_app_idx').on(t.applicationId)],
)

/**
 * Relief-only reviewer delegations: the user reviews relief applications of this org's subtree at this level,
 * without any other permission there (the membership review etc. stay as the user's roles say).
 */
export const reliefReviewGrants = pgTable(
  'relief_review_grants',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    level: text('level', { enum: REVIEW_LEVEL_KEYS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('relief_review_grants_unique').on(t.userId, t.orgId, t.level)],
)

export type ReliefApplicationRow = typeof reliefApplications.$inferSelect
export type ReliefAidTypeRow = typeof reliefAidTypes.$inferSelect
export type ReliefTypeLimitsRow = typeof reliefTypeLimits.$inferSelect

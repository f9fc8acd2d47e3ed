/** 入会: applications (ID number and phone encrypted), their events, drafts, memberships. */
import { sql } from 'drizzle-orm'
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  pgView,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { createdAt, ts } from './columns'
import { orgs, users } from './core'

// ---------- membership (入会) ----------

const EMPLOYMENT_TYPES = ['employee', 'ride_hailing', 'courier', 'delivery', 'truck', 'streamer', 'other_gig'] as const

/**
 * Joining applications. The ID number and phone are stored only encrypted (AES-256-GCM, `crypto/data.ts`);
 * `id_hash` is a keyed hash of the normalised ID number. A resubmission after a rejection updates the row.
 */
export const membershipApplications = pgTable(
  'membership_applications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idHash: text('id_hash').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    employer: text('employer'),
    employmentType: text('employment_type', { enum: EMPLOYMENT_TYPES }).notNull(),
    /** A grassroots union, or the district federation when `district_fallback` (由区总工会兜底). */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    districtFallback: boolean('district_fallback').notNull().default(false),
    status: text('status', { enum: ['submitted', 'approved', 'rejected'] }).notNull(),
    rejectReason: text('reject_reason'),
    /** 1 for the first submission, +1 per resubmission. */
    submissionCount: integer('submission_count').notNull().default(1),
    submittedAt: ts('submitted_at').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('membership_applications_user_idx').on(t.userId),
    // The reviewer queue (oldest first, keyset-paged on (submitted_at, id)) reads only pending rows: the whole
    // queue of a district in order, or one union's part of it.
    index('membership_applications_pending_idx').on(t.submittedAt, t.id).where(sql`${t.status} = 'submitted'`),
    index('membership_applications_pending_org_idx').on(t.orgId, t.submittedAt, t.id).where(sql`${t.status} = 'submitted'`),
    index('membership_applications_id_hash_idx').on(t.idHash),
    // 数据看板: a subtree's applications submitted / decided within a range.
    index('membership_applications_org_submitted_idx').on(t.orgId, t.submittedAt),
    index('membership_applications_org_decided_idx').on(t.orgId, t.decidedAt),
    // One application in review per user, whatever the timing of two taps (the loser gets a clean 409).
    uniqueIndex('membership_applications_one_pending').on(t.userId).where(sql`${t.status} = 'submitted'`),
  ],
)

/** The timeline of an application. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => membershipApplications.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['submitted', 'resubmitted', 'approved', 'rejected'] }).notNull(),
    note: text('note'),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    at: ts('at').notNull(),
  },
  (t) => [index('application_events_app_idx').on(t.applicationId, t.at)],
)

/**
 * One server-side join-form draft per user. `data` holds the non-sensitive fields only (a JoinDraft without
 * idNumber and phone); a complete ID number and phone are kept encrypted beside it, like an application's.
 * Rows written before that (plaintext `data.idNumber` / `data.phone`) are sealed at server start and on read
 * (`modules/membership/drafts.ts`).
 */
export const joinDrafts = pgTable('join_drafts', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  idNumberEnc: text('id_number_enc'),
  phoneEnc: text('phone_enc'),
  updatedAt: ts('updated_at').notNull(),
})

/**
 * Join submissions refused because the ID number is already registered (a member, or someone else's pending
 * application), per user and China-time day: the limit on probing ID numbers holds across server instances.
 */
export const membershipIdConflicts = pgTable(
  'membership_id_conflicts',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    attempts: integer('attempts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day], name: 'membership_id_conflicts_pk' })],
)

export const memberNoSeq = pgSequence('member_no_seq', { startWith: 1, increment: 1 })

/** Memberships: one per user and — enforced by the unique id_hash — one per person. */
export const memberships = pgTable(
  'memberships',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .unique('memberships_user_unique')
      .references(() => users.id, { onDelete: 'cascade' }),
    idHash: text('id_hash').notNull().unique('memberships_id_hash_unique'),
    idNumberEnc: text('id_number_enc').notNull(),
    memberNo: text('member_no').notNull().unique('memberships_member_no_unique'),
    name: text('name').notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    employmentType: text('employment_type', { enum: EMPLOYMENT_TYPES }).notNull(),
    applicationId: integer('application_id').references(() => membershipApplications.id, { onDelete: 'set null' }),
    joinedAt: ts('joined_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('memberships_org_idx').on(t.orgId),
    // 数据看板: members of a subtree joined by / within a range (GROUP BY in the database).
    index('memberships_org_joined_idx').on(t.orgId, t.joinedAt),
  ],
)

/**
 * 会员实名制台账: people a union office imported (`modules/membership/roster-import.ts`), not yet tied to a WeChat
 * account. ID number and phone only encrypted; `id_hash` (the same keyed hash as memberships') is unique, so a person
 * is in the roster once. 会员认证 (`roster-claim.ts`) turns an entry into a membership — where the memberships table's
 * unique id_hash keeps "one person, one membership" a database rule — and marks the entry claimed.
 */
export const rosterEntries = pgTable(
  'roster_entries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    idHash: text('id_hash').notNull().unique('roster_entries_id_hash_unique'),
    idNumberEnc: text('id_number_enc').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    name: text('name').notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    employmentType: text('employment_type', { enum: EMPLOYMENT_TYPES }).notNull(),
    /** 会员编号 from the roster (kept at 会员认证), or null: the generator's number then. */
    memberNo: text('member_no'),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    importedBy: integer('imported_by').references(() => users.id, { onDelete: 'set null' }),
    claimedBy: integer('claimed_by')
      .unique('roster_entries_claimed_by_unique')
      .references(() => users.id, { onDelete: 'set null' }),
    claimedAt: ts('claimed_at'),
    membershipId: integer('membership_id').references(() => memberships.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('roster_entries_org_idx').on(t.orgId),
    uniqueIndex('roster_entries_member_no_unique').on(t.memberNo).where(sql`${t.memberNo} is not null`),
  ],
)

/** Failed 会员认证 attempts per user and China-time day (the limit holds across server instances). */
export const rosterClaimAttempts = pgTable(
  'roster_claim_attempts',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    attempts: integer('attempts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day], name: 'roster_claim_attempts_pk' })],
)

/**
 * The member directory: membership's published relation, what other modules may join (through membership's
 * index.ts) instead of its tables — who is a member, of which union, since when, under which number and name. A
 * view is inlined by the planner: joining it costs what joining the table did. The voucher claim function reads it too.
 */
export const memberDirectory = pgView('member_directory').as((qb) =>
  qb
    .select({
      userId: memberships.userId,
      memberId: sql<number>`${memberships.id}`.as('member_id'),
      memberNo: memberships.memberNo,
      name: memberships.name,
      orgId: memberships.orgId,
      employmentType: memberships.employmentType,
      joinedAt: memberships.joinedAt,
    })
    .from(memberships),
)

export type MembershipApplicationRow = typeof membershipApplications.$inferSelect
export type MembershipRow = typeof memberships.$inferSelect
export type RosterEntryRow = typeof rosterEntries.$inferSelect

/**
 * 退会: a member's request to leave, the union's confirmation (or completion after a number of working days), and
 * afterwards the union's record of the former membership. The membership row itself is deleted on completion (the
 * card stops working at once; the ID hash no longer blocks a later re-joining); name and member number stay here for
 * the union's records until the retention period ends, when `name` becomes 已注销用户 and `user_id` null.
 */
export const membershipDepartures = pgTable(
  'membership_departures',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The membership's id (its row is deleted on leaving): a card code of it then checks as 已退会 (无效). */
    membershipId: integer('membership_id').notNull(),
    memberNo: text('member_no').notNull(),
    name: text('name').notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    employmentType: text('employment_type', { enum: EMPLOYMENT_TYPES }).notNull(),
    joinedAt: ts('joined_at').notNull(),
    reason: text('reason'),
    /** requested → left (confirmed / completed / account closed) or withdrawn (the member changed their mind). */
    status: text('status', { enum: ['requested', 'left', 'withdrawn'] }).notNull(),
    requestedAt: ts('requested_at').notNull(),
    /** Completes by itself at this instant when nobody confirmed it (N working days after the request). */
    dueAt: ts('due_at').notNull(),
    leftAt: ts('left_at'),
    /** Who confirmed it (null: completed by the job, or by 注销账号). */
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    anonymisedAt: ts('anonymised_at'),
  },
  (t) => [
    uniqueIndex('membership_departures_one_open').on(t.userId).where(sql`${t.status} = 'requested'`),
    index('membership_departures_org_idx').on(t.orgId, t.status, t.id),
    index('membership_departures_membership_idx').on(t.membershipId),
    index('membership_departures_due_idx').on(t.dueAt).where(sql`${t.status} = 'requested'`),
  ],
)

export type MembershipDepartureRow = typeof membershipDepartures.$inferSelect

/**
 * The one pg-core schema, used by both drivers (PGlite and node-postgres).
 * Change it, then run `npm run db:generate` to add a versioned SQL migration under server/migrations/.
 */
import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  check,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

/** Union organisations as a tree; `path` is materialised like '/1/4/9/' (ancestors first, self last). */
export const orgs = pgTable(
  'orgs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgs.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['district', 'street', 'grassroots'] }).notNull(),
    path: text('path').notNull().default(''),
    city: text('city'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    createdAt: createdAt(),
  },
  (t) => [index('orgs_parent_idx').on(t.parentId), index('orgs_path_idx').on(t.path.op('text_pattern_ops'))],
)

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  openid: text('openid').notNull().unique(),
  unionid: text('unionid'),
  nickname: text('nickname').notNull().default(''),
  avatarFileId: text('avatar_file').references((): AnyPgColumn => files.id, { onDelete: 'set null' }),
  /** WeChat session_key from jscode2session: server-side only, never returned by any endpoint. */
  wechatSessionKey: text('wechat_session_key'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const userRoles = pgTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['member', 'venue_staff', 'reviewer', 'admin'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('user_roles_unique').on(t.userId, t.orgId, t.role), index('user_roles_org_idx').on(t.orgId)],
)

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_subject_idx').on(t.subjectType, t.subjectId), index('audit_log_actor_idx').on(t.actorUserId)],
)

/** Uploaded files, stored under `<DATA_DIR>/uploads/<stored_name>`; served only through signed URLs. */
export const files = pgTable('files', {
  id: text('id').primaryKey(),
  ownerUserId: integer('owner_user_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
  kind: text('kind').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  storedName: text('stored_name').notNull(),
  createdAt: createdAt(),
})

// ---------- membership (入会) ----------

const EMPLOYMENT_TYPES = ['employee', 'ride_hailing', 'courier', 'delivery', 'truck', 'streamer', 'other_gig'] as const
const ts = (name: string) => timestamp(name, { withTimezone: true })

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
    index('membership_applications_status_idx').on(t.status, t.submittedAt),
    index('membership_applications_id_hash_idx').on(t.idHash),
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

/** One server-side join-form draft per user (whatever partial form, validated as JoinDraft). */
export const joinDrafts = pgTable('join_drafts', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  updatedAt: ts('updated_at').notNull(),
})

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
  (t) => [index('memberships_org_idx').on(t.orgId)],
)

// ---------- merchants (工会卡优惠商户) ----------

export const merchants = pgTable(
  'merchants',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    category: text('category', { enum: ['food', 'supermarket', 'cinema', 'fitness', 'medical', 'travel', 'other'] }).notNull(),
    offer: text('offer').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    takenDownAt: ts('taken_down_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('merchants_active_idx').on(t.validTo, t.validFrom), index('merchants_org_idx').on(t.orgId)],
)

// ---------- vouchers (福利券) ----------

export interface VenueRecord {
  id: number
  name: string
  address: string
  lat: number
  lng: number
}

export const voucherCampaigns = pgTable(
  'voucher_campaigns',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: ['movie', 'gym', 'swim', 'other'] }).notNull(),
    title: text('title').notNull(),
    rules: text('rules').notNull().default(''),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    venues: jsonb('venues').$type<VenueRecord[]>().notNull(),
    totalStock: integer('total_stock').notNull(),
    /** How many rows of voucher_stock hold the stock (1 = a single hot row). */
    shards: integer('shards').notNull(),
    opensAt: ts('opens_at').notNull(),
    closesAt: ts('closes_at').notNull(),
    voucherValidDays: integer('voucher_valid_days').notNull(),
    mode: text('mode', { enum: ['first_come', 'lottery'] }).notNull(),
    limitCount: integer('limit_count').notNull(),
    limitPeriod: text('limit_period', { enum: ['calendar_month', 'campaign'] }).notNull(),
    eligibleEmploymentTypes: jsonb('eligible_employment_types').$type<string[] | null>(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('voucher_campaigns_org_idx').on(t.orgId), index('voucher_campaigns_closes_idx').on(t.closesAt)],
)

/**
 * A campaign's stock split over `shards` rows so that concurrent claims lock different rows;
 * the CHECK makes overselling impossible whatever the code does.
 */
export const voucherStock = pgTable(
  'voucher_stock',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => voucherCampaigns.id, { onDelete: 'cascade' }),
    shard: integer('shard').notNull(),
    remaining: integer('remaining').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.shard] }), check('voucher_stock_remaining_nonneg', sql`${t.remaining} >= 0`)],
)

/**
 * Per-member claim counter per limit scope ('movie:2026-11' for a calendar month of a kind, 'c:42' for one
 * campaign). Claims upsert it with `used < limit` in the same transaction: the row lock serialises one
 * member's concurrent claims, so the limit holds in the database.
 */
export const voucherQuotas = pgTable(
  'voucher_quotas',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    used: integer('used').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.scope] }), check('voucher_quotas_used_nonneg', sql`${t.used} >= 0`)],
)

export const vouchers = pgTable(
  'vouchers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => voucherCampaigns.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    code: text('code').notNull().unique('vouchers_code_unique'),
    /** The stock row the unit came from (a return puts it back there). */
    shard: integer('shard').notNull(),
    /** The voucher_quotas scope it counted against. */
    quotaScope: text('quota_scope').notNull(),
    /** Stored states; 'expired' is derived from valid_until at read time. */
    state: text('state', { enum: ['unused', 'used', 'returned'] }).notNull().default('unused'),
    idempotencyKey: text('idempotency_key'),
    claimedAt: ts('claimed_at').notNull(),
    validUntil: ts('valid_until').notNull(),
    usedAt: ts('used_at'),
    usedVenueId: integer('used_venue_id'),
    redeemedBy: integer('redeemed_by').references(() => users.id, { onDelete: 'set null' }),
    returnedAt: ts('returned_at'),
  },
  (t) => [
    uniqueIndex('vouchers_idempotency_unique').on(t.userId, t.idempotencyKey),
    index('vouchers_user_idx').on(t.userId, t.claimedAt),
    index('vouchers_campaign_idx').on(t.campaignId, t.state),
  ],
)

export type OrgRow = typeof orgs.$inferSelect
export type UserRow = typeof users.$inferSelect
export type SessionRow = typeof sessions.$inferSelect
export type FileRow = typeof files.$inferSelect
export type MembershipApplicationRow = typeof membershipApplications.$inferSelect
export type MembershipRow = typeof memberships.$inferSelect
export type MerchantRow = typeof merchants.$inferSelect
export type VoucherCampaignRow = typeof voucherCampaigns.$inferSelect
export type VoucherRow = typeof vouchers.$inferSelect

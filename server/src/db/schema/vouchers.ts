/** 福利券: campaigns, sharded stock, per-member quotas, vouchers. */
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { createdAt, ts } from './columns'
import { orgs, users } from './core'
import { venues } from './venues'

// ---------- vouchers (福利券) ----------

/** One venue of a campaign as the service uses it: the registry venue, with its allotment when the stock is split. */
export interface VenueRecord {
  /** venues.id (the registry). */
  id: number
  name: string
  address: string
  lat: number
  lng: number
  /** Stock split per venue: this venue's allotment (absent when the campaign's stock is shared). */
  stock?: number
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
    totalStock: integer('total_stock').notNull(),
    /** How many rows of voucher_stock hold the stock (1 = a single hot row). */
    shards: integer('shards').notNull(),
    /** 分场馆库存: each venue has its own stock rows (voucher_stock.venue_id); a member claims for one venue. */
    stockByVenue: boolean('stock_by_venue').notNull().default(false),
    opensAt: ts('opens_at').notNull(),
    closesAt: ts('closes_at').notNull(),
    voucherValidDays: integer('voucher_valid_days').notNull(),
    mode: text('mode', { enum: ['first_come', 'lottery'] }).notNull(),
    limitCount: integer('limit_count').notNull(),
    limitPeriod: text('limit_period', { enum: ['calendar_month', 'campaign'] }).notNull(),
    eligibleEmploymentTypes: jsonb('eligible_employment_types').$type<string[] | null>(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** Lottery: the secret seed (hex), revealed only once drawn_at is set. */
    seed: text('seed'),
    /** Lottery: SHA-256 hex of the seed, public from creation. */
    commitment: text('commitment'),
    /** Lottery: set by the one conditional UPDATE (… where drawn_at is null) that runs the draw. */
    drawnAt: ts('drawn_at'),
    /** Lottery: hours after the draw within which winners confirm. */
    confirmHours: integer('confirm_hours').notNull().default(48),
    /**
     * Lottery: which published draw rule applies. 2 (every campaign since the venue registry): score over the entry
     * number; 1: score over the member's user id (campaigns drawn before; their record no longer lists user ids).
     */
    drawVersion: integer('draw_version').notNull().default(2),
  },
  (t) => [index('voucher_campaigns_org_idx').on(t.orgId), index('voucher_campaigns_closes_idx').on(t.closesAt)],
)

/**
 * The registry venues where a campaign's vouchers are used, in the order the admin listed them; `stock` is the
 * venue's allotment when the campaign's stock is split per venue (null when shared).
 */
export const voucherCampaignVenues = pgTable(
  'voucher_campaign_venues',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => voucherCampaigns.id, { onDelete: 'cascade' }),
    venueId: integer('venue_id')
      .notNull()
      .references(() => venues.id),
    position: integer('position').notNull(),
    stock: integer('stock'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.venueId] }), index('voucher_campaign_venues_venue_idx').on(t.venueId)],
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
    /** Stock split per venue: the registry venue whose units this row holds; null when shared. */
    venueId: integer('venue_id').references(() => venues.id),
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
    /**
     * Stock split per venue: the only registry venue where it can be used (that of its stock row); null: any venue.
     * No foreign key on purpose: it is written by the first-come claim (voucher_claim_batch), where a key check
     * would share-lock the one venue row from every concurrent insert; it is always its stock row's venue_id.
     */
    venueId: integer('venue_id'),
    /** The voucher_quotas scope it counted against. */
    quotaScope: text('quota_scope').notNull(),
    /** Stored states; 'expired' is derived from valid_until at read time. */
    state: text('state', { enum: ['unused', 'used', 'returned'] }).notNull().default('unused'),
    idempotencyKey: text('idempotency_key'),
    claimedAt: ts('claimed_at').notNull(),
    validUntil: ts('valid_until').notNull(),
    usedAt: ts('used_at'),
    usedVenueId: integer('used_venue_id').references(() => venues.id),
    /** Offline redemptions: seconds between the scan on the device and the server accepting it (null online). */
    redeemLagSeconds: integer('redeem_lag_seconds'),
    redeemedBy: integer('redeemed_by').references(() => users.id, { onDelete: 'set null' }),
    returnedAt: ts('returned_at'),
    /** claim | lottery | waitlist */
    source: text('source', { enum: ['claim', 'lottery', 'waitlist'] }).notNull().default('claim'),
    /** Lottery wins: confirm before this, else the voucher is returned ('unconfirmed') and goes to the waitlist. */
    confirmBy: ts('confirm_by'),
    confirmedAt: ts('confirmed_at'),
    returnReason: text('return_reason', { enum: ['cancelled', 'unconfirmed'] }),
    /** When the holder was told it expires within a day (expiry-reminders.ts); set once, with the message. */
    expiryRemindedAt: ts('expiry_reminded_at'),
  },
  (t) => [
    uniqueIndex('vouchers_idempotency_unique').on(t.userId, t.idempotencyKey),
    index('vouchers_user_idx').on(t.userId, t.claimedAt),
    // A campaign's vouchers by state; with valid_until, its unused ones already expired are a range of it (the
    // figures count those live: expiry needs the clock, the counters below cannot hold it).
    index('vouchers_campaign_idx').on(t.campaignId, t.state, t.validUntil),
    // 数据看板: a campaign's vouchers claimed within a range.
    index('vouchers_campaign_claimed_idx').on(t.campaignId, t.claimedAt),
    // The expiry reminder's search: only the unused vouchers not reminded yet, by end of validity.
    index('vouchers_expiry_remind_idx').on(t.validUntil).where(sql`${t.state} = 'unused' and ${t.expiryRemindedAt} is null`),
  ],
)

/**
 * A campaign's vouchers counted by state and redemption venue (0 = none), maintained by statement-level triggers on
 * `vouchers` (migration: voucher_counts_apply) in the same transaction as every write — the claim function, redeem,
 * return, lottery, waitlist, the shredder, bulk loads alike — so the campaign figures read a few rows instead of
 * counting the campaign's vouchers (issue 17). Spread over shards by the writing backend (pg_backend_pid() % 16):
 * concurrent claim batches on other connections do not queue on one counter row. Read: sum over shards.
 */
export const voucherCounts = pgTable(
  'voucher_counts',
  {
    campaignId: integer('campaign_id').notNull(),
    state: text('state', { enum: ['unused', 'used', 'returned'] }).notNull(),
    usedVenueId: integer('used_venue_id').notNull(),
    shard: integer('shard').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.state, t.usedVenueId, t.shard] })],
)

/**
 * Lottery entries: one per member per campaign (UNIQUE). The per-member quota is taken at entry (quota_scope)
 * and given back if the entry loses.
 */
export const voucherEntries = pgTable(
  'voucher_entries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => voucherCampaigns.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    quotaScope: text('quota_scope').notNull(),
    state: text('state', { enum: ['entered', 'won', 'lost'] }).notNull().default('entered'),
    /** Lost entries: place given on the waitlist at the draw (for the 未中签 notice). */
    waitlistPlace: integer('waitlist_place'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('voucher_entries_campaign_user_unique').on(t.campaignId, t.userId)],
)

/**
 * Waitlist (候补) in id order. At most one 'waiting' row per member and campaign (partial UNIQUE). A returned unit
 * is handed to the first waiting row taken with FOR UPDATE SKIP LOCKED, so concurrent returns serve distinct waiters.
 */
export const voucherWaitlist = pgTable(
  'voucher_waitlist',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => voucherCampaigns.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['waiting', 'granted', 'left', 'skipped'] }).notNull().default('waiting'),
    /** Put there by a lottery draw (not by the member). */
    fromDraw: boolean('from_draw').notNull().default(false),
    voucherId: integer('voucher_id').references(() => vouchers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    uniqueIndex('voucher_waitlist_waiting_unique').on(t.campaignId, t.userId).where(sql`state = 'waiting'`),
    index('voucher_waitlist_line_idx').on(t.campaignId, t.state, t.id),
    index('voucher_waitlist_user_idx').on(t.userId, t.campaignId),
  ],
)

/** Offline redemption queue: one row per (staff user, client scan id) holding the outcome sent back. */
export const voucherRedeemRequests = pgTable(
  'voucher_redeem_requests',
  {
    staffUserId: integer('staff_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull(),
    outcome: jsonb('outcome').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.staffUserId, t.clientId] })],
)

export type VoucherCampaignRow = typeof voucherCampaigns.$inferSelect
export type VoucherCampaignVenueRow = typeof voucherCampaignVenues.$inferSelect
export type VoucherRow = typeof vouchers.$inferSelect
export type VoucherEntryRow = typeof voucherEntries.$inferSelect
export type VoucherWaitlistRow = typeof voucherWaitlist.$inferSelect

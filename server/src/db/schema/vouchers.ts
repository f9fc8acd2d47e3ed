/** 福利券: campaigns, sharded stock, per-member quotas, vouchers. */
import { sql } from 'drizzle-orm'
import {
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

export type VoucherCampaignRow = typeof voucherCampaigns.$inferSelect
export type VoucherRow = typeof vouchers.$inferSelect

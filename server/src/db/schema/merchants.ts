/** 工会卡优惠商户. */
import { sql } from 'drizzle-orm'
import {
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
} from 'drizzle-orm/pg-core'
import { createdAt, ts } from './columns'
import { orgs } from './core'

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
  (t) => [
    index('merchants_active_idx').on(t.validTo, t.validFrom),
    index('merchants_org_idx').on(t.orgId),
    // The admin list: offers not taken down, latest end date first, keyset-paged on (valid_to DESC, id).
    index('merchants_manage_idx').on(t.validTo.desc(), t.id).where(sql`${t.takenDownAt} is null`),
  ],
)

export type MerchantRow = typeof merchants.$inferSelect

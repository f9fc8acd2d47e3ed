/**
 * The venue registry (场馆): places where members use what the union gives them (福利券 today). A venue belongs to
 * one union (its owning org); campaigns list registry venues (voucher_campaign_venues), and a venue_staff grant names
 * the venues it may act at (user_roles.bindings.venues = ids of this table, see auth/policy.ts).
 */
import { boolean, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt } from './columns'
import { orgs } from './core'

export const venues = pgTable(
  'venues',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The union that owns the venue: campaigns of this union, its subtree and its ancestors may list it. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    /** GCJ-02 (what WeChat's map and location APIs use). */
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    /** An inactive venue is offered for no new campaign and redeems nothing. */
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('venues_org_idx').on(t.orgId)],
)

export type VenueRow = typeof venues.$inferSelect

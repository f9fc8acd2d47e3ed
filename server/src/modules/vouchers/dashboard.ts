/**
 * 数据看板, the vouchers' part: per campaign of the subtree (running at some point of the range) the vouchers claimed
 * within the range — used, unused past validity, returned; per venue of those campaigns, the vouchers usable there
 * and how many were used there. One GROUP BY each (vouchers_campaign_claimed_idx, migration 0031).
 */
import { and, asc, eq, gte, isNull, lt, ne, or, sql } from 'drizzle-orm'
import type { VoucherFigures } from '@contract/dashboard/schemas'
import type { DbOrTx } from '../../db'
import { inOrgSubtree, type FigureWindow } from '../../db/org-scope'
import { venues } from '../../db/schema/venues'
import { voucherCampaignVenues, voucherCampaigns as c, vouchers as v } from '../../db/schema/vouchers'

const n = (x: unknown) => Number(x)

export async function voucherFigures(db: DbOrTx, w: FigureWindow): Promise<VoucherFigures> {
  const claimedInRange = and(eq(v.campaignId, c.id), gte(v.claimedAt, w.start), lt(v.claimedAt, w.end))
  const now = w.now.toISOString()
  const campaigns = await db
    .select({
      id: c.id,
      title: c.title,
      issued: sql<number>`count(${v.id})`,
      redeemed: sql<number>`count(*) filter (where ${v.state} = 'used')`,
      expired: sql<number>`count(*) filter (where ${v.state} = 'unused' and ${v.validUntil} < ${now}::timestamptz)`,
      returned: sql<number>`count(*) filter (where ${v.state} = 'returned')`,
    })
    .from(c)
    .leftJoin(v, claimedInRange)
    .where(and(inOrgSubtree(c.orgId, w.rootPath), lt(c.opensAt, w.end), gte(c.closesAt, w.start)))
    .groupBy(c.id, c.title)
    .orderBy(asc(c.opensAt), asc(c.id))
  const byVenue = await db
    .select({
      id: venues.id,
      name: venues.name,
      usable: sql<number>`count(*)`,
      redeemed: sql<number>`count(*) filter (where ${v.state} = 'used' and ${v.usedVenueId} = ${venues.id})`,
    })
    .from(voucherCampaignVenues)
    .innerJoin(venues, eq(venues.id, voucherCampaignVenues.venueId))
    .innerJoin(c, eq(c.id, voucherCampaignVenues.campaignId))
    .innerJoin(v, and(claimedInRange, ne(v.state, 'returned'), or(isNull(v.venueId), eq(v.venueId, venues.id))))
    .where(inOrgSubtree(c.orgId, w.rootPath))
    .groupBy(venues.id, venues.name)
    .orderBy(asc(venues.id))
  return {
    byCampaign: campaigns.map((r) => ({ id: r.id, title: r.title, issued: n(r.issued), redeemed: n(r.redeemed), expired: n(r.expired), returned: n(r.returned) })),
    byVenue: byVenue.map((r) => ({
      id: r.id,
      name: r.name,
      usable: n(r.usable),
      redeemed: n(r.redeemed),
      rate: n(r.usable) ? Math.round((n(r.redeemed) / n(r.usable)) * 10_000) / 10_000 : 0,
    })),
  }
}

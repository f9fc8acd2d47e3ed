/**
 * A campaign's live figures for its managers: stock left, claims by state, redemptions per venue (and each venue's
 * allotment when the stock is split), waitlist length and lottery entries. A lottery found due is settled first.
 */
import { and, count, eq, sql } from 'drizzle-orm'
import type { CampaignStats } from '@contract/vouchers/schemas'
import type { AppDeps } from '../../http/deps'
import { rowsOf } from '../../db'
import { voucherCampaigns, vouchers } from '../../db/schema/vouchers'
import type { AuthUser } from '../../auth/sessions'
import { managedCampaign } from './campaigns'
import { extrasOf, remainingOf, venueRemainingOf } from './reads'
import type { Settlement } from './settle'
import { campaignWithVenues } from './venues'

export class Stats {
  constructor(
    private readonly deps: AppDeps,
    private readonly settlement: Settlement,
  ) {}

  async stats(user: AuthUser, campaignId: number): Promise<CampaignStats> {
    const now = this.deps.now()
    const first = await managedCampaign(this.deps.db, user, campaignId)
    await this.settlement.settleIfDue([first.c], now)
    return this.deps.db.transaction(async (tx) => {
      const [c] = await tx.select(campaignWithVenues).from(voucherCampaigns).where(eq(voucherCampaigns.id, campaignId))
      const left = await remainingOf(tx, [campaignId])
      const [counts] = rowsOf<{ claims: number; unused: number; used: number; returned: number; expired: number }>(
        await tx.execute(sql`
          select count(*)::int as claims,
                 (count(*) filter (where state = 'unused' and valid_until > ${new Date(now)}))::int as unused,
                 (count(*) filter (where state = 'used'))::int as used,
                 (count(*) filter (where state = 'returned'))::int as returned,
                 (count(*) filter (where state = 'unused' and valid_until <= ${new Date(now)}))::int as expired
          from vouchers where campaign_id = ${campaignId}`),
      )
      const extra = (await extrasOf(tx, [campaignId])).get(campaignId)
      const venueLeft = c.stockByVenue ? (await venueRemainingOf(tx, [campaignId])).get(campaignId) : undefined
      const byVenue = await tx
        .select({ venueId: vouchers.usedVenueId, n: count() })
        .from(vouchers)
        .where(and(eq(vouchers.campaignId, campaignId), eq(vouchers.state, 'used')))
        .groupBy(vouchers.usedVenueId)
      return {
        campaignId,
        totalStock: c.totalStock,
        remaining: left.get(campaignId) ?? 0,
        claims: counts.claims,
        unused: counts.unused,
        redemptions: counts.used,
        returned: counts.returned,
        expired: counts.expired,
        serverTime: new Date(now).toISOString(),
        waitlist: extra?.waitlist ?? 0,
        entries: extra?.entries ?? 0,
        drawnAt: c.drawnAt ? c.drawnAt.toISOString() : null,
        perVenue: c.venues.map((v) => ({
          venueId: v.id,
          venueName: v.name,
          redemptions: Number(byVenue.find((b) => b.venueId === v.id)?.n ?? 0),
          stock: c.stockByVenue ? (v.stock ?? 0) : null,
          remaining: c.stockByVenue ? (venueLeft?.get(v.id) ?? 0) : null,
        })),
      }
    })
  }
}

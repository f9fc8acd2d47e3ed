/**
 * A campaign's live figures for its managers: stock left, claims by state, redemptions per venue (and each venue's
 * allotment when the stock is split), waitlist length and lottery entries. A lottery found due is settled first.
 */
import { eq, sql } from 'drizzle-orm'
import type { CampaignStats } from '@contract/vouchers/schemas'
import type { AppDeps } from '../../http/deps'
import { voucherCampaigns } from '../../db/schema/vouchers'
import type { AuthUser } from '../../auth/sessions'
import { managedCampaign } from './campaigns'
import type { Settlement } from './settle'
import { campaignWithVenues } from './venues'
import { prepared } from '../../db/prepared'

type Counts = { claims: number; unusedAll: number; used: number; returned: number; expired: number }
// Drizzle renders a single-table select's columns unqualified: the subqueries below name the campaign's id by hand.
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T

export class Stats {
  constructor(
    private readonly deps: AppDeps,
    private readonly settlement: Settlement,
  ) {}

  async stats(user: AuthUser, campaignId: number): Promise<CampaignStats> {
    const now = this.deps.now()
    const first = await managedCampaign(this.deps.db, user, campaignId)
    await this.settlement.settleIfDue([first.c], now)
    // One statement: the campaign and every figure of it as correlated subqueries (vouchers_campaign_idx serves the
    // counts), instead of a transaction of seven (BEGIN, campaign, stock left, counts by state, waitlist, entries,
    // stock per venue, redemptions per venue, COMMIT): each statement is a round trip, and the figures are read-only.
    // Prepared (db/prepared.ts): its plan (a subplan per figure) took PostgreSQL ~5 ms to make on every call, ten
    // times what running it takes; now once per connection.
    const [row] = await prepared(this.deps.db, 'vouchers_campaign_stats', (d, name) =>
      d
        .select({
          c: campaignWithVenues,
          left: sql<number>`(select coalesce(sum(s.remaining), 0)::int from voucher_stock s where s.campaign_id = "voucher_campaigns"."id")`.mapWith(Number),
          // Claims by state from the maintained counters (voucher_counts, kept by triggers on vouchers in every
          // writing transaction): a few rows, whatever the campaign's size. Expired is the one figure that needs the
          // clock: the unused vouchers past valid_until, counted live on vouchers_campaign_idx (campaign, state,
          // valid_until) — a range of the expired ones only.
          counts: sql<Counts>`(
            select json_build_object(
                     'claims', coalesce(sum(k.n), 0)::int,
                     'unusedAll', coalesce(sum(k.n) filter (where k.state = 'unused'), 0)::int,
                     'used', coalesce(sum(k.n) filter (where k.state = 'used'), 0)::int,
                     'returned', coalesce(sum(k.n) filter (where k.state = 'returned'), 0)::int,
                     'expired', (select count(*) from vouchers v
                                  where v.campaign_id = "voucher_campaigns"."id" and v.state = 'unused' and v.valid_until <= ${sql.placeholder('at')}::timestamptz)::int)
              from voucher_counts k where k.campaign_id = "voucher_campaigns"."id")`.mapWith(json<Counts>),
          waitlist: sql<number>`(select count(*)::int from voucher_waitlist w where w.campaign_id = "voucher_campaigns"."id" and w.state = 'waiting')`.mapWith(Number),
          entries: sql<number>`(select count(*)::int from voucher_entries e where e.campaign_id = "voucher_campaigns"."id")`.mapWith(Number),
          venueLeft: sql<Record<string, number> | null>`(
            select json_object_agg(x.venue_id, x.n) from (
              select s.venue_id, sum(s.remaining)::int as n from voucher_stock s
               where s.campaign_id = "voucher_campaigns"."id" and s.venue_id is not null group by s.venue_id) x)`.mapWith(json<Record<string, number> | null>),
          byVenue: sql<Record<string, number> | null>`(
            select json_object_agg(x.venue_id, x.n) from (
              select k.used_venue_id as venue_id, sum(k.n)::int as n from voucher_counts k
               where k.campaign_id = "voucher_campaigns"."id" and k.state = 'used' and k.used_venue_id <> 0 group by k.used_venue_id) x)`.mapWith(json<Record<string, number> | null>),
        })
        .from(voucherCampaigns)
        .where(eq(voucherCampaigns.id, sql.placeholder('id')))
        .prepare(name),
    ).execute({ id: campaignId, at: new Date(now).toISOString() })
    const { c, counts } = row
    const venueLeft = new Map(Object.entries(row.venueLeft ?? {}).map(([id, n]) => [Number(id), Number(n)]))
    const byVenue = new Map(Object.entries(row.byVenue ?? {}).map(([id, n]) => [Number(id), Number(n)]))
    {
      return {
        campaignId,
        totalStock: c.totalStock,
        remaining: row.left,
        claims: counts.claims,
        unused: counts.unusedAll - counts.expired,
        redemptions: counts.used,
        returned: counts.returned,
        expired: counts.expired,
        serverTime: new Date(now).toISOString(),
        waitlist: row.waitlist,
        entries: row.entries,
        drawnAt: c.drawnAt ? c.drawnAt.toISOString() : null,
        perVenue: c.venues.map((v) => ({
          venueId: v.id,
          venueName: v.name,
          redemptions: byVenue.get(v.id) ?? 0,
          stock: c.stockByVenue ? (v.stock ?? 0) : null,
          remaining: c.stockByVenue ? (venueLeft.get(v.id) ?? 0) : null,
        })),
      }
    }
  }
}

/**
 * 福利券 figures several use cases read alongside campaigns: stock left (in total and per venue), lottery entries
 * and waitlist lengths, and a member's place on a waitlist. Each takes many campaigns at once.
 */
import { and, count, desc, eq, inArray, isNotNull, sql, sum } from 'drizzle-orm'
import type { MyWaitlist } from '@contract/vouchers/schemas'
import type { DbOrTx } from '../../db'
import { voucherEntries, voucherStock, voucherWaitlist, type VoucherCampaignRow } from '../../db/schema/vouchers'
import type { Extras } from './views'

/** Units left per campaign (every stock row). */
export async function remainingOf(tx: DbOrTx, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map()
  const rows = await tx
    .select({ id: voucherStock.campaignId, left: sum(voucherStock.remaining).mapWith(Number) })
    .from(voucherStock)
    .where(inArray(voucherStock.campaignId, ids))
    .groupBy(voucherStock.campaignId)
  return new Map(rows.map((r) => [r.id, r.left]))
}

/** Stock split per venue: what is left per venue (campaign id → venue id → remaining); shared stock has no entry. */
export async function venueRemainingOf(tx: DbOrTx, ids: number[]): Promise<Map<number, Map<number, number>>> {
  const out = new Map<number, Map<number, number>>()
  if (ids.length === 0) return out
  const rows = await tx
    .select({ id: voucherStock.campaignId, venueId: voucherStock.venueId, left: sum(voucherStock.remaining).mapWith(Number) })
    .from(voucherStock)
    .where(and(inArray(voucherStock.campaignId, ids), isNotNull(voucherStock.venueId)))
    .groupBy(voucherStock.campaignId, voucherStock.venueId)
  for (const r of rows) {
    if (!out.has(r.id)) out.set(r.id, new Map())
    out.get(r.id)!.set(r.venueId!, r.left)
  }
  return out
}

/** Adds each split campaign's remaining per venue to its Extras. */
export async function addVenueLeft(tx: DbOrTx, extras: Map<number, Extras>, cs: VoucherCampaignRow[]): Promise<void> {
  const split = cs.filter((c) => c.stockByVenue).map((c) => c.id)
  if (split.length === 0) return
  const left = await venueRemainingOf(tx, split)
  for (const id of split) {
    const e = extras.get(id) ?? { entries: 0, waitlist: 0 }
    e.venueLeft = left.get(id) ?? new Map()
    extras.set(id, e)
  }
}

/** Lottery entry counts and waitlist lengths per campaign. */
export async function extrasOf(tx: DbOrTx, ids: number[]): Promise<Map<number, Extras>> {
  const out = new Map<number, Extras>(ids.map((id) => [id, { entries: 0, waitlist: 0 }]))
  if (ids.length === 0) return out
  const waiting = await tx
    .select({ id: voucherWaitlist.campaignId, n: count() })
    .from(voucherWaitlist)
    .where(and(inArray(voucherWaitlist.campaignId, ids), eq(voucherWaitlist.state, 'waiting')))
    .groupBy(voucherWaitlist.campaignId)
  const entered = await tx
    .select({ id: voucherEntries.campaignId, n: count() })
    .from(voucherEntries)
    .where(inArray(voucherEntries.campaignId, ids))
    .groupBy(voucherEntries.campaignId)
  for (const w of waiting) out.get(w.id)!.waitlist = Number(w.n)
  for (const e of entered) out.get(e.id)!.entries = Number(e.n)
  return out
}

/** The member's latest waitlist row per campaign, with the place in line (members still waiting ahead + 1). */
export async function waitlistOf(tx: DbOrTx, userId: number, ids: number[]): Promise<Map<number, MyWaitlist>> {
  const out = new Map<number, MyWaitlist>()
  if (ids.length === 0) return out
  const rows = await tx
    .select({
      w: voucherWaitlist,
      // Qualified by hand: drizzle renders a single-table select's columns unqualified, which the subquery would
      // resolve against x.
      position: sql<number>`(select count(*)::int from voucher_waitlist x
        where x.campaign_id = "voucher_waitlist"."campaign_id" and x.state = 'waiting' and x.id <= "voucher_waitlist"."id")`,
      length: sql<number>`(select count(*)::int from voucher_waitlist x
        where x.campaign_id = "voucher_waitlist"."campaign_id" and x.state = 'waiting')`,
    })
    .from(voucherWaitlist)
    .where(and(eq(voucherWaitlist.userId, userId), inArray(voucherWaitlist.campaignId, ids)))
    .orderBy(desc(voucherWaitlist.id))
  for (const r of rows) {
    if (out.has(r.w.campaignId)) continue
    out.set(r.w.campaignId, {
      campaignId: r.w.campaignId,
      state: r.w.state,
      position: r.w.state === 'waiting' ? Number(r.position) : null,
      length: Number(r.length),
      joinedAt: r.w.createdAt.toISOString(),
    })
  }
  return out
}

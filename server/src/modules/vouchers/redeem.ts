/**
 * 券核销 at a venue: staff with `vouchers.redeem` over the voucher's campaign union, at a registry venue of its
 * campaign — a venue_staff grant only at the venues it is bound to (refused before any code is looked at, so the
 * answer says nothing about the codes). Redemptions are audited. The phone's offline queue is redeem-batch.ts.
 */
import { and, eq, inArray } from 'drizzle-orm'
import type { Redemption, StaffVenue } from '@contract/vouchers/schemas'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { chinaTime } from '../../time'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx, Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { voucherCampaigns, vouchers, type VoucherRow } from '../../db/schema/vouchers'
import { venues as venueRegistry, type VenueRow as VenueRegistryRow } from '../../db/schema/venues'
import { audit } from '../../audit'
import { can } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { stateOf } from './common'
import { campaignWithVenues, redeemVenuesOf, redeemsAt, type CampaignRow } from './venues'
import { publicVenue } from './views'

/**
 * The registry venues of a redemption request, after the binding check: at a venue its role is not bound to, a
 * venue_staff member is refused (403) before any code is looked at.
 */
export async function redeemVenues(db: DbOrTx, user: AuthUser, ids: number[]): Promise<Map<number, VenueRegistryRow>> {
  if (ids.some((id) => !redeemsAt(user, id))) throw refuse(VoucherReasons.VENUE_NOT_BOUND)
  const rows = await db.select().from(venueRegistry).where(inArray(venueRegistry.id, [...new Set(ids)]))
  return new Map(rows.map((r) => [r.id, r]))
}

/** The voucher with this code, its campaign and the campaign's union, locked for the redemption. */
export async function voucherByCodeForUpdate(tx: Tx, code: string) {
  const [row] = await tx
    .select({ v: vouchers, c: campaignWithVenues, orgPath: orgs.path })
    .from(vouchers)
    .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
    .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
    .where(eq(vouchers.code, code))
    .for('update', { of: vouchers })
  return row
}

/** A voucher of a split campaign is for its own venue only. */
export function venueAllows(v: { venueId: number | null }, venue: { id: number }): boolean {
  return v.venueId === null || v.venueId === venue.id
}

/** WRONG_VENUE's parameters: a venue that is not one of its campaign's, or not its own venue when the stock is split. */
export function wrongVenue(c: CampaignRow, v: { venueId: number | null }) {
  const own = v.venueId ? c.venues.find((x) => x.id === v.venueId) : undefined
  return { title: c.title, own: own?.name ?? null, venues: c.venues.map((x) => x.name) }
}

/** VOUCHER_RETURNED's parameter: a lottery win that lapsed unconfirmed, or returned by its holder. */
export const returnedUnconfirmed = (v: VoucherRow): boolean => v.returnReason === 'unconfirmed' || (v.state === 'unused' && !!v.confirmBy)

export class Redeeming {
  constructor(private readonly deps: AppDeps) {}

  /** The registry venues where the caller may redeem (GET /api/vouchers/redeem/venues). */
  async myRedeemVenues(user: AuthUser): Promise<StaffVenue[]> {
    return redeemVenuesOf(this.deps.db, user)
  }

  async redeem(user: AuthUser, body: { code: string; venueId: number }): Promise<Redemption> {
    const now = this.deps.now()
    const code = body.code.trim().toUpperCase()
    const at = (await redeemVenues(this.deps.db, user, [body.venueId])).get(body.venueId)
    if (!at) throw refuse(VoucherReasons.VENUE_NOT_FOUND)
    if (!at.active) throw refuse(VoucherReasons.VENUE_INACTIVE, { name: at.name })
    return this.deps.db.transaction(async (tx) => {
      const row = await voucherByCodeForUpdate(tx, code)
      // The campaign's union must be in the staff member's, and (for venue staff) the venue one of theirs.
      if (!row || !can(user, 'vouchers.redeem', { orgPath: row.orgPath, venueId: at.id })) throw refuse(VoucherReasons.CODE_NOT_FOUND)
      const { v, c } = row
      const venue = c.venues.find((x) => x.id === at.id)
      const state = stateOf(v, now)
      if (state === 'used') {
        const where = c.venues.find((x) => x.id === v.usedVenueId)?.name ?? null
        throw refuse(VoucherReasons.ALREADY_REDEEMED, { usedAt: chinaTime(v.usedAt!.getTime()), where })
      }
      if (state === 'returned') throw refuse(VoucherReasons.VOUCHER_RETURNED, { unconfirmed: returnedUnconfirmed(v) })
      if (state === 'expired') throw refuse(VoucherReasons.VOUCHER_EXPIRED, { validUntil: chinaTime(v.validUntil.getTime()) })
      if (!venue || !venueAllows(v, venue)) throw refuse(VoucherReasons.WRONG_VENUE, wrongVenue(c, v))
      const [used] = await tx
        .update(vouchers)
        .set({
          state: 'used',
          usedAt: new Date(now),
          usedVenueId: venue.id,
          redeemedBy: user.userId,
          // Showing up with an unconfirmed lottery win is confirmation enough.
          confirmedAt: v.confirmedAt ?? (v.confirmBy ? new Date(now) : null),
        })
        .where(and(eq(vouchers.id, v.id), eq(vouchers.state, 'unused')))
        .returning()
      await audit(tx, {
        actorUserId: user.userId,
        action: 'vouchers.redeem',
        subjectType: 'voucher',
        subjectId: v.id,
        detail: { campaignId: c.id, venueId: venue.id },
      })
      return {
        voucherId: used.id,
        code: used.code,
        title: c.title,
        kind: c.kind,
        venue: publicVenue(venue),
        usedAt: new Date(now).toISOString(),
        lagSeconds: null,
      }
    })
  }
}

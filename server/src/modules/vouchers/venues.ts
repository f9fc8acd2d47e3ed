/**
 * The venue registry as vouchers use it: a campaign's venues (voucher_campaign_venues → venues, read in the same
 * statement as the campaign through `campaignWithVenues`), resolving a new campaign's venue list (existing registry
 * venues of a related union, or new ones added under the campaign's union), and the venues where staff may redeem.
 *
 * A venue is usable by a campaign when its owning union is the campaign's union, in its subtree or one of its
 * ancestors (a district cinema serves every union of the district; a sibling union's venue does not).
 */
import { and, asc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { StaffVenue } from '@contract/vouchers/schemas'
import type { CampaignVenueInput } from '@contract/vouchers/schemas'
import type { DbOrTx, Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { venues } from '../../db/schema/venues'
import { voucherCampaigns, type VenueRecord, type VoucherCampaignRow } from '../../db/schema/vouchers'
import { grantCovers, venuesFor, type Principal } from '../../auth/policy'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { refuse } from '../../errors'

/** A campaign row with its registry venues in the admin's order (allotments when the stock is split per venue). */
export type CampaignRow = VoucherCampaignRow & { venues: VenueRecord[] }

/**
 * The campaign's venues as one correlated subquery, so every read of a campaign gets them in the same round trip:
 * `select({ c: campaignWithVenues }).from(voucherCampaigns)…`.
 */
export const campaignVenuesJson = sql<VenueRecord[]>`(
  select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
           'id', v.id, 'name', v.name, 'address', v.address, 'lat', v.lat, 'lng', v.lng, 'stock', cv.stock))
         order by cv.position), '[]'::jsonb)
    from voucher_campaign_venues cv join venues v on v.id = cv.venue_id
   where cv.campaign_id = "voucher_campaigns"."id")`
const venuesOfCampaign = sql<VenueRecord[]>`${campaignVenuesJson}`.mapWith((v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as VenueRecord[])

export const campaignWithVenues = { ...getTableColumns(voucherCampaigns), venues: venuesOfCampaign }

/** Where venues are related to the union at `orgPath`: owned by it, by its subtree or by one of its ancestors. */
function relatedTo(orgPath: string): SQL {
  return or(sql`${orgs.path} like ${`${orgPath}%`}`, sql`${orgPath} like ${orgs.path} || '%'`)!
}

const staffVenueCols = {
  id: venues.id,
  name: venues.name,
  address: venues.address,
  lat: venues.lat,
  lng: venues.lng,
  orgId: venues.orgId,
  orgName: orgs.name,
}

/** Active registry venues a campaign of the union at `orgPath` may list (GET /api/vouchers/manage/venues). */
export async function venuesForCampaignOrg(db: DbOrTx, orgPath: string): Promise<StaffVenue[]> {
  return db
    .select(staffVenueCols)
    .from(venues)
    .innerJoin(orgs, eq(orgs.id, venues.orgId))
    .where(and(eq(venues.active, true), relatedTo(orgPath)))
    .orderBy(asc(orgs.path), asc(venues.id))
}

/**
 * A new campaign's venues as registry ids with their allotments: `venueId` entries must be active venues of a related
 * union; new ones are added under the campaign's union (or an active venue of that union with the same name and
 * address is reused). Errors are per field (`venues.<i>.venueId`).
 */
export async function resolveCampaignVenues(
  tx: Tx,
  org: { id: number; path: string },
  inputs: readonly CampaignVenueInput[],
): Promise<{ id: number; stock: number | null }[]> {
  const ids = inputs.map((v) => v.venueId).filter((id): id is number => id !== undefined)
  const usable =
    ids.length > 0
      ? new Set(
          (
            await tx
              .select({ id: venues.id })
              .from(venues)
              .innerJoin(orgs, eq(orgs.id, venues.orgId))
              .where(and(inArray(venues.id, ids), eq(venues.active, true), relatedTo(org.path)))
          ).map((r) => r.id),
        )
      : new Set<number>()
  // Every bad venue gets its message beside its field; the first one names the refusal.
  const problems: [field: string, reason: typeof VoucherReasons.VENUE_NOT_USABLE | typeof VoucherReasons.VENUE_DUPLICATE][] = []
  const out: { id: number; stock: number | null }[] = []
  for (const [i, v] of inputs.entries()) {
    let id = v.venueId
    if (id !== undefined) {
      if (!usable.has(id)) problems.push([`venues.${i}.venueId`, VoucherReasons.VENUE_NOT_USABLE])
    } else {
      const name = v.name!.trim()
      const address = v.address!.trim()
      const [same] = await tx
        .select({ id: venues.id })
        .from(venues)
        .where(and(eq(venues.orgId, org.id), eq(venues.name, name), eq(venues.address, address), eq(venues.active, true)))
        .orderBy(asc(venues.id))
        .limit(1)
      id = same?.id ?? (await tx.insert(venues).values({ orgId: org.id, name, address, lat: v.lat!, lng: v.lng! }).returning({ id: venues.id }))[0].id
    }
    if (id === undefined) continue
    if (out.some((x) => x.id === id)) problems.push([`venues.${i}.name`, VoucherReasons.VENUE_DUPLICATE])
    else out.push({ id, stock: v.stock ?? null })
  }
  if (problems.length > 0) {
    const fields = Object.fromEntries(problems.map(([field, reason]) => [field, reason.message()]))
    throw refuse(problems[0][1], undefined, fields)
  }
  return out
}

/**
 * May the caller redeem at this venue at all? A venue-bound role (venue_staff) only at the venues its grant names; a
 * role without venue binding (admin) at any venue — the campaign's union is checked with the voucher.
 */
export function redeemsAt(user: Principal, venueId: number): boolean {
  return user.grants.some((g) => grantCovers(g, 'vouchers.redeem', { orgPath: g.orgPath, venueId }))
}

/** The venues where the caller may redeem: bound venues of venue-bound grants, every active venue under other grants. */
export async function redeemVenuesOf(db: DbOrTx, user: Principal): Promise<StaffVenue[]> {
  const ids = new Set<number>()
  const roots: string[] = []
  for (const g of user.grants) {
    const one = venuesFor({ userId: user.userId, grants: [g] }, 'vouchers.redeem', g.orgPath)
    if (one === 'any') roots.push(g.orgPath)
    else one.forEach((id) => ids.add(id))
  }
  const conds: SQL[] = roots.map((r) => sql`${orgs.path} like ${`${r}%`}`)
  if (ids.size > 0) conds.push(inArray(venues.id, [...ids]))
  if (conds.length === 0) return []
  return db
    .select(staffVenueCols)
    .from(venues)
    .innerJoin(orgs, eq(orgs.id, venues.orgId))
    .where(and(eq(venues.active, true), or(...conds)))
    .orderBy(asc(venues.id))
}

/**
 * Registry venues among `ids` (id and name, in id order); with `relatedToPath`, only active venues related to that
 * union (its own, its subtree's, its ancestors') — what a venue_staff grant at that union may be bound to.
 */
export async function registryVenues(db: DbOrTx, ids: readonly number[], relatedToPath?: string): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return []
  return db
    .select({ id: venues.id, name: venues.name })
    .from(venues)
    .innerJoin(orgs, eq(orgs.id, venues.orgId))
    .where(and(inArray(venues.id, [...ids]), relatedToPath === undefined ? undefined : and(eq(venues.active, true), relatedTo(relatedToPath))))
    .orderBy(asc(venues.id))
}

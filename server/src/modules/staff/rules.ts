/**
 * The rules every grant and revocation follows (design-roles.md), asked of the one policy (`grantVerdict`): nobody
 * grants or revokes outside their subtree; an admin role only from strictly above. And what a grant binds: a
 * venue_staff grant names at least one active registry venue related to its union; other roles name none.
 */
import { eq } from 'drizzle-orm'
import type { GrantBindings } from '../../auth/policy'
import { grantVerdict, type Principal } from '../../auth/policy'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { refuse, refuseAt } from '../../errors'
import { StaffReasons } from '@contract/staff/reasons'
import type { StaffRole } from '@contract/staff/labels'
import { registryVenues } from '../vouchers'
import { stationsUnder } from '../stations'

export interface OrgRef {
  id: number
  name: string
  path: string
  closedAt: Date | null
}

export async function orgOf(db: DbOrTx, orgId: number): Promise<OrgRef> {
  const [org] = await db.select({ id: orgs.id, name: orgs.name, path: orgs.path, closedAt: orgs.closedAt }).from(orgs).where(eq(orgs.id, orgId))
  if (!org) throw refuseAt('orgId', StaffReasons.STAFF_ORG_UNKNOWN)
  return { id: org.id, name: org.name, path: org.path, closedAt: org.closedAt }
}

/** Refuses unless `principal` may grant (or revoke) `role` at the org at `orgPath`. */
export function assertMayGrant(principal: Principal, role: StaffRole, orgPath: string): void {
  const verdict = grantVerdict(principal, role, orgPath)
  if (verdict === 'outside') throw refuse(StaffReasons.STAFF_OUTSIDE_SUBTREE)
  if (verdict === 'admin_not_below') throw refuse(StaffReasons.STAFF_ADMIN_NOT_BELOW)
}

/** The bindings of a new grant of `role` at `org`, from the venue (or station) ids the admin chose. */
export async function bindingsFor(
  db: DbOrTx,
  role: StaffRole,
  org: OrgRef,
  venueIds: readonly number[],
  stationIds: readonly number[] = [],
): Promise<GrantBindings> {
  const stationSet = [...new Set(stationIds)]
  if (role === 'station_keeper') {
    if (venueIds.length > 0) throw refuseAt('venueIds', StaffReasons.STAFF_VENUES_NOT_ALLOWED)
    if (stationSet.length === 0) throw refuseAt('stationIds', StaffReasons.STAFF_STATIONS_REQUIRED)
    const found = await stationsUnder(db, stationSet, org.path)
    if (found.length !== stationSet.length) throw refuseAt('stationIds', StaffReasons.STAFF_STATION_UNKNOWN)
    return { stations: found }
  }
  if (stationSet.length > 0) throw refuseAt('stationIds', StaffReasons.STAFF_STATIONS_NOT_ALLOWED)
  const ids = [...new Set(venueIds)]
  if (role !== 'venue_staff') {
    if (ids.length > 0) throw refuseAt('venueIds', StaffReasons.STAFF_VENUES_NOT_ALLOWED)
    return {}
  }
  if (ids.length === 0) throw refuseAt('venueIds', StaffReasons.STAFF_VENUES_REQUIRED)
  const found = await registryVenues(db, ids, org.path)
  if (found.length !== ids.length) throw refuseAt('venueIds', StaffReasons.STAFF_VENUE_UNKNOWN)
  return { venues: found.map((v) => v.id) }
}

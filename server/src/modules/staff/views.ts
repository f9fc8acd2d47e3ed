/** Invitations as the contract shows them: union name, venue and station names, who invited. */
import { eq } from 'drizzle-orm'
import type { Invitation } from '@contract/staff/schemas'
import { BOOTSTRAP_INVITER, STAFF_ROLE_LABELS } from '@contract/staff/labels'
import type { DbOrTx } from '../../db'
import { orgs, users } from '../../db/schema/core'
import { staffInvitations, type StaffInvitationRow } from '../../db/schema/staff'
import { registryVenues } from '../vouchers'
import { stationNames } from '../stations'

/** An invitation row with its union's name and path and its inviter's nickname. */
export type InvitationRecord = StaffInvitationRow & { orgName: string; orgPath: string; orgClosedAt: Date | null; inviter: string | null }

export const invitationColumns = { i: staffInvitations, orgName: orgs.name, orgPath: orgs.path, orgClosedAt: orgs.closedAt, inviter: users.nickname }

/** `select(invitationColumns)` from this: the invitation, its union and its inviter. */
export function invitationQuery(db: DbOrTx) {
  return db
    .select(invitationColumns)
    .from(staffInvitations)
    .innerJoin(orgs, eq(orgs.id, staffInvitations.orgId))
    .leftJoin(users, eq(users.id, staffInvitations.createdBy))
}

export function recordOf(row: { i: StaffInvitationRow; orgName: string; orgPath: string; orgClosedAt: Date | null; inviter: string | null }): InvitationRecord {
  return { ...row.i, orgName: row.orgName, orgPath: row.orgPath, orgClosedAt: row.orgClosedAt, inviter: row.inviter }
}

export const inviterName = (r: InvitationRecord) => (r.kind === 'bootstrap' ? BOOTSTRAP_INVITER : r.inviter || '工会管理员')

/** Venue names of every binding in `records`, by id. */
export async function venueNames(db: DbOrTx, venueIdLists: readonly (readonly number[] | undefined)[]): Promise<Map<number, string>> {
  const ids = [...new Set(venueIdLists.flatMap((l) => l ?? []))]
  return new Map((await registryVenues(db, ids)).map((v) => [v.id, v.name]))
}

export const venueRefs = (ids: readonly number[] | undefined, names: Map<number, string>) =>
  (ids ?? []).map((id) => ({ id, name: names.get(id) ?? `场馆 ${id}` }))

/** Station names of every binding in a page of grants or invitations, by id (one query). */
export async function stationNamesOf(db: DbOrTx, stationIdLists: readonly (readonly number[] | undefined)[]): Promise<Map<number, string>> {
  return stationNames(db, stationIdLists.flatMap((l) => l ?? []))
}

export const stationRefsOf = (ids: readonly number[] | undefined, names: Map<number, string>) =>
  (ids ?? []).map((id) => ({ id, name: names.get(id) ?? `驿站 ${id}` }))

/** The stations a grant binds, named (a station gone since shows its number). */
export async function stationRefs(db: DbOrTx, ids: readonly number[] | undefined): Promise<{ id: number; name: string }[]> {
  return stationRefsOf(ids, await stationNames(db, ids ?? []))
}

/** The venue and station names an invitation or a grant shows, by id. */
export interface BindingNames {
  venues: Map<number, string>
  stations: Map<number, string>
}

/** Both kinds of binding names of a page of rows. */
export async function bindingNames(db: DbOrTx, bindings: readonly { venues?: readonly number[]; stations?: readonly number[] }[]): Promise<BindingNames> {
  return {
    venues: await venueNames(db, bindings.map((b) => b.venues)),
    stations: await stationNamesOf(db, bindings.map((b) => b.stations)),
  }
}

export function toInvitation(r: InvitationRecord, names: BindingNames): Invitation {
  return {
    id: r.id,
    role: r.role,
    roleLabel: STAFF_ROLE_LABELS[r.role],
    orgId: r.orgId,
    orgName: r.orgName,
    venues: venueRefs(r.bindings.venues, names.venues),
    stations: stationRefsOf(r.bindings.stations, names.stations),
    note: r.note,
    invitedBy: inviterName(r),
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }
}

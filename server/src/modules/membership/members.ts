/**
 * Who is a member, of which union: the one place other modules learn it (through membership's index.ts), instead
 * of each reading the memberships table with its own query.
 */
import { and, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { EmploymentType } from '@contract/membership/labels'
import type { DbOrTx } from '../../db'
import { sessionColumns, type SessionRead } from '../../auth/sessions'
import { prepared } from '../../db/prepared'
import { orgs } from '../../db/schema/core'
import { membershipApplications, memberships, rosterEntries } from '../../db/schema/membership'

export interface Member {
  userId: number
  memberId: number
  memberNo: string
  /** Real name as on the ID card (show masked to anyone but the member and the union's staff). */
  name: string
  orgId: number
  orgPath: string
  orgName: string
  employmentType: EmploymentType
  joinedAt: Date
}

const columns = {
  userId: memberships.userId,
  memberId: memberships.id,
  memberNo: memberships.memberNo,
  name: memberships.name,
  orgId: memberships.orgId,
  orgPath: orgs.path,
  orgName: orgs.name,
  employmentType: memberships.employmentType,
  joinedAt: memberships.joinedAt,
}

/** The user's membership, or null for a non-member. */
export async function memberOf(db: DbOrTx, userId: number): Promise<Member | null> {
  // Prepared (db/prepared.ts): asked on many requests (the card, a campaign's page, every membership check).
  const [m] = await prepared(db, 'membership_member_of', (d, name) =>
    d.select(columns).from(memberships).innerJoin(orgs, eq(orgs.id, memberships.orgId)).where(eq(memberships.userId, sql.placeholder('userId'))).prepare(name),
  ).execute({ userId })
  return (m as Member | undefined) ?? null
}

/**
 * `memberOf` the session's user, in the session's statement (one round trip: the card). `member.memberId` is null for
 * a non-member (left join): read it through `memberFromRead`.
 */
export const memberWithSession: SessionRead<{ member: { [K in keyof Member]: Member[K] | null } }> = {
  name: 'membership_member_with_session',
  build: (d, s, name) =>
    d
      .with(s)
      .select({ auth: sessionColumns(s), member: columns })
      .from(s)
      .leftJoin(memberships, eq(memberships.userId, s.userId))
      .leftJoin(orgs, eq(orgs.id, memberships.orgId))
      .prepare(name),
}

export function memberFromRead(row: { member: { [K in keyof Member]: Member[K] | null } | null } | undefined): Member | null {
  return row?.member && row.member.memberId !== null ? (row.member as Member) : null
}

/** Memberships of many users at once (rosters, draw records, 公示 lists), by user id; non-members are absent. */
export async function membersOf(db: DbOrTx, userIds: readonly number[]): Promise<Map<number, Member>> {
  const ids = [...new Set(userIds)]
  if (ids.length === 0) return new Map()
  const rows = await db.select(columns).from(memberships).innerJoin(orgs, eq(orgs.id, memberships.orgId)).where(inArray(memberships.userId, ids))
  return new Map(rows.map((m) => [m.userId, m as Member]))
}

/** A member by member number (a staff lookup), or null. */
export async function memberByNo(db: DbOrTx, memberNo: string): Promise<Member | null> {
  const [m] = await db.select(columns).from(memberships).innerJoin(orgs, eq(orgs.id, memberships.orgId)).where(eq(memberships.memberNo, memberNo))
  return (m as Member | undefined) ?? null
}

/** What still lives at each union: its members, its unclaimed roster entries and its 入会申请 under review. */
export interface UnionOccupancy {
  members: number
  roster: number
  pending: number
}

/** Occupancy of each of `orgIds` (zeros for an empty union): closing a union waits until it is empty. */
export async function unionOccupancy(db: DbOrTx, orgIds: readonly number[]): Promise<Map<number, UnionOccupancy>> {
  const out = new Map<number, UnionOccupancy>(orgIds.map((id) => [id, { members: 0, roster: 0, pending: 0 }]))
  if (orgIds.length === 0) return out
  const ids = [...orgIds]
  const tally = async (key: keyof UnionOccupancy, rows: Promise<{ orgId: number; n: number }[]>) => {
    for (const r of await rows) out.get(r.orgId)![key] = r.n
  }
  await tally('members', db.select({ orgId: memberships.orgId, n: count() }).from(memberships).where(inArray(memberships.orgId, ids)).groupBy(memberships.orgId))
  await tally(
    'roster',
    db.select({ orgId: rosterEntries.orgId, n: count() }).from(rosterEntries).where(and(inArray(rosterEntries.orgId, ids), isNull(rosterEntries.claimedBy))).groupBy(rosterEntries.orgId),
  )
  await tally(
    'pending',
    db
      .select({ orgId: membershipApplications.orgId, n: count() })
      .from(membershipApplications)
      .where(and(inArray(membershipApplications.orgId, ids), eq(membershipApplications.status, 'submitted')))
      .groupBy(membershipApplications.orgId),
  )
  return out
}

/**
 * The members of the union at `orgPath` and of every union below it (of these employment types, when given), as a
 * subquery of one column, `user_id` (one row per member), for a bulk statement of another module to select from —
 * e.g. an announcement's batch, `insert … select m.user_id from (<this>) m where m.user_id > cursor order by
 * m.user_id limit n`.
 */
export function subtreeMemberIds(orgPath: string, employmentTypes?: readonly string[] | null): SQL {
  const types = employmentTypes
    ? sql` and ${memberships.employmentType} in (${sql.join(employmentTypes.length ? employmentTypes.map((t) => sql`${t}`) : [sql`null`], sql`, `)})`
    : sql``
  return sql`select ${memberships.userId} as user_id from ${memberships} join ${orgs} on ${orgs.id} = ${memberships.orgId}
    where ${orgs.path} like ${`${orgPath}%`}${types}`
}

/**
 * 退会 (issue 19): a member asks to leave (optional reason); the union's reviewers confirm (membership.review over the
 * member's union) or it completes by itself DEPARTURE_AUTO_WORKING_DAYS working days later (privacy's job calls
 * `completeDueDepartures`). On completion the membership row and the member grant are deleted in one transaction —
 * the card check answers 无效 from that moment — and the departure row keeps the union's record of the former
 * membership (anonymised after the retention period). The member is told when it takes effect (a message, and a
 * WeChat notice with the 会籍变更结果 template), in the same transaction — not on 注销账号, which erases the person.
 */
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import { DEPARTURE_AUTO_WORKING_DAYS, ERASED_NAME } from '@contract/privacy/labels'
import { PrivacyReasons } from '@contract/privacy/reasons'
import type { DepartureView, StaffDeparture } from '@contract/privacy/schemas'
import { MembershipReasons } from '@contract/membership/reasons'
import type { DbOrTx, Tx } from '../../db'
import { orgs, userRoles } from '../../db/schema/core'
import { membershipDepartures, memberships, type MembershipDepartureRow } from '../../db/schema/membership'
import type { AppDeps } from '../../http/deps'
import type { AuthUser } from '../../auth/sessions'
import { authorize, scopesFor } from '../../auth/policy'
import { audit } from '../../audit'
import { refuse } from '../../errors'
import { addWorkingDays } from '../calendar'
import { notify } from '../notifications'
import { pages } from '@contract/pages'

export const toDepartureView = (d: MembershipDepartureRow): DepartureView => ({
  id: d.id,
  status: d.status,
  reason: d.reason,
  requestedAt: d.requestedAt.toISOString(),
  dueAt: d.dueAt.toISOString(),
  leftAt: d.leftAt?.toISOString() ?? null,
})

/** The member's latest departure (open or done), or null. */
export async function departureOf(db: DbOrTx, userId: number): Promise<MembershipDepartureRow | null> {
  const [d] = await db
    .select()
    .from(membershipDepartures)
    .where(eq(membershipDepartures.userId, userId))
    .orderBy(desc(membershipDepartures.id))
    .limit(1)
  return d ?? null
}

/**
 * Ends a membership now, in the caller's transaction: the membership row (with its ID hash) and the member grant go;
 * the open departure (if any) becomes `left`, else a `left` row is written. `anonymous`: 注销账号 — the record keeps
 * no name and no user.
 */
export async function endMembership(tx: Tx, userId: number, now: Date, opts: { decidedBy?: number | null; anonymous?: boolean } = {}): Promise<boolean> {
  const [m] = await tx.select().from(memberships).where(eq(memberships.userId, userId)).for('update')
  const [open] = await tx
    .select()
    .from(membershipDepartures)
    .where(and(eq(membershipDepartures.userId, userId), eq(membershipDepartures.status, 'requested')))
    .for('update')
  if (m) {
    await tx.delete(memberships).where(eq(memberships.id, m.id))
    await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'member')))
  }
  const identity = opts.anonymous ? { name: ERASED_NAME, userId: null, anonymisedAt: now } : {}
  let departureId: number | null = null
  if (open) {
    await tx
      .update(membershipDepartures)
      .set({ status: m ? 'left' : 'withdrawn', leftAt: m ? now : null, decidedBy: opts.decidedBy ?? null, ...identity })
      .where(eq(membershipDepartures.id, open.id))
    departureId = open.id
  } else if (m) {
    const [row] = await tx.insert(membershipDepartures).values({
      userId,
      membershipId: m.id,
      memberNo: m.memberNo,
      name: m.name,
      orgId: m.orgId,
      employmentType: m.employmentType,
      joinedAt: m.joinedAt,
      reason: opts.anonymous ? '注销账号' : null,
      status: 'left',
      requestedAt: now,
      dueAt: now,
      leftAt: now,
      decidedBy: opts.decidedBy ?? null,
      ...identity,
    }).returning({ id: membershipDepartures.id })
    departureId = row.id
  }
  if (m && !opts.anonymous) {
    await notify(tx, {
      userId,
      kind: 'membership.departed',
      title: '退会已生效',
      body: opts.decidedBy
        ? `您所在工会已确认您的退会申请，会员编号 ${m.memberNo} 的电子会员卡已失效。如需再次入会可随时申请。`
        : `您的退会申请已到期自动生效，会员编号 ${m.memberNo} 的电子会员卡已失效。如需再次入会可随时申请。`,
      link: pages.account.security.path,
      eventKey: `membership.departure:${departureId ?? m.id}`,
    })
  }
  return !!m
}

export function departures(deps: AppDeps) {
  const { db } = deps
  return {
    async request(user: AuthUser, reason: string | undefined): Promise<DepartureView> {
      const now = new Date(deps.now())
      return db.transaction(async (tx) => {
        const [m] = await tx.select().from(memberships).where(eq(memberships.userId, user.userId)).for('update')
        if (!m) throw refuse(MembershipReasons.NOT_MEMBER)
        const open = await departureOf(tx, user.userId)
        if (open?.status === 'requested') throw refuse(PrivacyReasons.DEPARTURE_PENDING)
        const [d] = await tx
          .insert(membershipDepartures)
          .values({
            userId: user.userId,
            membershipId: m.id,
            memberNo: m.memberNo,
            name: m.name,
            orgId: m.orgId,
            employmentType: m.employmentType,
            joinedAt: m.joinedAt,
            reason: reason?.trim() || null,
            status: 'requested',
            requestedAt: now,
            dueAt: addWorkingDays(now, DEPARTURE_AUTO_WORKING_DAYS),
          })
          .returning()
        await audit(tx, { actorUserId: user.userId, action: 'membership.departure.request', subjectType: 'membership_departure', subjectId: d.id })
        return toDepartureView(d)
      })
    },

    async withdraw(user: AuthUser): Promise<DepartureView> {
      return db.transaction(async (tx) => {
        const d = await departureOf(tx, user.userId)
        if (!d) throw refuse(PrivacyReasons.DEPARTURE_NOT_FOUND)
        if (d.status !== 'requested') throw refuse(PrivacyReasons.DEPARTURE_DECIDED)
        const [w] = await tx.update(membershipDepartures).set({ status: 'withdrawn' }).where(eq(membershipDepartures.id, d.id)).returning()
        await audit(tx, { actorUserId: user.userId, action: 'membership.departure.withdraw', subjectType: 'membership_departure', subjectId: d.id })
        return toDepartureView(w)
      })
    },

    /** Open departures in the caller's unions (membership.review), oldest first. */
    async list(user: AuthUser): Promise<{ items: StaffDeparture[] }> {
      const roots = scopesFor(user, 'membership.review')
      if (roots.length === 0) return { items: [] }
      const rows = await db
        .select({ d: membershipDepartures, orgName: orgs.name })
        .from(membershipDepartures)
        .innerJoin(orgs, eq(orgs.id, membershipDepartures.orgId))
        .where(and(eq(membershipDepartures.status, 'requested'), sql`(${sql.join(roots.map((r) => sql`${orgs.path} like ${r + '%'}`), sql` or `)})`))
        .orderBy(membershipDepartures.requestedAt)
        .limit(200)
      return { items: rows.map((r) => toStaff(r.d, r.orgName)) }
    },

    async confirm(user: AuthUser, id: number): Promise<StaffDeparture> {
      const now = new Date(deps.now())
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ d: membershipDepartures, orgName: orgs.name, path: orgs.path })
          .from(membershipDepartures)
          .innerJoin(orgs, eq(orgs.id, membershipDepartures.orgId))
          .where(eq(membershipDepartures.id, id))
        if (!row) throw refuse(PrivacyReasons.DEPARTURE_NOT_FOUND)
        authorize(user, 'membership.review', row.path)
        if (row.d.status !== 'requested' || !row.d.userId) throw refuse(PrivacyReasons.DEPARTURE_DECIDED)
        await endMembership(tx, row.d.userId, now, { decidedBy: user.userId })
        await audit(tx, { actorUserId: user.userId, action: 'membership.departure.confirm', subjectType: 'membership_departure', subjectId: id })
        const [d] = await tx.select().from(membershipDepartures).where(eq(membershipDepartures.id, id))
        return toStaff(d, row.orgName)
      })
    },
  }
}

const toStaff = (d: MembershipDepartureRow, orgName: string): StaffDeparture => ({ ...toDepartureView(d), name: d.name, memberNo: d.memberNo, orgName })


/** Departures nobody confirmed within the working days: completed (privacy's job), each in its own transaction. */
export async function completeDueDepartures(deps: AppDeps): Promise<number> {
  const now = new Date(deps.now())
  let done = 0
  for (;;) {
    const finished = await deps.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: membershipDepartures.id, userId: membershipDepartures.userId })
        .from(membershipDepartures)
        .where(and(eq(membershipDepartures.status, 'requested'), lte(membershipDepartures.dueAt, now)))
        .limit(50)
        .for('update', { skipLocked: true })
      for (const d of due) {
        if (!d.userId) continue
        await endMembership(tx, d.userId, now)
        await audit(tx, { actorUserId: null, action: 'membership.departure.complete', subjectType: 'membership_departure', subjectId: d.id })
      }
      return due.length
    })
    done += finished
    if (finished < 50) return done
  }
}

/** Retention: former members' records older than `cutoff` lose their name and user. */
export async function anonymiseDepartures(tx: Tx, cutoff: Date, now: Date): Promise<number> {
  const rows = await tx
    .update(membershipDepartures)
    .set({ name: ERASED_NAME, userId: null, reason: null, anonymisedAt: now })
    .where(and(inArray(membershipDepartures.status, ['left', 'withdrawn']), lte(sql`coalesce(${membershipDepartures.leftAt}, ${membershipDepartures.requestedAt})`, cutoff), sql`${membershipDepartures.anonymisedAt} is null`))
    .returning({ id: membershipDepartures.id })
  return rows.length
}

/**
 * Membership's part of 注销账号 / 下载我的数据 / retention (issue 19; see server/src/personal-data.ts).
 * Erase: the membership ends (its row with the ID-number ciphertext and the uniqueness hash is deleted; the union's
 * record of it keeps no name), every joining application (ID number, phone, hash, timeline) and the join draft are
 * deleted, the roster entry the person claimed (ID number, phone) is deleted, the per-day attempt counters go.
 */
import { and, eq, lte, sql } from 'drizzle-orm'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import { maskIdNumber, maskPhone } from '@contract/membership/idcard'
import { DEPARTURE_STATUS_LABELS, ERASED_NAME } from '@contract/privacy/labels'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import {
  applicationEvents,
  joinDrafts,
  membershipApplications,
  membershipDepartures,
  membershipIdConflicts,
  memberships,
  rosterClaimAttempts,
  rosterEntries,
} from '../../db/schema/membership'
import { iso, type CopyContext, type DataSheet, type PersonalData } from '../../personal-data'
import { anonymiseDepartures, endMembership } from './departures'

const safe = (f: () => string): string => {
  try {
    return f()
  } catch {
    return '（无法解密）'
  }
}

export const membershipPersonalData: PersonalData = {
  async erase(tx, ctx) {
    const ended = await endMembership(tx, ctx.userId, ctx.now, { anonymous: true })
    // Earlier departures of the person (their own record of leaving): anonymised now.
    await tx
      .update(membershipDepartures)
      .set({ name: ERASED_NAME, userId: null, reason: null, anonymisedAt: ctx.now })
      .where(eq(membershipDepartures.userId, ctx.userId))
    const apps = await tx.delete(membershipApplications).where(eq(membershipApplications.userId, ctx.userId)).returning({ id: membershipApplications.id })
    const drafts = await tx.delete(joinDrafts).where(eq(joinDrafts.userId, ctx.userId)).returning({ u: joinDrafts.userId })
    const roster = await tx.delete(rosterEntries).where(eq(rosterEntries.claimedBy, ctx.userId)).returning({ id: rosterEntries.id })
    await tx.delete(membershipIdConflicts).where(eq(membershipIdConflicts.userId, ctx.userId))
    await tx.delete(rosterClaimAttempts).where(eq(rosterClaimAttempts.userId, ctx.userId))
    return { membershipEnded: ended ? 1 : 0, applications: apps.length, drafts: drafts.length, rosterEntries: roster.length }
  },

  async copy(db, ctx: CopyContext): Promise<DataSheet[]> {
    const { cipher } = ctx
    const ms = await db
      .select({ m: memberships, orgName: orgs.name })
      .from(memberships)
      .innerJoin(orgs, eq(orgs.id, memberships.orgId))
      .where(eq(memberships.userId, ctx.userId))
    const apps = await db
      .select({ a: membershipApplications, orgName: orgs.name })
      .from(membershipApplications)
      .innerJoin(orgs, eq(orgs.id, membershipApplications.orgId))
      .where(eq(membershipApplications.userId, ctx.userId))
      .orderBy(membershipApplications.id)
    const timeline = apps.length
      ? await db
          .select()
          .from(applicationEvents)
          .where(sql`${applicationEvents.applicationId} in (${sql.join(apps.map((a) => sql`${a.a.id}`), sql`, `)})`)
          .orderBy(applicationEvents.at)
      : []
    const deps = await db.select().from(membershipDepartures).where(eq(membershipDepartures.userId, ctx.userId))
    const [draft] = await db.select().from(joinDrafts).where(eq(joinDrafts.userId, ctx.userId))
    return [
      {
        title: '会籍',
        rows: ms.map(({ m, orgName }) => ({
          姓名: m.name,
          会员编号: m.memberNo,
          身份证号: safe(() => maskIdNumber(cipher.decrypt(m.idNumberEnc))),
          所属工会: orgName,
          就业形态: EMPLOYMENT_TYPES[m.employmentType],
          入会时间: iso(m.joinedAt),
        })),
      },
      {
        title: '入会申请',
        rows: apps.map(({ a, orgName }) => ({
          申请编号: a.id,
          姓名: a.name,
          身份证号: safe(() => maskIdNumber(cipher.decrypt(a.idNumberEnc))),
          手机号: safe(() => maskPhone(cipher.decrypt(a.phoneEnc))),
          出生日期: a.birthDate,
          性别: a.gender === 'male' ? '男' : '女',
          工作单位: a.employer,
          就业形态: EMPLOYMENT_TYPES[a.employmentType],
          申请工会: orgName,
          状态: a.status,
          未通过原因: a.rejectReason,
          提交时间: iso(a.submittedAt),
          审核时间: iso(a.decidedAt),
        })),
      },
      {
        title: '入会申请进度',
        rows: timeline.map((e) => ({ 申请编号: e.applicationId, 环节: e.kind, 说明: e.note, 时间: iso(e.at) })),
      },
      {
        title: '退会',
        rows: deps.map((d) => ({ 会员编号: d.memberNo, 状态: DEPARTURE_STATUS_LABELS[d.status], 原因: d.reason, 申请时间: iso(d.requestedAt), 生效时间: iso(d.leftAt) })),
      },
      {
        title: '入会草稿',
        rows: draft ? [{ 最后保存: iso(draft.updatedAt), 内容: JSON.stringify(draft.data) }] : [],
      },
    ]
  },
}

/** Retention executors of membership's rules (contract/privacy/labels.ts). */
export const membershipRetention = {
  /** join_drafts: drafts last saved before the cutoff. */
  async joinDrafts(tx: Tx, cutoff: Date): Promise<number> {
    return (await tx.delete(joinDrafts).where(lte(joinDrafts.updatedAt, cutoff)).returning({ u: joinDrafts.userId })).length
  },
  /** rejected_join_applications: rejected before the cutoff (ID number, phone and hash with them; timeline cascades). */
  async rejectedApplications(tx: Tx, cutoff: Date): Promise<number> {
    const rows = await tx
      .delete(membershipApplications)
      .where(and(eq(membershipApplications.status, 'rejected'), lte(membershipApplications.decidedAt, cutoff)))
      .returning({ id: membershipApplications.id })
    return rows.length
  },
  /** departed_members: former members' records, left before the cutoff, anonymised. */
  departedMembers: anonymiseDepartures,
}

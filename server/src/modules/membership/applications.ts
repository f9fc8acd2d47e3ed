/** 入会申请 in 我的申请: the joining applications of one user, in the shape every capability gives that list. */
import { asc, eq, sql } from 'drizzle-orm'
import type { MyApplicationItem } from '@contract/applications/schemas'
import type { DbOrTx } from '../../db'
import { prepared } from '../../db/prepared'
import { orgs } from '../../db/schema/core'
import { applicationEvents, membershipApplications } from '../../db/schema/membership'
import { reviewDueBy, TIMELINE_TITLES } from './views'
import { pages } from '@contract/pages'

export async function membershipApplicationItems(db: DbOrTx, userId: number): Promise<MyApplicationItem[]> {
  // Prepared (db/prepared.ts): 我的申请 asks on every visit.
  const joins = await prepared(db, 'membership_my_applications', (d, name) =>
    d
      .select({ a: membershipApplications, orgName: orgs.name })
      .from(membershipApplications)
      .innerJoin(orgs, eq(orgs.id, membershipApplications.orgId))
      .where(eq(membershipApplications.userId, sql.placeholder('userId')))
      .prepare(name),
  ).execute({ userId })
  if (joins.length === 0) return []
  const events = await prepared(db, 'membership_my_application_events', (d, name) =>
    d
      .select()
      .from(applicationEvents)
      .where(sql`${applicationEvents.applicationId} = any(${sql.placeholder('ids')}::int[])`)
      .orderBy(asc(applicationEvents.at), asc(applicationEvents.id))
      .prepare(name),
  ).execute({ ids: `{${joins.map((j) => j.a.id).join(',')}}` })
  return joins.map(({ a, orgName }) => {
    const own = events.filter((e) => e.applicationId === a.id)
    const last = own[own.length - 1]
    return {
      kind: 'membership' as const,
      id: a.id,
      title: `入会申请 · ${orgName}`,
      state: a.status === 'submitted' ? 'in_review' : a.status === 'approved' ? 'completed' : 'rejected',
      stageLabel: a.status === 'submitted' ? '审核中' : a.status === 'approved' ? '已入会' : '未通过',
      expectedBy: a.status === 'submitted' ? reviewDueBy(a.submittedAt).toISOString() : null,
      lastDecisionReason: a.status === 'rejected' ? a.rejectReason : null,
      amount: null,
      updatedAt: (last?.at ?? a.submittedAt).toISOString(),
      link: pages.membership.status.path,
      timeline: own.map((e) => ({ at: e.at.toISOString(), title: TIMELINE_TITLES[e.kind], note: e.note })),
    }
  })
}

/** 入会申请 in 我的申请: the joining applications of one user, in the shape every capability gives that list. */
import { asc, eq, sql, type SQL } from 'drizzle-orm'
import type { MyApplicationItem } from '@contract/applications/schemas'
import type { DbOrTx } from '../../db'
import { prepared } from '../../db/prepared'
import { rowsFromJson } from '../../db/json-rows'
import { orgs } from '../../db/schema/core'
import { applicationEvents, membershipApplications, type MembershipApplicationRow } from '../../db/schema/membership'
import { reviewDueBy, TIMELINE_TITLES } from './views'
import { pages } from '@contract/pages'

/**
 * The user's joining applications with their union's name and their timeline, as one json value (a column of
 * 我的申请's one statement; `read` below gives them back).
 */
export function membershipApplicationsJson(userId: SQL): SQL {
  return sql`(select coalesce(json_agg(json_build_object('a', to_json(a), 'orgName', o.name, 'events', (
      select coalesce(json_agg(to_json(e) order by e.at, e.id), '[]'::json) from ${applicationEvents} e where e.application_id = a.id))), '[]'::json)
    from ${membershipApplications} a join ${orgs} o on o.id = a.org_id where a.user_id = ${userId})`
}

/** What membershipApplicationsJson read, as rows. */
export function membershipApplicationsFromJson(value: unknown): MembershipApplicationsRead {
  const list = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as { a: unknown; orgName: string; events: unknown }[]
  return list.map((x) => ({ a: rowsFromJson(membershipApplications, [x.a])[0], orgName: x.orgName, events: rowsFromJson(applicationEvents, x.events) }))
}

type ApplicationEventRow = typeof applicationEvents.$inferSelect
type MembershipApplicationsRead = { a: MembershipApplicationRow; orgName: string; events: ApplicationEventRow[] }[]

/** `first`: the applications already read with their timelines (membershipApplicationsJson); otherwise read here. */
export async function membershipApplicationItems(db: DbOrTx, userId: number, first?: MembershipApplicationsRead): Promise<MyApplicationItem[]> {
  if (first) return first.map(({ a, orgName, events }) => itemOf(a, orgName, events))
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
  return joins.map(({ a, orgName }) => itemOf(a, orgName, events.filter((e) => e.applicationId === a.id)))
}

function itemOf(a: MembershipApplicationRow, orgName: string, own: ApplicationEventRow[]): MyApplicationItem {
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
}

/**
 * 数据看板, membership's part: members and joining applications of one union subtree, counted by the database
 * (GROUP BY over memberships_org_joined_idx / membership_applications_org_*_idx, migration 0031): no row is loaded
 * into JS, only one row per group.
 */
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import type { JoiningFigures } from '@contract/dashboard/schemas'
import { APPLICATION_STATUSES, EMPLOYMENT_TYPES, MEMBERSHIP_REVIEW_WORKING_DAYS, isGigWorker, type EmploymentType } from '@contract/membership/labels'
import type { DbOrTx } from '../../db'
import { chinaMonthOf, inOrgSubtree, type FigureWindow } from '../../db/org-scope'
import { orgs } from '../../db/schema/core'
import { membershipApplications as apps, memberships } from '../../db/schema/membership'
import { overdueCutoff } from '../calendar'

/** Members by employment type × the union directly below the root (its id; '' for members of the root itself). */
export async function memberFigures(db: DbOrTx, w: FigureWindow) {
  const depth = w.rootPath.split('/').filter(Boolean).length
  // Inlined (a whole number), so the GROUP BY expression is the very same text as the selected one.
  const child = sql<string>`split_part(${orgs.path}, '/', ${sql.raw(String(depth + 2))})`
  const groups = await db
    .select({ type: memberships.employmentType, child, n: count() })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(and(inOrgSubtree(memberships.orgId, w.rootPath), lt(memberships.joinedAt, w.end)))
    .groupBy(memberships.employmentType, child)
  const month = chinaMonthOf(memberships.joinedAt)
  const months = await db
    .select({ month, n: count() })
    .from(memberships)
    .where(and(inOrgSubtree(memberships.orgId, w.rootPath), gte(memberships.joinedAt, w.start), lt(memberships.joinedAt, w.end)))
    .groupBy(month)

  const byType = new Map<EmploymentType, number>()
  const byChild = new Map<string, number>()
  let total = 0
  let gig = 0
  for (const g of groups) {
    const n = Number(g.n)
    total += n
    if (isGigWorker(g.type)) gig += n
    byType.set(g.type, (byType.get(g.type) ?? 0) + n)
    byChild.set(g.child, (byChild.get(g.child) ?? 0) + n)
  }
  const childIds = [...byChild.keys()].filter((k) => k !== '').map(Number)
  const names = childIds.length ? await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, childIds)) : []
  const nameOf = new Map(names.map((o) => [String(o.id), o.name]))
  return {
    total,
    newInRange: months.reduce((s, m) => s + Number(m.n), 0),
    newFormsShare: total ? Math.round((gig / total) * 10_000) / 10_000 : 0,
    byMonthRows: months.map((m) => ({ month: m.month, count: Number(m.n) })),
    byEmploymentType: (Object.keys(EMPLOYMENT_TYPES) as EmploymentType[])
      .filter((t) => byType.has(t))
      .map((t) => ({ key: t, label: EMPLOYMENT_TYPES[t], count: byType.get(t)! })),
    byUnion: [...byChild.entries()]
      .map(([k, n]) => ({ key: k === '' ? 'self' : k, label: k === '' ? '本级' : (nameOf.get(k) ?? k), count: n }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  }
}

/** Joining applications submitted in the range by status, the median time to decision, the overdue backlog now. */
export async function joiningFigures(db: DbOrTx, w: FigureWindow): Promise<JoiningFigures> {
  const inTree = inOrgSubtree(apps.orgId, w.rootPath)
  const statuses = await db
    .select({ status: apps.status, n: count() })
    .from(apps)
    .where(and(inTree, gte(apps.submittedAt, w.start), lt(apps.submittedAt, w.end)))
    .groupBy(apps.status)
  const [decided] = await db
    .select({
      n: count(),
      median: sql<string | null>`percentile_cont(0.5) within group (order by extract(epoch from ${apps.decidedAt} - ${apps.submittedAt}))`,
    })
    .from(apps)
    .where(and(inTree, inArray(apps.status, ['approved', 'rejected']), gte(apps.decidedAt, w.start), lt(apps.decidedAt, w.end)))
  const cutoff = overdueCutoff(w.now, MEMBERSHIP_REVIEW_WORKING_DAYS)
  const [pending] = await db
    .select({ n: count(), overdue: sql<number>`count(*) filter (where ${apps.submittedAt} <= ${cutoff.toISOString()}::timestamptz)` })
    .from(apps)
    .where(and(inTree, eq(apps.status, 'submitted')))
  const by = new Map(statuses.map((s) => [s.status, Number(s.n)]))
  return {
    byStatus: (Object.keys(APPLICATION_STATUSES) as (keyof typeof APPLICATION_STATUSES)[]).map((k) => ({ key: k, label: APPLICATION_STATUSES[k], count: by.get(k) ?? 0 })),
    medianDecisionHours: decided.median === null ? null : Math.round((Number(decided.median) / 3600) * 10) / 10,
    decidedInRange: Number(decided.n),
    pendingNow: Number(pending.n),
    overdueNow: Number(pending.overdue),
  }
}

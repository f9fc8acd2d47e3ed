/**
 * 数据看板, relief's part: cases of the subtree submitted within the range by stage and by type; the amounts approved
 * at 复核 and paid per China-time month (from the timeline's `district_approved` / `paid` events within the range);
 * the cases in 初审 or 复核 now past their type's promise. GROUP BY in the database (relief_applications_org_submitted_idx,
 * relief_events_kind_at_idx, migration 0031); the type configurations (a handful of rows) only for names and promises.
 */
import { and, count, eq, gte, inArray, lt, ne, or, sql } from 'drizzle-orm'
import type { ReliefFigures } from '@contract/dashboard/schemas'
import { RELIEF_STAGES, type ReliefStage } from '@contract/relief/labels'
import type { DbOrTx } from '../../db'
import { chinaMonthOf, inOrgSubtree, type FigureWindow } from '../../db/org-scope'
import { reliefApplications as a, reliefEvents as ev } from '../../db/schema/relief'
import { typeMap } from './aid-type-store'
import { overdueWhere } from './worklists'

export async function reliefFigures(db: DbOrTx, w: FigureWindow): Promise<Omit<ReliefFigures, 'amountsByMonth'> & { amountRows: { month: string; approved: number; paid: number }[] }> {
  const inTree = inOrgSubtree(a.orgId, w.rootPath)
  const submitted = and(inTree, ne(a.stage, 'draft'), gte(a.submittedAt, w.start), lt(a.submittedAt, w.end))
  const stages = await db.select({ stage: a.stage, n: count() }).from(a).where(submitted).groupBy(a.stage)
  const types = await db.select({ key: a.typeKey, n: count() }).from(a).where(submitted).groupBy(a.typeKey)
  const month = chinaMonthOf(ev.at)
  const amounts = await db
    .select({
      month,
      approved: sql<string>`coalesce(sum(${a.amount}) filter (where ${ev.kind} = 'district_approved'), 0)`,
      paid: sql<string>`coalesce(sum(${a.amount}) filter (where ${ev.kind} = 'paid'), 0)`,
    })
    .from(ev)
    .innerJoin(a, eq(a.id, ev.applicationId))
    .where(and(inArray(ev.kind, ['district_approved', 'paid']), gte(ev.at, w.start), lt(ev.at, w.end), inTree))
    .groupBy(month)

  const configs = await typeMap(db)
  // The queues' own overdue rule (worklists.ts), per level.
  const late = or(and(eq(a.stage, 'base_review'), overdueWhere(configs, 'base', w.now)), and(eq(a.stage, 'district_review'), overdueWhere(configs, 'district', w.now)))
  const [overdue] = await db.select({ n: count() }).from(a).where(and(inTree, late))
  const byStage = new Map(stages.map((s) => [s.stage, Number(s.n)]))
  return {
    byStage: (Object.keys(RELIEF_STAGES) as ReliefStage[])
      .filter((s) => s !== 'draft')
      .map((s) => ({ key: s, label: RELIEF_STAGES[s], count: byStage.get(s) ?? 0 })),
    byType: types
      .map((t) => ({ key: t.key, label: configs.get(t.key)?.name ?? t.key, count: Number(t.n) }))
      .sort((x, y) => y.count - x.count || x.key.localeCompare(y.key)),
    amountRows: amounts.map((r) => ({ month: r.month, approved: Number(r.approved), paid: Number(r.paid) })),
    overdueNow: Number(overdue.n),
  }
}

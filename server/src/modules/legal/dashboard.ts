/**
 * 数据看板, legal aid's part: consultations of the subtree opened within the range by status, and the open ones past
 * the first-response promise now (legal_cases_org_idx, legal_cases_due_idx).
 */
import { and, count, gte, isNull, lt, ne } from 'drizzle-orm'
import type { LegalFigures } from '@contract/dashboard/schemas'
import { LEGAL_STATUSES, type LegalStatus } from '@contract/legal/labels'
import type { DbOrTx } from '../../db'
import { inOrgSubtree, type FigureWindow } from '../../db/org-scope'
import { legalCases as c } from '../../db/schema/legal'

export async function legalFigures(db: DbOrTx, w: FigureWindow): Promise<LegalFigures> {
  const inTree = inOrgSubtree(c.orgId, w.rootPath)
  const rows = await db
    .select({ status: c.status, n: count() })
    .from(c)
    .where(and(inTree, gte(c.createdAt, w.start), lt(c.createdAt, w.end)))
    .groupBy(c.status)
  const [overdue] = await db
    .select({ n: count() })
    .from(c)
    .where(and(inTree, ne(c.status, 'closed'), isNull(c.firstResponseAt), lt(c.firstResponseDue, w.now)))
  const by = new Map(rows.map((r) => [r.status, Number(r.n)]))
  return {
    byStatus: (Object.keys(LEGAL_STATUSES) as LegalStatus[]).map((s) => ({ key: s, label: LEGAL_STATUSES[s], count: by.get(s) ?? 0 })),
    overdueNow: Number(overdue.n),
  }
}

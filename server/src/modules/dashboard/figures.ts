/**
 * 数据看板: the figures of one union subtree for a range of China calendar days, each from its owning module's
 * aggregate query (GROUP BY in the database; only one row per group reaches JS), read in one transaction so the
 * charts agree with each other. Months of the range with nothing in them are filled with zeros here.
 */
import { eq, inArray } from 'drizzle-orm'
import type { Dashboard, DashboardQuery } from '@contract/dashboard/schemas'
import type { AppDeps } from '../../http/deps'
import type { AuthUser } from '../../auth/sessions'
import { authorize, scopesFor } from '../../auth/policy'
import { orgs } from '../../db/schema/core'
import type { FigureWindow } from '../../db/org-scope'
import { Errors } from '../../errors'
import { joiningFigures, memberFigures } from '../membership'
import { voucherFigures } from '../vouchers'
import { eventFigures } from '../events'
import { reliefFigures } from '../relief'
import { legalFigures } from '../legal'
import { stationFigures } from '../stations'

const DAY = 86_400_000

/** [start, end) of the China calendar days `from` … `to`. */
export function rangeOf(q: { from: string; to: string }): { start: Date; end: Date } {
  return { start: new Date(`${q.from}T00:00:00+08:00`), end: new Date(Date.parse(`${q.to}T00:00:00+08:00`) + DAY) }
}

/** 'YYYY-MM' of every month from `from` to `to` (China calendar days). */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.slice(0, 7).split('-').map(Number)
  const last = to.slice(0, 7)
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`
    out.push(key)
    if (key >= last) return out
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
}

/** The union the dashboard is about: `orgId`, else the caller's first post. */
async function unionOf(deps: AppDeps, user: AuthUser, orgId: number | undefined) {
  if (orgId === undefined) {
    const [first] = scopesFor(user, 'dashboard.view')
    if (!first) throw Errors.notFound('工会不存在')
    const [row] = await deps.db.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(eq(orgs.path, first))
    if (!row) throw Errors.notFound('工会不存在')
    return row
  }
  const [row] = await deps.db.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(eq(orgs.id, orgId))
  if (!row) throw Errors.notFound('工会不存在')
  return row
}

export async function figures(deps: AppDeps, user: AuthUser, q: DashboardQuery): Promise<Dashboard> {
  const org = await unionOf(deps, user, q.orgId)
  // The gate placed an explicit orgId already; the default post is the caller's own. Asked again, by the one policy.
  authorize(user, 'dashboard.view', org.path)
  const { start, end } = rangeOf(q)
  const now = new Date(deps.now())
  const w: FigureWindow = { rootPath: org.path, start, end, now }
  const postPaths = scopesFor(user, 'dashboard.view')
  return deps.db.transaction(async (tx) => {
    const posts = postPaths.length ? await tx.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(inArray(orgs.path, postPaths)) : []
    const members = await memberFigures(tx, w)
    const joining = await joiningFigures(tx, w)
    const vouchers = await voucherFigures(tx, w)
    const events = await eventFigures(tx, w)
    const relief = await reliefFigures(tx, w)
    const legal = await legalFigures(tx, w)
    const stations = await stationFigures(tx, w)
    const months = monthsOf(q.from, q.to)
    const joined = new Map(members.byMonthRows.map((r) => [r.month, r.count]))
    const amounts = new Map(relief.amountRows.map((r) => [r.month, r]))
    const { byMonthRows: _m, ...memberRest } = members
    const { amountRows: _a, ...reliefRest } = relief
    return {
      org: { id: org.id, name: org.name },
      posts: postPaths.map((p) => posts.find((o) => o.path === p)).filter((o) => o !== undefined).map((o) => ({ id: o.id, name: o.name })),
      from: q.from,
      to: q.to,
      generatedAt: now.toISOString(),
      members: { ...memberRest, byMonth: months.map((month) => ({ month, count: joined.get(month) ?? 0 })) },
      joining,
      vouchers,
      events,
      relief: { ...reliefRest, amountsByMonth: months.map((month) => ({ month, approved: amounts.get(month)?.approved ?? 0, paid: amounts.get(month)?.paid ?? 0 })) },
      legal,
      stations,
    }
  })
}

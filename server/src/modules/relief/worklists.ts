/**
 * The staff worklists, oldest first and a page at a time (keyset cursor on (stage_since, id), db/paging.ts): the
 * review queue of one level with waiting time and the overdue flag, and the cases of one stage within the caller's
 * scopes (待公示, 公示中 with `payable`, 已发放 …). Applicants' names come from membership's member directory.
 */
import { and, asc, count, desc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm'
import type { ReliefStage, ReviewLevel } from '@contract/relief/labels'
import { ReliefReasons } from '@contract/relief/reasons'
import type { AidTypeConfig, ReliefCaseItem, ReliefQueueItem, ReviewQueueQuery } from '@contract/relief/schemas'
import type { SortOrder } from '@contract/paging'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { decodeSortedCursor, pastKey, sortedPageOf } from '../../db/paging'
import { orgs } from '../../db/schema/core'
import { reliefAidTypes, reliefApplications, reliefObjections } from '../../db/schema/relief'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { addWorkingDays, overdueCutoff } from '../calendar'
import { inSubtree } from '../../auth/policy'
import { memberDirectory } from '../membership'
import { typeMap } from './aid-type-store'
import { ReliefAuthority } from './authority'
import { roundMap, summaryOf } from './views'

type Page<T> = { items: T[]; nextCursor: string | null }

/** Past the cursor's (stage_since, id), when there is one: after it oldest first, before it newest first (a cursor of the other order → 400). */
function after(cursor: string | undefined, sort: SortOrder) {
  const c = decodeSortedCursor(cursor, ['number', 'number'] as const, sort)
  if (!c) return undefined
  return pastKey(sql`(${reliefApplications.stageSince}, ${reliefApplications.id})`, sql`(${new Date(c[0]).toISOString()}::timestamptz, ${c[1]})`, sort)
}

/**
 * One page of the applications `where` selects, oldest in their stage first or newest first (keyset on (stage_since, id)), each
 * with its union, its type's review level and the applicant's name from the member directory.
 */
async function worklistPage(tx: Tx, where: SQL | undefined, query: { cursor?: string; limit: number; sort?: SortOrder }) {
  const sort = query.sort ?? 'oldest'
  const dir = sort === 'newest' ? desc : asc
  const rows = await tx
    .select({ app: reliefApplications, orgName: orgs.name, orgPath: orgs.path, reviewLevel: reliefAidTypes.reviewLevel, name: memberDirectory.name })
    .from(reliefApplications)
    .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
    .innerJoin(reliefAidTypes, eq(reliefAidTypes.key, reliefApplications.typeKey))
    .leftJoin(memberDirectory, eq(memberDirectory.userId, reliefApplications.userId))
    .where(and(where, after(query.cursor, sort)))
    .orderBy(dir(reliefApplications.stageSince), dir(reliefApplications.id))
    .limit(query.limit + 1)
  return sortedPageOf(rows, query.limit, sort, (last) => [last.app.stageSince.getTime(), last.app.id])
}

type WorklistRow = Awaited<ReturnType<typeof worklistPage>>['page'][number]

/** What a row of either worklist says of its application (the rest is the worklist's own). */
function worklistCase(r: WorklistRow, type: { name: string }) {
  return {
    id: r.app.id,
    typeKey: r.app.typeKey,
    typeName: type.name,
    applicantName: r.name ?? '',
    org: { id: r.app.orgId, name: r.orgName },
    stage: r.app.stage,
  }
}

/**
 * Cases of one review level past their type's promise at `now` (or not, `overdue` false): per type, waiting since the
 * latest instant whose promise is already past (calendar's `overdueCutoff`) — one comparison per type, in SQL.
 */
export function overdueWhere(types: Map<string, AidTypeConfig>, level: ReviewLevel, now: Date, overdue = true): SQL {
  const late = [...types].map(([key, config]) => {
    const cutoff = overdueCutoff(now, config.reviewWorkingDays[level])
    return sql`(${reliefApplications.typeKey} = ${key} and ${reliefApplications.stageSince} <= ${cutoff.toISOString()}::timestamptz)`
  })
  const any = late.length ? sql`(${sql.join(late, sql` or `)})` : sql`false`
  return overdue ? any : sql`not ${any}`
}

/**
 * The review queue of one level: 初审 over the caller's base scopes, 复核 where they reach the type's level; the
 * console's filters: a union of the post (its subtree), a type, overdue now or not.
 */
export async function queue(deps: AppDeps, user: AuthUser, query: ReviewQueueQuery): Promise<Page<ReliefQueueItem>> {
  const { level } = query
  return deps.db.transaction(async (tx) => {
    const auth = await ReliefAuthority.of(tx, user)
    const scope = level === 'base' ? ReliefAuthority.inScopes(auth.baseScopes) : auth.districtWhere()
    if (!scope) throw refuse(ReliefReasons.RELIEF_QUEUE_FORBIDDEN, { level })
    const stage = level === 'base' ? 'base_review' : 'district_review'
    const types = await typeMap(tx)
    const filters = [
      query.orgId !== undefined ? await unionFilter(tx, auth, query.orgId) : undefined,
      query.typeKey ? eq(reliefApplications.typeKey, query.typeKey) : undefined,
      query.overdue ? overdueWhere(types, level, new Date(deps.now()), query.overdue === '1') : undefined,
    ]
    const { page, nextCursor } = await worklistPage(tx, and(eq(reliefApplications.stage, stage), scope, ...filters), query)
    const now = deps.now()
    const items = page.map((r) => {
      const type = types.get(r.app.typeKey)!
      const due = addWorkingDays(r.app.stageSince, type.reviewWorkingDays[level])
      return {
        ...worklistCase(r, type),
        waitingSince: r.app.stageSince.toISOString(),
        waitingHours: Math.max(0, Math.floor((now - r.app.stageSince.getTime()) / 360_000) / 10),
        dueBy: due.toISOString(),
        overdue: now > due.getTime(),
        resubmission: r.app.submissionCount > 1,
        homeVisitDone: type.requiresHomeVisit ? r.app.homeVisit !== null : null,
      }
    })
    return { items, nextCursor }
  })
}

/** The subtree of the union `orgId`, which must lie inside one of the caller's relief scopes (else 403). */
async function unionFilter(tx: Tx, auth: ReliefAuthority, orgId: number): Promise<SQL> {
  const [org] = await tx.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId))
  if (!org || !auth.allScopes.some((s) => inSubtree(s, org.path))) throw refuse(ReliefReasons.RELIEF_UNION_OUTSIDE)
  return like(orgs.path, `${org.path}%`)
}

/** Staff worklist of one stage within the caller's scopes, oldest first, a page at a time. */
export async function cases(
  deps: AppDeps,
  user: AuthUser,
  query: { stage: Exclude<ReliefStage, 'draft'>; cursor?: string; limit: number },
): Promise<Page<ReliefCaseItem>> {
  return deps.db.transaction(async (tx) => {
    const auth = await ReliefAuthority.of(tx, user)
    if (!auth.any) throw refuse(ReliefReasons.RELIEF_NOT_REVIEWER)
    const { page, nextCursor } = await worklistPage(tx, and(eq(reliefApplications.stage, query.stage), ReliefAuthority.inScopes(auth.allScopes)), query)
    const types = await typeMap(tx)
    const rounds = await roundMap(tx, page.map((r) => r.app))
    const open = page.length
      ? await tx
          .select({ id: reliefObjections.applicationId, n: count() })
          .from(reliefObjections)
          .where(and(inArray(reliefObjections.applicationId, page.map((r) => r.app.id)), isNull(reliefObjections.answeredAt)))
          .groupBy(reliefObjections.applicationId)
      : []
    const openBy = new Map(open.map((o) => [o.id, Number(o.n)]))
    const now = deps.now()
    const items = page.map((r) => {
      const type = types.get(r.app.typeKey)!
      const s = summaryOf(now, r.app, type, rounds)
      const ended = r.app.roundId !== null && (rounds.get(r.app.roundId)?.endsAt.getTime() ?? Infinity) <= now
      return {
        ...worklistCase(r, type),
        stageLabel: s.stageLabel,
        since: r.app.stageSince.toISOString(),
        amount: r.app.amount,
        expectedBy: s.expectedBy,
        payable: r.app.stage === 'publicity' && ended && !openBy.get(r.app.id) && auth.districtActor(r.orgPath, r.reviewLevel) !== null,
        openObjections: openBy.get(r.app.id) ?? 0,
      }
    })
    return { items, nextCursor }
  })
}

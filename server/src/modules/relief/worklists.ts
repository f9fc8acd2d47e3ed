/**
 * The staff worklists, oldest first and a page at a time (keyset cursor on (stage_since, id), db/paging.ts): the
 * review queue of one level with waiting time and the overdue flag, and the cases of one stage within the caller's
 * scopes (待公示, 公示中 with `payable`, 已发放 …). Applicants' names come from membership's member directory.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm'
import type { ReliefStage, ReviewLevel } from '@contract/relief/labels'
import { ReliefReasons } from '@contract/relief/reasons'
import type { SortOrder } from '@contract/paging'
import type { AidTypeConfig, ReliefCaseItem, ReliefQueueItem, ReviewQueueQuery } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import { builtOnce } from '../../db/prepared'
import { BAD_CURSOR, decodeSortedCursor, pastKey, sortedPageOf } from '../../db/paging'
import { orgs } from '../../db/schema/core'
import { reliefAidTypes, reliefApplications, reliefObjections } from '../../db/schema/relief'
import type { AuthUser } from '../../auth/sessions'
import { Errors, refuse } from '../../errors'
import { addWorkingDays, overdueCutoff } from '../calendar'
import { inSubtree, levelOf } from '../../auth/policy'
import { memberDirectory } from '../membership'
import { typeMap } from './aid-type-store'
import { ReliefAuthority } from './authority'
import { roundMap, summaryOf } from './views'

type Page<T> = { items: T[]; nextCursor: string | null }

/** Past the cursor's (stage_since, id), when there is one: after it oldest first, before it newest first (a cursor of the other order → 400). */
function after(cursor: string | undefined, sort: SortOrder) {
  const c = worklistCursor(cursor, sort)
  if (!c) return undefined
  return pastKey(sql`(${reliefApplications.stageSince}, ${reliefApplications.id})`, sql`(${isoMicros(c[0])}::timestamptz, ${c[1]}::integer)`, sort)
}

/**
 * One page of the applications `where` selects, oldest in their stage first or newest first (keyset on (stage_since, id)), each
 * with its union, its type's review level and the applicant's name from the member directory.
 */
async function worklistPage(tx: DbOrTx, where: SQL | undefined, query: { cursor?: string; limit: number; sort?: SortOrder }) {
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
 *
 * Two statements after the session: the caller's relief delegations (prepared) and the page — its union, its type's
 * name, review days and home-visit rule, and the applicant's name in the same statement (one round trip, no
 * transaction: each statement reads its own snapshot under READ COMMITTED anyway). The page is built once per shape
 * (queueStatement) and sent unnamed, so PostgreSQL plans it with the caller's scope: a whole district is read in queue
 * order from relief_applications_stage_idx, one union from its own rows — no generic plan serves both.
 */
export async function queue(deps: AppDeps, user: AuthUser, query: ReviewQueueQuery): Promise<Page<ReliefQueueItem>> {
  const { level } = query
  const db = deps.db
  const sort = query.sort ?? 'oldest'
  const newest = sort === 'newest'
  const c = worklistCursor(query.cursor, sort)
  const auth = await ReliefAuthority.of(db, user)
  const roots = level === 'base' ? auth.baseScopes.map((path) => ({ path, level: 0 })) : auth.districtRoots.map((path) => ({ path, level: levelOf(path) }))
  if (roots.length === 0) throw refuse(ReliefReasons.RELIEF_QUEUE_FORBIDDEN, { level })
  const orgPath = query.orgId !== undefined ? await unionPath(db, auth, query.orgId) : null
  // Overdue now: per type, waiting since the type's cutoff or earlier (overdueWhere) — the types read only then.
  const cutoffs = query.overdue ? [...(await typeMap(db))].map(([key, config]) => ({ key, cutoff: overdueCutoff(new Date(deps.now()), config.reviewWorkingDays[level]) })) : []
  const shape: QueueShape = { level, roots: roots.length, org: orgPath !== null, type: !!query.typeKey, overdue: query.overdue ?? null, types: cutoffs.length, newest }
  const params: Record<string, unknown> = {
    stage: level === 'base' ? 'base_review' : 'district_review',
    level,
    // The first page from the start of the queue: the same statement as every later page (a deep page costs the same).
    since: c ? isoMicros(c[0]) : newest ? 'infinity' : '-infinity',
    afterId: c ? c[1] : newest ? 2_147_483_647 : 0,
    limit: query.limit + 1,
    org: orgPath !== null ? `${orgPath}%` : null,
    type: query.typeKey ?? null,
  }
  roots.forEach((r, i) => {
    params[`root${i}`] = `${r.path}%`
    params[`rootLevel${i}`] = r.level
  })
  cutoffs.forEach((t, i) => {
    params[`typeKey${i}`] = t.key
    params[`cutoff${i}`] = t.cutoff.toISOString()
  })
  const rows = await builtOnce(db, `relief_review_queue:${JSON.stringify(shape)}`, (d) => queueStatement(d, shape)).execute(params)
  const { page, nextCursor } = sortedPageOf(rows, query.limit, sort, (last) => [last.sinceMs, last.id])
  const now = deps.now()
  const items = page.map((r): ReliefQueueItem => {
    const since = new Date(Math.floor(r.sinceMs))
    const due = addWorkingDays(since, r.reviewDays)
    return {
      id: r.id,
      typeKey: r.typeKey,
      typeName: r.typeName,
      applicantName: r.applicantName ?? '',
      org: { id: r.orgId, name: r.orgName },
      stage: r.stage,
      waitingSince: since.toISOString(),
      waitingHours: Math.max(0, Math.floor((now - since.getTime()) / 360_000) / 10),
      dueBy: due.toISOString(),
      overdue: now > due.getTime(),
      resubmission: r.submissionCount > 1,
      homeVisitDone: r.requiresHomeVisit ? r.homeVisitDone : null,
    }
  })
  return { items, nextCursor }
}

/** What varies in the queue's statement text (the placeholders' values do not). */
interface QueueShape {
  level: ReviewLevel
  /** How many scope roots (base: paths; district: paths with their levels). */
  roots: number
  org: boolean
  type: boolean
  overdue: '1' | '0' | null
  /** How many types the overdue filter names. */
  types: number
  newest: boolean
}

/** The review queue's page for one shape, with placeholders (see `queue` for their values). */
function queueStatement(db: DbOrTx, s: QueueShape) {
  const a = reliefApplications
  const t = reliefAidTypes
  const p = (name: string) => sql.placeholder(name)
  const range = (n: number) => Array.from({ length: n }, (_, i) => i)
  const scope = or(
    ...range(s.roots).map((i) => (s.level === 'base' ? like(orgs.path, p(`root${i}`)) : and(like(orgs.path, p(`root${i}`)), gte(t.reviewLevel, p(`rootLevel${i}`))))),
  )
  const late = s.types ? sql`(${sql.join(range(s.types).map((i) => sql`(${a.typeKey} = ${p(`typeKey${i}`)} and ${a.stageSince} <= ${p(`cutoff${i}`)}::timestamptz)`), sql` or `)})` : sql`false`
  const dir = s.newest ? desc : asc
  return db
    .select({
      id: a.id,
      typeKey: a.typeKey,
      orgId: a.orgId,
      stage: a.stage,
      // Epoch milliseconds to the microsecond (the cursor keeps the exact key; a Date would drop the microseconds).
      sinceMs: sql<number>`(extract(epoch from ${a.stageSince}) * 1000)::float8`,
      submissionCount: a.submissionCount,
      homeVisitDone: sql<boolean>`(${a.homeVisit} is not null)`,
      orgName: orgs.name,
      typeName: sql<string>`${t.config}->>'name'`,
      reviewDays: sql<number>`(${t.config}->'reviewWorkingDays'->>${p('level')}::text)::int`,
      requiresHomeVisit: sql<boolean>`coalesce((${t.config}->>'requiresHomeVisit')::boolean, false)`,
      applicantName: sql<string | null>`(select ${memberDirectory.name} from ${memberDirectory} where ${memberDirectory.userId} = ${a.userId})`,
    })
    .from(a)
    .innerJoin(orgs, eq(orgs.id, a.orgId))
    .innerJoin(t, eq(t.key, a.typeKey))
    .where(
      and(
        eq(a.stage, p('stage')),
        scope,
        sql`(${a.stageSince}, ${a.id}) ${sql.raw(s.newest ? '<' : '>')} (${p('since')}::timestamptz, ${p('afterId')}::integer)`,
        s.org ? like(orgs.path, p('org')) : undefined,
        s.type ? eq(a.typeKey, p('type')) : undefined,
        s.overdue === '1' ? late : s.overdue === '0' ? sql`not ${late}` : undefined,
      ),
    )
    .orderBy(dir(a.stageSince), dir(a.id))
    .limit(p('limit'))
    .prepare('')
}

/**
 * A worklist cursor made under `sort`: an instant (epoch ms, year 1970–9999, a fraction for microseconds) and an id
 * (a 4-byte integer); anything else, or a cursor of the other order, 400.
 */
function worklistCursor(cursor: string | undefined, sort: SortOrder): readonly [number, number] | null {
  const c = decodeSortedCursor(cursor, ['number', 'number'] as const, sort)
  if (c && !(c[0] >= 0 && c[0] < 253_402_300_800_000 && Number.isInteger(c[1]) && Math.abs(c[1]) <= 2_147_483_647)) {
    throw Errors.validation({ cursor: BAD_CURSOR })
  }
  return c
}

/** A cursor's epoch milliseconds (with a fraction: microseconds) as an ISO instant to the microsecond. */
function isoMicros(ms: number): string {
  const whole = Math.floor(ms)
  const micros = Math.min(999, Math.max(0, Math.round((ms - whole) * 1000)))
  return new Date(whole).toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`)
}

/** The path of the union `orgId`, which must lie inside one of the caller's relief scopes (else 403). */
async function unionPath(db: DbOrTx, auth: ReliefAuthority, orgId: number): Promise<string> {
  const [org] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId))
  if (!org || !auth.allScopes.some((s) => inSubtree(s, org.path))) throw refuse(ReliefReasons.RELIEF_UNION_OUTSIDE)
  return org.path
}

/**
 * Staff worklist of one stage within the caller's scopes, oldest first, a page at a time. No transaction (each read
 * its own snapshot under READ COMMITTED anyway): the page, then its types, rounds and open objections at once.
 */
export async function cases(
  deps: AppDeps,
  user: AuthUser,
  query: { stage: Exclude<ReliefStage, 'draft'>; cursor?: string; limit: number },
): Promise<Page<ReliefCaseItem>> {
  const db = deps.db
  const auth = await ReliefAuthority.of(db, user)
  if (!auth.any) throw refuse(ReliefReasons.RELIEF_NOT_REVIEWER)
  const { page, nextCursor } = await worklistPage(db, and(eq(reliefApplications.stage, query.stage), ReliefAuthority.inScopes(auth.allScopes)), query)
  const [types, rounds, open] = await Promise.all([
    typeMap(db),
    roundMap(db, page.map((r) => r.app)),
    page.length
      ? db
          .select({ id: reliefObjections.applicationId, n: count() })
          .from(reliefObjections)
          .where(and(inArray(reliefObjections.applicationId, page.map((r) => r.app.id)), isNull(reliefObjections.answeredAt)))
          .groupBy(reliefObjections.applicationId)
      : [],
  ])
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
}

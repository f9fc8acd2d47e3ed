/**
 * The legal staff's side (`legal.handle` over the member's union subtree: legal_staff and admins; the access table
 * places each case before these run): the worklist with the overdue filter, the case (audited: it shows the
 * member's name, phone and story), take, reply or ask for more, schedule a session, close with an outcome. Every
 * step the member should know of lands in their message centre in the same transaction (thread.ts). Any holder of
 * the permission over the case may act once it is taken (a colleague covering); taking is once.
 */
import { and, asc, count, desc, eq, gte, isNull, lt, ne, or, sql, like, type SQL } from 'drizzle-orm'
import { LEGAL_OUTCOMES, LEGAL_SESSION_MODES } from '@contract/legal/labels'
import { LegalReasons } from '@contract/legal/reasons'
import type { CloseBody, LegalCaseItem, LegalStaffCaseView, ManageQuery, ScheduleBody, StaffMessageBody } from '@contract/legal/schemas'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { decodeSortedCursor, pastKey, sortedPageOf } from '../../db/paging'
import { orgs } from '../../db/schema/core'
import { legalCases, type LegalCaseRow } from '../../db/schema/legal'
import { can, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { audit } from '../../audit'
import { refuse, refuseAt } from '../../errors'
import { chinaTime } from '../../time'
import { memberDirectory } from '../membership'
import { lockCase } from './requests'
import { addEntry } from './thread'
import { caseItem, caseView } from './views'

function inScope(user: AuthUser): SQL {
  const roots = scopesFor(user, 'legal.handle')
  return roots.length ? or(...roots.map((p) => like(orgs.path, `${p}%`)))! : sql`false`
}

const overdueWhere = (now: number) =>
  and(ne(legalCases.status, 'closed'), isNull(legalCases.firstResponseAt), lt(legalCases.firstResponseDue, new Date(now)))

const FILTERS: Record<ManageQuery['filter'], (now: number) => SQL | undefined> = {
  open: () => ne(legalCases.status, 'closed'),
  overdue: overdueWhere,
  closed: () => eq(legalCases.status, 'closed'),
  all: () => undefined,
}

/** The console's filters: one union of the caller's subtree, the dispute, one state, the China days requested on. */
async function narrowing(tx: Tx, user: AuthUser, query: ManageQuery): Promise<SQL[]> {
  const where: SQL[] = []
  if (query.orgId !== undefined) {
    const [org] = await tx.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, query.orgId))
    if (!org || !can(user, 'legal.handle', org.path)) throw refuse(LegalReasons.LEGAL_UNION_OUTSIDE)
    where.push(like(orgs.path, `${org.path}%`))
  }
  if (query.kind) where.push(eq(legalCases.kind, query.kind))
  if (query.status) where.push(eq(legalCases.status, query.status))
  if (query.from) where.push(gte(legalCases.createdAt, new Date(`${query.from}T00:00:00+08:00`)))
  if (query.to) where.push(lt(legalCases.createdAt, new Date(Date.parse(`${query.to}T00:00:00+08:00`) + 86_400_000)))
  return where
}

/** Cases of the caller's subtree, oldest or newest first (keyset on (created_at, id)), and how many are overdue. */
export async function list(deps: AppDeps, user: AuthUser, query: ManageQuery): Promise<{ items: LegalCaseItem[]; nextCursor: string | null; overdueCount: number }> {
  const now = deps.now()
  const cur = decodeSortedCursor(query.cursor, ['number', 'number'] as const, query.sort)
  const after = cur ? pastKey(sql`(${legalCases.createdAt}, ${legalCases.id})`, sql`(${new Date(cur[0]).toISOString()}::timestamptz, ${cur[1]})`, query.sort) : undefined
  const dir = query.sort === 'newest' ? desc : asc
  return deps.db.transaction(async (tx) => {
    const narrow = await narrowing(tx, user, query)
    const rows = await tx
      .select({ c: legalCases, orgName: orgs.name, name: memberDirectory.name })
      .from(legalCases)
      .innerJoin(orgs, eq(orgs.id, legalCases.orgId))
      .leftJoin(memberDirectory, eq(memberDirectory.userId, legalCases.userId))
      .where(and(inScope(user), FILTERS[query.filter](now), after, ...narrow))
      .orderBy(dir(legalCases.createdAt), dir(legalCases.id))
      .limit(query.limit + 1)
    const { page, nextCursor } = sortedPageOf(rows, query.limit, query.sort, (last) => [last.c.createdAt.getTime(), last.c.id])
    const [{ n }] = await tx
      .select({ n: count() })
      .from(legalCases)
      .innerJoin(orgs, eq(orgs.id, legalCases.orgId))
      .where(and(inScope(user), overdueWhere(now)))
    return { items: page.map((r) => caseItem(r.c, r.orgName, now, r.name ?? '会员')), nextCursor, overdueCount: Number(n) }
  })
}

async function staffView(deps: AppDeps, tx: Tx, user: AuthUser, c: LegalCaseRow, orgName: string): Promise<LegalStaffCaseView> {
  const [m] = await tx.select({ name: memberDirectory.name }).from(memberDirectory).where(eq(memberDirectory.userId, c.userId))
  await audit(tx, { actorUserId: user.userId, action: 'legal.case.view', subjectType: 'legal_case', subjectId: c.id, detail: { phone: c.phoneEnc !== null } })
  return { ...(await caseView(deps, tx, c, orgName, 'staff')), memberName: m?.name ?? '会员', mine: c.handlerUserId === user.userId }
}

export async function staffDetail(deps: AppDeps, user: AuthUser, id: number): Promise<LegalStaffCaseView> {
  return deps.db.transaction(async (tx) => {
    const { c, orgName } = await lockCase(tx, id)
    return staffView(deps, tx, user, c, orgName)
  })
}

/** Locks an open case for a staff step; `taken`: it must have been taken. */
async function openCase(tx: Tx, id: number, taken: boolean) {
  const row = await lockCase(tx, id)
  if (row.c.status === 'closed') throw refuse(LegalReasons.LEGAL_CASE_CLOSED)
  if (taken && row.c.handlerUserId === null && row.c.handlerName === null) throw refuse(LegalReasons.LEGAL_NOT_TAKEN)
  return row
}

export async function take(deps: AppDeps, user: AuthUser, id: number): Promise<LegalStaffCaseView> {
  return deps.db.transaction(async (tx) => {
    const { c, orgName } = await openCase(tx, id, false)
    if (c.handlerName !== null) throw refuse(LegalReasons.LEGAL_ALREADY_TAKEN, { by: c.handlerName })
    const now = new Date(deps.now())
    const [next] = await tx
      .update(legalCases)
      .set({ handlerUserId: user.userId, handlerName: user.nickname, status: 'in_progress', updatedAt: now })
      .where(eq(legalCases.id, c.id))
      .returning()
    await addEntry(deps, tx, next, { kind: 'taken', author: 'staff', actorUserId: user.userId, byLabel: user.nickname }, { body: `${user.nickname}已受理您的咨询，将尽快与您联系` })
    return staffView(deps, tx, user, next, orgName)
  })
}

/** A reply (→ 处理中, or still 已预约 when a session is booked) or a request for more (→ 待您补充). */
export async function reply(deps: AppDeps, user: AuthUser, id: number, body: StaffMessageBody): Promise<LegalStaffCaseView> {
  return deps.db.transaction(async (tx) => {
    const { c, orgName } = await openCase(tx, id, true)
    const now = new Date(deps.now())
    const status = body.kind === 'request_info' ? 'awaiting_member' : c.status === 'scheduled' ? 'scheduled' : 'in_progress'
    const [next] = await tx
      .update(legalCases)
      .set({ status, firstResponseAt: c.firstResponseAt ?? now, updatedAt: now })
      .where(eq(legalCases.id, c.id))
      .returning()
    await addEntry(
      deps,
      tx,
      next,
      { kind: body.kind, author: 'staff', actorUserId: user.userId, byLabel: user.nickname, text: body.text },
      { body: body.kind === 'request_info' ? `${user.nickname}请您补充情况，请打开咨询回复` : `${user.nickname}回复了您的咨询，请打开查看` },
    )
    return staffView(deps, tx, user, next, orgName)
  })
}

export async function schedule(deps: AppDeps, user: AuthUser, id: number, body: ScheduleBody): Promise<LegalStaffCaseView> {
  const at = Date.parse(body.at)
  if (at <= deps.now()) throw refuseAt('at', LegalReasons.LEGAL_SESSION_IN_PAST)
  if (body.mode === 'in_person' && !body.place) throw refuseAt('place', LegalReasons.LEGAL_PLACE_REQUIRED)
  return deps.db.transaction(async (tx) => {
    const { c, orgName } = await openCase(tx, id, true)
    const now = new Date(deps.now())
    const session = { mode: body.mode, at: new Date(at).toISOString(), place: body.place || null, note: body.note || null }
    const [next] = await tx
      .update(legalCases)
      .set({ status: 'scheduled', session, firstResponseAt: c.firstResponseAt ?? now, updatedAt: now })
      .where(eq(legalCases.id, c.id))
      .returning()
    const when = `${LEGAL_SESSION_MODES[body.mode]}：${chinaTime(at)}${session.place ? `，${session.place}` : ''}`
    await addEntry(deps, tx, next, { kind: 'scheduled', author: 'staff', actorUserId: user.userId, byLabel: user.nickname, text: session.note ? `${when}。${session.note}` : when }, { body: `已为您预约${when}` })
    return staffView(deps, tx, user, next, orgName)
  })
}

export async function close(deps: AppDeps, user: AuthUser, id: number, body: CloseBody): Promise<LegalStaffCaseView> {
  if (body.outcome === 'mediated' && (body.amountRecovered === null || body.amountRecovered === undefined)) {
    throw refuseAt('amountRecovered', LegalReasons.LEGAL_RECOVERED_REQUIRED)
  }
  return deps.db.transaction(async (tx) => {
    const { c, orgName } = await openCase(tx, id, true)
    const now = new Date(deps.now())
    const recovered = body.outcome === 'mediated' ? body.amountRecovered! : null
    const [next] = await tx
      .update(legalCases)
      .set({ status: 'closed', outcome: body.outcome, amountRecovered: recovered, closedAt: now, firstResponseAt: c.firstResponseAt ?? now, updatedAt: now })
      .where(eq(legalCases.id, c.id))
      .returning()
    const label = recovered !== null ? `${LEGAL_OUTCOMES[body.outcome]}，追回 ¥${recovered}` : LEGAL_OUTCOMES[body.outcome]
    await addEntry(
      deps,
      tx,
      next,
      { kind: 'closed', author: 'staff', actorUserId: user.userId, byLabel: user.nickname, text: `${label}。${body.note}` },
      { body: `您的咨询已结案：${label}。欢迎为这次服务评分` },
    )
    return staffView(deps, tx, user, next, orgName)
  })
}

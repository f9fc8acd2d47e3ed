/**
 * The member's side of a consultation: ask (members of a union; the case goes to that union's legal staff and those
 * above it), list, read, answer or follow up, withdraw while open, rate once closed. The description, the phone and
 * every message are stored encrypted (thread.ts).
 */
import { and, desc, eq, lt } from 'drizzle-orm'
import { LEGAL_CONTACT_PREFS, LEGAL_FIRST_RESPONSE_WORKING_DAYS } from '@contract/legal/labels'
import { LegalReasons } from '@contract/legal/reasons'
import type { CreateCaseBody, LegalCaseItem, LegalCaseView, MessageBody, RateBody } from '@contract/legal/schemas'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { decodeCursor, pageOf } from '../../db/paging'
import { orgs } from '../../db/schema/core'
import { legalCases, type LegalCaseRow } from '../../db/schema/legal'
import type { AuthUser } from '../../auth/sessions'
import { refuse, refuseAt } from '../../errors'
import { addWorkingDays } from '../calendar'
import { memberOf } from '../membership'
import { attach } from './documents'
import { addEntry } from './thread'
import { caseItem, caseView } from './views'

/** The case (locked for the change) with its union's name; 404 when it is not the caller's. */
export async function lockCase(tx: Tx, id: number, ownerUserId?: number): Promise<{ c: LegalCaseRow; orgName: string }> {
  const [row] = await tx
    .select({ c: legalCases, orgName: orgs.name })
    .from(legalCases)
    .innerJoin(orgs, eq(orgs.id, legalCases.orgId))
    .where(eq(legalCases.id, id))
    .for('update', { of: legalCases })
  if (!row || (ownerUserId !== undefined && row.c.userId !== ownerUserId)) throw refuse(LegalReasons.LEGAL_CASE_NOT_FOUND)
  return row
}

export async function create(deps: AppDeps, user: AuthUser, body: CreateCaseBody): Promise<LegalCaseView> {
  if (body.kind === 'unpaid_wages' && (body.amount === null || body.amount === undefined)) throw refuseAt('amount', LegalReasons.LEGAL_AMOUNT_REQUIRED)
  if (body.contactPref === 'phone' && !body.phone) throw refuseAt('phone', LegalReasons.LEGAL_PHONE_REQUIRED)
  return deps.db.transaction(async (tx) => {
    const member = await memberOf(tx, user.userId)
    if (!member) throw refuse(LegalReasons.NOT_MEMBER)
    const attachments = await attach(deps, tx, user, body.attachments)
    const now = new Date(deps.now())
    const [c] = await tx
      .insert(legalCases)
      .values({
        userId: user.userId,
        orgId: member.orgId,
        kind: body.kind,
        employer: body.employer,
        amount: body.amount ?? null,
        descriptionEnc: deps.cipher.encrypt(body.description),
        phoneEnc: body.phone ? deps.cipher.encrypt(body.phone) : null,
        contactPref: body.contactPref,
        contactTime: body.contactTime,
        attachments,
        firstResponseDue: addWorkingDays(now, LEGAL_FIRST_RESPONSE_WORKING_DAYS),
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    await addEntry(deps, tx, c, { kind: 'submitted', author: 'member', actorUserId: user.userId, byLabel: member.name, text: `希望${LEGAL_CONTACT_PREFS[c.contactPref]}` })
    return caseView(deps, tx, c, member.orgName, 'member')
  })
}

export async function mine(deps: AppDeps, user: AuthUser, query: { cursor?: string; limit: number }): Promise<{ items: LegalCaseItem[]; nextCursor: string | null }> {
  const c = decodeCursor(query.cursor, ['number'] as const)
  const rows = await deps.db
    .select({ c: legalCases, orgName: orgs.name })
    .from(legalCases)
    .innerJoin(orgs, eq(orgs.id, legalCases.orgId))
    .where(and(eq(legalCases.userId, user.userId), c ? lt(legalCases.id, c[0]) : undefined))
    .orderBy(desc(legalCases.id))
    .limit(query.limit + 1)
  const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.c.id])
  const now = deps.now()
  return { items: page.map((r) => caseItem(r.c, r.orgName, now, null)), nextCursor }
}

export async function detail(deps: AppDeps, user: AuthUser, id: number): Promise<LegalCaseView> {
  return deps.db.transaction(async (tx) => {
    const { c, orgName } = await lockCase(tx, id, user.userId)
    return caseView(deps, tx, c, orgName, 'member')
  })
}

/** The member writes: an answer to a request for more information (→ 处理中) or a follow-up. */
export async function message(deps: AppDeps, user: AuthUser, id: number, body: MessageBody): Promise<LegalCaseView> {
  return deps.db.transaction(async (tx) => {
    const { c, orgName } = await lockCase(tx, id, user.userId)
    if (c.status === 'closed') throw refuse(LegalReasons.LEGAL_CASE_CLOSED)
    const attachments = await attach(deps, tx, user, body.attachments)
    const now = new Date(deps.now())
    const [next] = await tx
      .update(legalCases)
      .set({ status: c.status === 'awaiting_member' ? 'in_progress' : c.status, updatedAt: now })
      .where(eq(legalCases.id, c.id))
      .returning()
    await addEntry(deps, tx, next, { kind: 'member_message', author: 'member', actorUserId: user.userId, byLabel: await nameOf(tx, user), text: body.text, attachments })
    return caseView(deps, tx, next, orgName, 'member')
  })
}

export async function withdraw(deps: AppDeps, user: AuthUser, id: number): Promise<LegalCaseView> {
  return deps.db.transaction(async (tx) => {
    const { c, orgName } = await lockCase(tx, id, user.userId)
    if (c.status === 'closed') throw refuse(LegalReasons.LEGAL_CASE_CLOSED)
    const now = new Date(deps.now())
    const [next] = await tx
      .update(legalCases)
      .set({ status: 'closed', outcome: 'withdrawn', closedAt: now, updatedAt: now })
      .where(eq(legalCases.id, c.id))
      .returning()
    await addEntry(deps, tx, next, { kind: 'withdrawn', author: 'member', actorUserId: user.userId, byLabel: await nameOf(tx, user) })
    return caseView(deps, tx, next, orgName, 'member')
  })
}

export async function rate(deps: AppDeps, user: AuthUser, id: number, body: RateBody): Promise<LegalCaseView> {
  return deps.db.transaction(async (tx) => {
    const { c, orgName } = await lockCase(tx, id, user.userId)
    if (c.status !== 'closed') throw refuse(LegalReasons.LEGAL_NOT_CLOSED)
    if (c.outcome === 'withdrawn') throw refuse(LegalReasons.LEGAL_WITHDRAWN_NO_RATING)
    if (c.ratedAt) throw refuse(LegalReasons.LEGAL_ALREADY_RATED)
    const now = new Date(deps.now())
    const [next] = await tx
      .update(legalCases)
      .set({ ratingStars: body.stars, ratingComment: body.comment || null, ratedAt: now, updatedAt: now })
      .where(eq(legalCases.id, c.id))
      .returning()
    await addEntry(deps, tx, next, {
      kind: 'rated',
      author: 'member',
      actorUserId: user.userId,
      byLabel: await nameOf(tx, user),
      text: `${'★'.repeat(body.stars)}${body.comment ? ` ${body.comment}` : ''}`,
    })
    return caseView(deps, tx, next, orgName, 'member')
  })
}

async function nameOf(tx: Tx, user: AuthUser): Promise<string> {
  return (await memberOf(tx, user.userId))?.name ?? user.nickname
}

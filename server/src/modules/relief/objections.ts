/**
 * 公示 objections: a member objects to a published case while its round is open; relief staff read the objections
 * in their scopes (unanswered first, paged); only the level that approved the amount (the type's 复核 level) answers
 * one — upheld, the approval is withdrawn and the case becomes 未通过.
 */
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { ReliefReasons } from '@contract/relief/reasons'
import type { ReviewObjection } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { decodeCursor, pageOf } from '../../db/paging'
import { orgs } from '../../db/schema/core'
import { reliefAidTypes, reliefApplications, reliefEvents, reliefObjections, reliefRounds } from '../../db/schema/relief'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { Errors, refuse } from '../../errors'
import { memberDirectory, memberOf } from '../membership'
import { typeMap, typeOf } from './aid-type-store'
import { ReliefAuthority } from './authority'
import { levelRefusal } from './case-access'
import { stageChange } from './timeline'
import { nowDate } from './views'

/** A member's objection to a published case (entry id = application id) while its round is open. */
export async function object(deps: AppDeps, user: AuthUser, applicationId: number, content: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await memberOf(tx, user.userId))) throw refuse(ReliefReasons.NOT_MEMBER, { action: 'object' })
    const [app] = await tx.select().from(reliefApplications).where(eq(reliefApplications.id, applicationId)).for('update')
    if (!app || !app.roundId || !['publicity', 'paid'].includes(app.stage)) throw refuse(ReliefReasons.RELIEF_PUBLICITY_ENTRY_NOT_FOUND)
    const [round] = await tx.select().from(reliefRounds).where(eq(reliefRounds.id, app.roundId))
    const now = nowDate(deps)
    if (app.stage !== 'publicity' || round.endsAt.getTime() <= now.getTime()) throw refuse(ReliefReasons.RELIEF_PUBLICITY_ENDED)
    await tx.insert(reliefObjections).values({ applicationId: app.id, roundId: round.id, userId: user.userId, content, createdAt: now })
    await tx.insert(reliefEvents).values({ applicationId: app.id, kind: 'objection', note: '工会正在核实', byLabel: null, actorUserId: null, at: now })
    await audit(tx, { actorUserId: user.userId, action: 'relief.objection', subjectType: 'relief_application', subjectId: app.id })
  })
}

/** The objections in the caller's scopes, unanswered first, a page at a time (cursor on (answered, id)). */
export async function reviewObjections(
  deps: AppDeps,
  user: AuthUser,
  query: { cursor?: string; limit: number },
): Promise<{ items: ReviewObjection[]; nextCursor: string | null }> {
  return deps.db.transaction(async (tx) => {
    const auth = await ReliefAuthority.of(tx, user)
    if (!auth.any) throw Errors.forbidden()
    const c = decodeCursor(query.cursor, ['number', 'number'] as const)
    const answered = sql<number>`(${reliefObjections.answeredAt} is not null)::int`
    const rows = await objectionRows(
      tx,
      auth,
      and(ReliefAuthority.inScopes(auth.allScopes), c ? sql`(${answered}, ${reliefObjections.id}) > (${c[0]}::int, ${c[1]}::int)` : undefined),
      query.limit + 1,
    )
    const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.view.answeredAt ? 1 : 0, last.view.id])
    return { items: page.map((r) => r.view), nextCursor }
  })
}

/** Objections (unanswered first, then in order of arrival) with the case, and whether the caller may answer each. */
async function objectionRows(tx: Tx, auth: ReliefAuthority, where: SQL | undefined, limit?: number) {
  const q = tx
    .select({ o: reliefObjections, app: reliefApplications, orgPath: orgs.path, reviewLevel: reliefAidTypes.reviewLevel, name: memberDirectory.name })
    .from(reliefObjections)
    .innerJoin(reliefApplications, eq(reliefApplications.id, reliefObjections.applicationId))
    .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
    .innerJoin(reliefAidTypes, eq(reliefAidTypes.key, reliefApplications.typeKey))
    .leftJoin(memberDirectory, eq(memberDirectory.userId, reliefApplications.userId))
    .where(where)
    .orderBy(sql`${reliefObjections.answeredAt} is not null`, asc(reliefObjections.id))
  const rows = limit === undefined ? await q : await q.limit(limit)
  const types = await typeMap(tx)
  return rows.map((r) => ({
    orgPath: r.orgPath,
    reviewLevel: r.reviewLevel,
    app: r.app,
    view: {
      id: r.o.id,
      content: r.o.content,
      createdAt: r.o.createdAt.toISOString(),
      answer: r.o.answer,
      upheld: r.o.upheld,
      answeredAt: r.o.answeredAt?.toISOString() ?? null,
      applicationId: r.app.id,
      applicantName: r.name ?? '',
      typeName: types.get(r.app.typeKey)?.name ?? r.app.typeKey,
      roundId: r.o.roundId,
      canAnswer: r.o.answeredAt === null && auth.districtActor(r.orgPath, r.reviewLevel) !== null,
    } satisfies ReviewObjection,
  }))
}

/** Only the level that approved the amount (the type's 复核 level) decides an objection; a 初审 reviewer may read it. */
export async function answerObjection(deps: AppDeps, user: AuthUser, objectionId: number, body: { answer: string; upheld: boolean }): Promise<ReviewObjection> {
  return deps.db.transaction(async (tx) => {
    const auth = await ReliefAuthority.of(tx, user)
    if (!auth.any) throw refuse(ReliefReasons.RELIEF_OBJECTION_NOT_FOUND)
    const [found] = await objectionRows(tx, auth, eq(reliefObjections.id, objectionId))
    if (!found) throw refuse(ReliefReasons.RELIEF_OBJECTION_NOT_FOUND)
    const by = auth.districtActor(found.orgPath, found.reviewLevel)
    if (!by) {
      if (!auth.baseActor(found.orgPath)) throw refuse(ReliefReasons.RELIEF_OBJECTION_OUTSIDE_SCOPE)
      throw await levelRefusal(tx, found.orgPath, found.reviewLevel, 'objection')
    }
    const [app] = await tx.select().from(reliefApplications).where(eq(reliefApplications.id, found.app.id)).for('update')
    const [claimed] = await tx
      .update(reliefObjections)
      .set({ answer: body.answer, upheld: body.upheld, answeredBy: user.userId, answeredAt: nowDate(deps) })
      .where(and(eq(reliefObjections.id, objectionId), isNull(reliefObjections.answeredAt)))
      .returning()
    if (!claimed) throw refuse(ReliefReasons.RELIEF_OBJECTION_ANSWERED)
    const now = nowDate(deps)
    const type = await typeOf(tx, app.typeKey)
    await tx.insert(reliefEvents).values({
      applicationId: app.id,
      kind: 'objection_answered',
      note: body.upheld ? '异议经核实成立' : '异议经核实不成立',
      byLabel: by.name,
      actorUserId: user.userId,
      at: now,
    })
    if (body.upheld && app.stage === 'publicity') {
      const [row] = await tx
        .update(reliefApplications)
        .set({ stage: 'rejected', stageSince: now, rejectReason: body.answer, updatedAt: now })
        .where(eq(reliefApplications.id, app.id))
        .returning()
      await stageChange(tx, row, type, 'rejected', body.answer, user.userId, by.name, now)
    }
    await audit(tx, {
      actorUserId: user.userId,
      action: 'relief.objection.answer',
      subjectType: 'relief_objection',
      subjectId: objectionId,
      detail: { upheld: body.upheld, asOrgId: by.id },
    })
    return (await objectionRows(tx, auth, eq(reliefObjections.id, objectionId)))[0].view
  })
}

/**
 * 公示 rounds: the 复核-level union publishes approved cases for N days (masked names, union, type, amount); members
 * and relief staff read the current and recent rounds. Objections to a published case: objections.ts.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { maskPublicName } from '@contract/relief/labels'
import { ReliefReasons } from '@contract/relief/reasons'
import type { PublicityRound } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { reliefAidTypes, reliefApplications, reliefRounds } from '../../db/schema/relief'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { memberDirectory, memberOf } from '../membership'
import { typeMap } from './aid-type-store'
import { ReliefAuthority, type ActingOrg } from './authority'
import { levelRefusal } from './case-access'
import { stageChange } from './timeline'
import { chinaMinute, nowDate } from './views'

const DAY = 86_400_000

/**
 * Publish a round of approved cases: the chosen ones (each must be 待公示 and within the caller's 复核 level), or
 * every approved case the caller may publish. The publisher is the acting union covering every case in it.
 */
export async function createRound(deps: AppDeps, user: AuthUser, body: { title: string; days: number; applicationIds?: number[] }): Promise<PublicityRound> {
  return deps.db.transaction(async (tx) => {
    const auth = await ReliefAuthority.of(tx, user)
    if (!auth.hasDistrict) throw refuse(ReliefReasons.RELIEF_PUBLISH_FORBIDDEN)
    const candidates = await tx
      .select({ app: reliefApplications, orgPath: orgs.path, reviewLevel: reliefAidTypes.reviewLevel })
      .from(reliefApplications)
      .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
      .innerJoin(reliefAidTypes, eq(reliefAidTypes.key, reliefApplications.typeKey))
      .where(
        and(
          eq(reliefApplications.stage, 'approved'),
          body.applicationIds ? inArray(reliefApplications.id, body.applicationIds) : ReliefAuthority.inScopes(auth.districtRoots),
        ),
      )
      .orderBy(asc(reliefApplications.stageSince), asc(reliefApplications.id))
      .for('update', { of: reliefApplications })
    const acting = candidates.map((c) => ({ ...c, by: auth.districtActor(c.orgPath, c.reviewLevel) }))
    if (body.applicationIds) {
      if (acting.length !== new Set(body.applicationIds).size) throw refuse(ReliefReasons.RELIEF_ROUND_STALE)
      const outside = acting.find((c) => !c.by)
      if (outside) throw await levelRefusal(tx, outside.orgPath, outside.reviewLevel, 'publish')
    }
    const chosen = acting.filter((c): c is typeof c & { by: ActingOrg } => c.by !== null)
    if (chosen.length === 0) throw refuse(ReliefReasons.RELIEF_NOTHING_TO_PUBLISH)
    const now = nowDate(deps)
    const endsAt = new Date(now.getTime() + body.days * DAY)
    // The round is published by the acting union that covers every case in it (the shallowest of them).
    const publisher = chosen.map((c) => c.by).reduce((a, b) => (b.path.length < a.path.length ? b : a))
    const [round] = await tx
      .insert(reliefRounds)
      .values({ title: body.title, orgId: publisher.id, startsAt: now, endsAt, createdBy: user.userId, createdAt: now })
      .returning()
    const types = await typeMap(tx)
    for (const c of chosen) {
      const [row] = await tx
        .update(reliefApplications)
        .set({ stage: 'publicity', stageSince: now, roundId: round.id, updatedAt: now })
        .where(eq(reliefApplications.id, c.app.id))
        .returning()
      await stageChange(tx, row, types.get(row.typeKey)!, 'published', `公示期至 ${chinaMinute(endsAt)}`, user.userId, publisher.name, now)
    }
    await audit(tx, {
      actorUserId: user.userId,
      action: 'relief.publish',
      subjectType: 'relief_round',
      subjectId: round.id,
      detail: { applications: chosen.map((c) => c.app.id), days: body.days, asOrgId: publisher.id },
    })
    return (await roundsView(deps, tx, [round.id]))[0]
  })
}

/** Current and recent (ended within 30 days) rounds, for members and relief staff. */
export async function publicity(deps: AppDeps, user: AuthUser): Promise<PublicityRound[]> {
  return deps.db.transaction(async (tx) => {
    if (!(await memberOf(tx, user.userId)) && !(await ReliefAuthority.of(tx, user)).any) {
      throw refuse(ReliefReasons.NOT_MEMBER, { action: 'publicity' })
    }
    const since = new Date(deps.now() - 30 * DAY)
    const rounds = await tx
      .select({ id: reliefRounds.id })
      .from(reliefRounds)
      .where(sql`${reliefRounds.endsAt} > ${since}`)
      .orderBy(desc(reliefRounds.startsAt), desc(reliefRounds.id))
    return roundsView(deps, tx, rounds.map((r) => r.id))
  })
}

/** The rounds with their entries (cases still published or paid), names masked. */
async function roundsView(deps: AppDeps, tx: Tx, ids: number[]): Promise<PublicityRound[]> {
  if (ids.length === 0) return []
  const rounds = await tx
    .select({ r: reliefRounds, orgName: orgs.name })
    .from(reliefRounds)
    .innerJoin(orgs, eq(orgs.id, reliefRounds.orgId))
    .where(inArray(reliefRounds.id, ids))
  const entries = await tx
    .select({ app: reliefApplications, orgName: orgs.name, name: memberDirectory.name })
    .from(reliefApplications)
    .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
    .leftJoin(memberDirectory, eq(memberDirectory.userId, reliefApplications.userId))
    .where(and(inArray(reliefApplications.roundId, ids), inArray(reliefApplications.stage, ['publicity', 'paid'])))
    .orderBy(asc(reliefApplications.id))
  const types = await typeMap(tx)
  const now = deps.now()
  const byId = new Map(rounds.map((x) => [x.r.id, x]))
  return ids
    .map((id) => byId.get(id)!)
    .map(({ r, orgName }) => ({
      id: r.id,
      title: r.title,
      orgName,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      open: r.endsAt.getTime() > now,
      entries: entries
        .filter((e) => e.app.roundId === r.id)
        .map((e) => ({
          id: e.app.id,
          nameMasked: maskPublicName(e.name ?? ''),
          orgName: e.orgName,
          typeName: types.get(e.app.typeKey)?.name ?? e.app.typeKey,
          amount: e.app.amount ?? 0,
        })),
    }))
}

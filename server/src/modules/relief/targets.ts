/**
 * What relief's access rules are about (server/src/access.ts): an application's owner and union, a case's union and
 * 复核 level, an objection's case, an aid type's owner — and the relief-only review delegations, which count as the
 * roles they stand for (base → reviewer: 初审; district → 复核 at the delegation's level) for relief rules only.
 */
import { eq, sql } from 'drizzle-orm'
import { ReliefReasons } from '@contract/relief/reasons'
import { orgs } from '../../db/schema/core'
import { reliefAidTypes, reliefApplications, reliefObjections } from '../../db/schema/relief'
import type { Grant } from '../../auth/policy'
import { idParam, resolver, type ExtraGrants } from '../../http/access'
import { refuse } from '../../errors'
import { ownerRefusal } from './aid-types'
import { delegationsOf } from './authority'

export const application = resolver('relief application', ReliefReasons.RELIEF_APPLICATION_NOT_FOUND.message(), async (db, input) => {
  const [row] = await db
    .select({ userId: reliefApplications.userId, path: orgs.path })
    .from(reliefApplications)
    .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
    .where(eq(reliefApplications.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, ownerUserId: row.userId } : null
})

/** Outside the caller's scope: the case's refusal, or the objection's. */
type ScopeRefusal = typeof ReliefReasons.RELIEF_CASE_OUTSIDE_SCOPE | typeof ReliefReasons.RELIEF_OBJECTION_OUTSIDE_SCOPE

/** A submitted case: the applicant's union and the type's 复核 level (drafts are nobody's business but the owner's). */
async function caseTarget(db: Parameters<typeof application.resolve>[0], id: number, refusal: ScopeRefusal = ReliefReasons.RELIEF_CASE_OUTSIDE_SCOPE) {
  const [row] = await db
    .select({ path: orgs.path, stage: reliefApplications.stage, level: reliefAidTypes.reviewLevel })
    .from(reliefApplications)
    .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
    .innerJoin(reliefAidTypes, eq(reliefAidTypes.key, reliefApplications.typeKey))
    .where(eq(reliefApplications.id, id))
    .limit(1)
  return row && row.stage !== 'draft' ? { orgPath: row.path, maxLevel: row.level, refusal: () => refuse(refusal) } : null
}

export const reviewCase = resolver('relief case', ReliefReasons.RELIEF_APPLICATION_NOT_FOUND.message(), async (db, input) => caseTarget(db, idParam(input)))

export const objection = resolver('objection’s case', ReliefReasons.RELIEF_OBJECTION_NOT_FOUND.message(), async (db, input) => {
  const [row] = await db
    .select({ applicationId: reliefObjections.applicationId })
    .from(reliefObjections)
    .where(eq(reliefObjections.id, idParam(input)))
    .limit(1)
  return row ? caseTarget(db, row.applicationId, ReliefReasons.RELIEF_OBJECTION_OUTSIDE_SCOPE) : null
})

/**
 * An aid type's owning union; a type not created yet: the union its body names (which it must) — or, read without a
 * body (GET), none: 404.
 */
export const aidType = resolver('aid type’s owner', ReliefReasons.RELIEF_TYPE_NOT_FOUND, async (db, input) => {
  const key = (input.params as { key: string }).key
  const body = input.body as { orgId?: number; name?: string } | undefined
  const [row] = await db
    .select({ path: orgs.path, ownerName: orgs.name, name: sql<string>`${reliefAidTypes.config}->>'name'` })
    .from(reliefAidTypes)
    .innerJoin(orgs, eq(orgs.id, reliefAidTypes.orgId))
    .where(eq(reliefAidTypes.key, key))
    .limit(1)
  if (row) return { orgPath: row.path, refusal: () => refuse(ReliefReasons.RELIEF_TYPE_FORBIDDEN, { typeName: row.name, ownerName: row.ownerName }) }
  if (body === undefined || body === null) return null
  if (typeof body?.orgId !== 'number') throw ownerRefusal(ReliefReasons.RELIEF_TYPE_OWNER_REQUIRED)
  const [org] = await db.select({ path: orgs.path, name: orgs.name }).from(orgs).where(eq(orgs.id, body.orgId)).limit(1)
  if (!org) throw ownerRefusal(ReliefReasons.RELIEF_TYPE_OWNER_UNKNOWN)
  return { orgPath: org.path, refusal: () => refuse(ReliefReasons.RELIEF_TYPE_FORBIDDEN, { typeName: body.name ?? key, ownerName: org.name }) }
})

export const delegations: ExtraGrants = {
  name: 'relief review delegations',
  async load(db, userId) {
    const rows = await delegationsOf(db, userId)
    return rows.map((r): Grant => ({ role: r.level === 'base' ? 'reviewer' : 'admin', orgId: r.id, orgPath: r.path }))
  },
}

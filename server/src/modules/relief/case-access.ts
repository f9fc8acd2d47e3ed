/**
 * Reaching a case: the applicant reaches their own application (404 for anyone else's); a reviewer reaches a
 * submitted case through their relief authority (authority.ts) — 404 without any, 403 outside their scopes — and acts
 * at the level the case's stage needs (初审 over the applicant's union; 复核, 公示, 发放 at the type's 复核 level).
 */
import { and, eq } from 'drizzle-orm'
import { ReliefReasons } from '@contract/relief/reasons'
import type { ReviewLevel } from '@contract/relief/labels'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { reliefAidTypes, reliefApplications, type ReliefApplicationRow } from '../../db/schema/relief'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { ReliefAuthority, unionAtLevel, type ActingOrg } from './authority'

/** The caller's own application (404 for anyone else's), optionally locked. */
export async function ownApplication(tx: Tx, user: AuthUser, id: number, lock = false): Promise<ReliefApplicationRow> {
  const q = tx.select().from(reliefApplications).where(and(eq(reliefApplications.id, id), eq(reliefApplications.userId, user.userId)))
  const [row] = lock ? await q.for('update') : await q
  if (!row) throw refuse(ReliefReasons.RELIEF_APPLICATION_NOT_FOUND)
  return row
}

/** A case as a reviewer reaches it: the union that would act at each level (null = may not). */
export interface Reviewable {
  app: ReliefApplicationRow
  orgPath: string
  /** The type's 复核 level (1 = the root union). */
  reviewLevel: number
  base: ActingOrg | null
  district: ActingOrg | null
}

/** A case the caller may see as a reviewer: 404 without any relief authority, 403 outside their scopes. */
export async function reviewable(tx: Tx, user: AuthUser, id: number, lock = false): Promise<Reviewable> {
  const auth = await ReliefAuthority.of(tx, user)
  if (!auth.any) throw refuse(ReliefReasons.RELIEF_APPLICATION_NOT_FOUND)
  const q = tx
    .select({ app: reliefApplications, orgPath: orgs.path, reviewLevel: reliefAidTypes.reviewLevel })
    .from(reliefApplications)
    .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
    .innerJoin(reliefAidTypes, eq(reliefAidTypes.key, reliefApplications.typeKey))
    .where(eq(reliefApplications.id, id))
  const [row] = lock ? await q.for('update', { of: reliefApplications }) : await q
  if (!row || row.app.stage === 'draft') throw refuse(ReliefReasons.RELIEF_APPLICATION_NOT_FOUND)
  const base = auth.baseActor(row.orgPath)
  const district = auth.districtActor(row.orgPath, row.reviewLevel)
  if (!base && !district) throw refuse(ReliefReasons.RELIEF_CASE_OUTSIDE_SCOPE)
  return { app: row.app, orgPath: row.orgPath, reviewLevel: row.reviewLevel, base, district }
}

/** The 403 for acting below the case's 复核 level, naming the union whose job it is. */
export async function levelRefusal(tx: Tx, orgPath: string, reviewLevel: number, action: 'district_review' | 'payout' | 'publish' | 'objection') {
  return refuse(ReliefReasons.RELIEF_LEVEL_REQUIRED, { action, union: await unionAtLevel(tx, orgPath, reviewLevel) })
}

/** The 复核-level union acting on this case, or 403 naming the union whose job it is. */
export async function districtOf(tx: Tx, r: Reviewable, action: 'district_review' | 'payout'): Promise<ActingOrg> {
  if (r.district) return r.district
  throw await levelRefusal(tx, r.orgPath, r.reviewLevel, action)
}

/** The level (and union) the caller acts at for this stage, or a 403/409 saying why not. */
export async function acting(tx: Tx, r: Reviewable): Promise<{ level: ReviewLevel; by: ActingOrg }> {
  const stage = r.app.stage
  if (stage === 'base_review') {
    if (!r.base) throw refuse(ReliefReasons.RELIEF_BASE_REVIEW_ONLY)
    return { level: 'base', by: r.base }
  }
  if (stage === 'district_review') return { level: 'district', by: await districtOf(tx, r, 'district_review') }
  throw refuse(ReliefReasons.RELIEF_NOT_IN_REVIEW, { stage })
}

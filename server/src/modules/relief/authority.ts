/**
 * Who may act on a relief case, and as which union.
 *
 * - 初审 (base): `relief.review` through the policy over the applicant's union, or a relief-only base delegation
 *   (relief_review_grants) over it.
 * - 复核, 公示, 发放 and the answers to 公示 objections (district): `relief.review_district` held at the case's type's
 *   复核 level or above (the policy's `maxLevel`: a street admin cannot act for the district), over the applicant's
 *   union; relief-only district delegations follow the same rule (their union's level ≤ the type's 复核 level).
 *
 * The union that acts is the deepest grant or delegation that qualifies: the timeline names it.
 */
import { and, eq, gte, like, or, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db'
import { prepared } from '../../db/prepared'
import { orgs } from '../../db/schema/core'
import { reliefAidTypes, reliefReviewGrants } from '../../db/schema/relief'
import { grantCovers, inSubtree, levelOf, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'

export interface ActingOrg {
  id: number
  name: string
  path: string
}

/** The deepest of the candidates (closest to the case), or null. */
function deepest(candidates: ActingOrg[]): ActingOrg | null {
  return candidates.reduce<ActingOrg | null>((best, c) => (!best || levelOf(c.path) > levelOf(best.path) ? c : best), null)
}

/** Removes roots nested in another root (a shallower root covers the same cases at a lower level). */
function outermost(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length)
  return sorted.filter((p, i) => !sorted.slice(0, i).some((r) => inSubtree(r, p)))
}

/**
 * The user's relief-only delegations with their unions. Prepared (db/prepared.ts): read on every relief staff request,
 * by the access rule (targets.ts `delegations`) and again by the service that acts on them.
 */
export async function delegationsOf(db: DbOrTx, userId: number): Promise<(ActingOrg & { level: 'base' | 'district' })[]> {
  return prepared(db, 'relief_delegations_of', (d, name) =>
    d
      .select({ level: reliefReviewGrants.level, id: orgs.id, name: orgs.name, path: orgs.path })
      .from(reliefReviewGrants)
      .innerJoin(orgs, eq(orgs.id, reliefReviewGrants.orgId))
      .where(eq(reliefReviewGrants.userId, sql.placeholder('userId')))
      .prepare(name),
  ).execute({ userId })
}

export class ReliefAuthority {
  private constructor(
    private readonly user: AuthUser,
    private readonly delegations: (ActingOrg & { level: 'base' | 'district' })[],
  ) {}

  static async of(tx: DbOrTx, user: AuthUser): Promise<ReliefAuthority> {
    return new ReliefAuthority(user, await delegationsOf(tx, user.userId))
  }

  /** 初审 subtree roots. */
  get baseScopes(): string[] {
    return outermost([...scopesFor(this.user, 'relief.review'), ...this.delegations.filter((d) => d.level === 'base').map((d) => d.path)])
  }

  /** Roots where the user holds 复核 authority at some level (each usable where the type's level ≥ the root's). */
  get districtRoots(): string[] {
    const policy = scopesFor(this.user, 'relief.review_district', { maxLevel: Number.MAX_SAFE_INTEGER })
    return outermost([...policy, ...this.delegations.filter((d) => d.level === 'district').map((d) => d.path)])
  }

  get hasDistrict(): boolean {
    return this.districtRoots.length > 0
  }

  /** Any relief review authority at all (else a case is "not found"). */
  get any(): boolean {
    return this.baseScopes.length > 0 || this.hasDistrict
  }

  /** Every root the user sees cases under (初审 or 复核). */
  get allScopes(): string[] {
    return outermost([...this.baseScopes, ...this.districtRoots])
  }

  /** The union the user does the 初审 of a case of the union at `orgPath` as, or null. */
  baseActor(orgPath: string): ActingOrg | null {
    const grants = this.user.grants
      .filter((g) => grantCovers(g, 'relief.review', orgPath))
      .map((g) => ({ id: g.orgId, name: g.orgName, path: g.orgPath }))
    const delegated = this.delegations.filter((d) => d.level === 'base' && inSubtree(d.path, orgPath))
    return deepest([...grants, ...delegated])
  }

  /** The union the user does the 复核 / 公示 / 发放 of a case (union at `orgPath`, type's 复核 level `maxLevel`) as, or null. */
  districtActor(orgPath: string, maxLevel: number): ActingOrg | null {
    const grants = this.user.grants
      .filter((g) => grantCovers(g, 'relief.review_district', { orgPath, maxLevel }))
      .map((g) => ({ id: g.orgId, name: g.orgName, path: g.orgPath }))
    const delegated = this.delegations.filter((d) => d.level === 'district' && inSubtree(d.path, orgPath) && levelOf(d.path) <= maxLevel)
    return deepest([...grants, ...delegated])
  }

  /** SQL (with `orgs` = the applicant's union): the case lies in one of these subtrees. */
  static inScopes(paths: string[]): SQL | undefined {
    return or(...paths.map((p) => like(orgs.path, `${p}%`)))
  }

  /** SQL (with `orgs` = the applicant's union, `relief_aid_types` = the case's type): the user may act at 复核 level. */
  districtWhere(): SQL | undefined {
    return or(...this.districtRoots.map((p) => and(like(orgs.path, `${p}%`), gte(reliefAidTypes.reviewLevel, levelOf(p)))))
  }
}

/** The name of the union at `level` above (or at) the union at `orgPath`, e.g. level 1 → the 区总工会. */
export async function unionAtLevel(tx: DbOrTx, orgPath: string, level: number): Promise<string> {
  const ids = orgPath.split('/').filter(Boolean).map(Number)
  const id = ids[Math.min(level, ids.length) - 1]
  const [o] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, id))
  return o?.name ?? '上级工会'
}

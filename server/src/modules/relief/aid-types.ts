/**
 * 帮扶救助 aid types, the admin's side: the types a caller may apply for, the types an admin manages (救助类型管理:
 * every type owned in their relief.manage subtrees, paused ones too, cursor-paged), creating or replacing a type, and
 * the limits a union sets for its sub-unions' own types (reading types: aid-type-store.ts).
 *
 * - Only relief.manage over the OWNING union edits a type (a grassroots admin cannot touch the district's types).
 * - A sub-union's own type must fit the limits set above it (aid-type-store.ts `effectiveLimits`).
 * - `sensitive` is forced on for ID number / phone / medical fields when a type is saved (and again when a value is
 *   stored, sensitive.ts `sealValues`).
 * - The 复核 level (`reviewLevel`, default the owner's level, never deeper) is kept in `review_level` for the queues.
 */
import { and, asc, count, eq, or, sql, type SQL } from 'drizzle-orm'
import { FIELD_KIND_KEYS } from '@contract/relief/labels'
import { ReliefReasons } from '@contract/relief/reasons'
import { typeLimitProblems, withSensitiveForced } from '@contract/relief/rules'
import type { AidType, AidTypeInput, AidTypeLimits, TypeLimitsView } from '@contract/relief/schemas'
import { configProblems } from '@contract/relief/type-config'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { reliefAidTypes, reliefTypeLimits } from '../../db/schema/relief'
import { audit } from '../../audit'
import { can, levelOf, scopesFor } from '../../auth/policy'
import { decodeCursor, pageOf } from '../../db/paging'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { memberOf } from '../membership'
import { effectiveLimits, toTypeRow, typeAppliesTo, typeColumns, typeRow, typeView } from './aid-type-store'

/** A new type's owner missing or unknown: the refusal beside `orgId`. */
export const ownerRefusal = (def: typeof ReliefReasons.RELIEF_TYPE_OWNER_REQUIRED | typeof ReliefReasons.RELIEF_TYPE_OWNER_UNKNOWN) =>
  refuse(def, undefined, { orgId: def.message() })

export class AidTypeService {
  constructor(private readonly deps: AppDeps) {}

  private nowDate(): Date {
    return new Date(this.deps.now())
  }

  /** Active types that apply to the caller: their union's and those above it; a non-member sees the root's. */
  async types(user: AuthUser): Promise<AidType[]> {
    const db = this.deps.db
    const member = await memberOf(db, user.userId)
    const rows = await db
      .select(typeColumns)
      .from(reliefAidTypes)
      .innerJoin(orgs, eq(orgs.id, reliefAidTypes.orgId))
      .orderBy(asc(reliefAidTypes.sortOrder), asc(reliefAidTypes.key))
    const now = this.nowDate()
    return rows
      .map(toTypeRow)
      .filter((r) => r.config.active && (member ? typeAppliesTo(r.org.path, member.orgPath) : levelOf(r.org.path) === 1))
      .map((r) => typeView(r, now))
  }

  /**
   * 救助类型管理: every type — active or paused — owned by a union inside a subtree where the caller holds
   * relief.manage, in the members' order (sort_order, then key), a page at a time (keyset on (sort_order, key)).
   */
  async managed(user: AuthUser, query: { cursor?: string; limit: number }): Promise<{ items: AidType[]; nextCursor: string | null }> {
    const scopes = scopesFor(user, 'relief.manage')
    if (scopes.length === 0) return { items: [], nextCursor: null }
    const where: (SQL | undefined)[] = [or(...scopes.map((p) => sql`${orgs.path} like ${p + '%'}`))]
    const c = decodeCursor(query.cursor, ['number', 'string'] as const)
    if (c) where.push(sql`(${reliefAidTypes.sortOrder}, ${reliefAidTypes.key}) > (${c[0]}, ${c[1]})`)
    const rows = await this.deps.db
      .select({ ...typeColumns, sortOrder: reliefAidTypes.sortOrder })
      .from(reliefAidTypes)
      .innerJoin(orgs, eq(orgs.id, reliefAidTypes.orgId))
      .where(and(...where))
      .orderBy(asc(reliefAidTypes.sortOrder), asc(reliefAidTypes.key))
      .limit(query.limit + 1)
    const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.sortOrder, last.key])
    const now = this.nowDate()
    return { items: page.map((r) => typeView(toTypeRow(r), now)), nextCursor }
  }

  /** One type to edit (the gate has placed it inside the caller's relief.manage; asked again here, as `update` does). */
  async managedOne(user: AuthUser, key: string): Promise<AidType> {
    const row = await typeRow(this.deps.db, key)
    if (!can(user, 'relief.manage', row.org.path)) throw refuse(ReliefReasons.RELIEF_TYPE_FORBIDDEN, { typeName: row.config.name, ownerName: row.org.name })
    return typeView(row, this.nowDate())
  }

  /** Create or replace a type: relief.manage over its owning union, within the limits set above that union. */
  async update(user: AuthUser, key: string, input: AidTypeInput): Promise<AidType> {
    const { orgId, ...rest } = input
    const config = withSensitiveForced(rest)
    return this.deps.db.transaction(async (tx) => {
      const [existing] = await tx.select({ orgId: reliefAidTypes.orgId, name: sql<string>`${reliefAidTypes.config}->>'name'` }).from(reliefAidTypes).where(eq(reliefAidTypes.key, key)).for('update')
      if (existing && orgId !== undefined && orgId !== existing.orgId) throw refuse(ReliefReasons.RELIEF_TYPE_OWNER_FIXED)
      const ownerId = existing?.orgId ?? orgId
      if (ownerId === undefined) throw ownerRefusal(ReliefReasons.RELIEF_TYPE_OWNER_REQUIRED)
      const [owner] = await tx.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(eq(orgs.id, ownerId))
      if (!owner) throw ownerRefusal(ReliefReasons.RELIEF_TYPE_OWNER_UNKNOWN)
      if (!can(user, 'relief.manage', owner.path)) {
        throw refuse(ReliefReasons.RELIEF_TYPE_FORBIDDEN, { typeName: existing?.name ?? config.name, ownerName: owner.name })
      }

      const problems = configProblems(config)
      const ownerLevel = levelOf(owner.path)
      const tooDeep = config.reviewLevel !== undefined && config.reviewLevel > ownerLevel
      if (Object.keys(problems).length > 0) {
        if (tooDeep) problems.reviewLevel = ReliefReasons.RELIEF_TYPE_REVIEW_LEVEL.message({ ownerName: owner.name, ownerLevel })
        throw refuse(ReliefReasons.RELIEF_TYPE_CONFIG_INVALID, { text: Object.values(problems)[0] }, problems)
      }
      if (tooDeep) {
        const params = { ownerName: owner.name, ownerLevel }
        throw refuse(ReliefReasons.RELIEF_TYPE_REVIEW_LEVEL, params, { reviewLevel: ReliefReasons.RELIEF_TYPE_REVIEW_LEVEL.message(params) })
      }
      const limits = await effectiveLimits(tx, owner.path)
      const beyond = limits ? typeLimitProblems(config, limits) : {}
      if (Object.keys(beyond).length > 0) throw refuse(ReliefReasons.RELIEF_TYPE_LIMITS, { text: Object.values(beyond)[0] }, beyond)

      const now = this.nowDate()
      const reviewLevel = config.reviewLevel ?? ownerLevel
      if (existing) {
        await tx.update(reliefAidTypes).set({ config, reviewLevel, updatedAt: now, updatedBy: user.userId }).where(eq(reliefAidTypes.key, key))
      } else {
        const [{ n }] = await tx.select({ n: count() }).from(reliefAidTypes)
        await tx.insert(reliefAidTypes).values({ key, orgId: owner.id, reviewLevel, config, sortOrder: Number(n), updatedAt: now, updatedBy: user.userId })
      }
      await audit(tx, {
        actorUserId: user.userId,
        action: 'relief.type.update',
        subjectType: 'relief_aid_type',
        subjectId: key,
        detail: { active: config.active, orgId: owner.id, created: !existing, reviewLevel },
      })
      return typeView({ key, config, reviewLevel, org: owner }, now)
    })
  }

  private async managedOrg(tx: DbOrTx, user: AuthUser, orgId: number) {
    const [org] = await tx.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(eq(orgs.id, orgId))
    if (!org) throw refuse(ReliefReasons.RELIEF_ORG_NOT_FOUND)
    if (!can(user, 'relief.manage', org.path)) throw refuse(ReliefReasons.RELIEF_LIMITS_FORBIDDEN, { orgName: org.name })
    return org
  }

  private async limitsView(tx: DbOrTx, org: { id: number; name: string; path: string }): Promise<TypeLimitsView> {
    const [own] = await tx.select().from(reliefTypeLimits).where(eq(reliefTypeLimits.orgId, org.id))
    return {
      org: { id: org.id, name: org.name },
      own: own ? { maxAmount: own.maxAmount, fieldKinds: own.fieldKinds } : null,
      effective: await effectiveLimits(tx, org.path),
    }
  }

  async limits(user: AuthUser, orgId: number): Promise<TypeLimitsView> {
    return this.deps.db.transaction(async (tx) => this.limitsView(tx, await this.managedOrg(tx, user, orgId)))
  }

  /** Sets what the unions below `orgId` may do with their own types (they can only narrow it further down). */
  async setLimits(user: AuthUser, orgId: number, body: AidTypeLimits): Promise<TypeLimitsView> {
    return this.deps.db.transaction(async (tx) => {
      const org = await this.managedOrg(tx, user, orgId)
      const fieldKinds = FIELD_KIND_KEYS.filter((k) => body.fieldKinds.includes(k))
      const now = this.nowDate()
      await tx
        .insert(reliefTypeLimits)
        .values({ orgId: org.id, maxAmount: body.maxAmount, fieldKinds, updatedAt: now, updatedBy: user.userId })
        .onConflictDoUpdate({ target: reliefTypeLimits.orgId, set: { maxAmount: body.maxAmount, fieldKinds, updatedAt: now, updatedBy: user.userId } })
      await audit(tx, { actorUserId: user.userId, action: 'relief.type_limits.update', subjectType: 'org', subjectId: org.id, detail: { maxAmount: body.maxAmount, fieldKinds } })
      return this.limitsView(tx, org)
    })
  }
}

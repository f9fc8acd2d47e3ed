/**
 * 帮扶救助 aid types: who owns them, who sees them, who edits them, and the limits on sub-unions' own types.
 *
 * - A type belongs to a union (`relief_aid_types.org_id`). The six seeded ones belong to the root of the tree; a
 *   sub-union may add its own. A member sees the active types of their union and of every union above it.
 * - Only relief.manage over the OWNING union edits a type (a grassroots admin cannot touch the district's types).
 * - A sub-union's own type must fit the limits set above it (`relief_type_limits`, set per union for the unions
 *   below it; levels combine, the strictest wins; the root's row, or DEFAULT_SUB_TYPE_LIMITS when the root has set
 *   none, always applies): at most `maxAmount` yuan per case, and only the listed field kinds.
 * - `sensitive` is forced on for ID number / phone / medical fields when a type is saved (and again when a value is
 *   stored, in service.ts `split`).
 * - The 复核 level (`reviewLevel`, default the owner's level, never deeper) is kept in `review_level` for the queues.
 *
 * The types are reference data, not demo data: every database with a root union gets the six seeded ones when they
 * are missing — on server start (relief routes) and in the demo seed. Existing rows are never overwritten.
 */
import { asc, count, eq, inArray, isNull, sql } from 'drizzle-orm'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import { DEFAULT_SUB_TYPE_LIMITS, FIELD_KIND_KEYS } from '@contract/relief/labels'
import { amountLabel, chinaDate, typeLimitProblems, windowLabel, windowOpen, withSensitiveForced } from '@contract/relief/rules'
import type { AidType, AidTypeConfig, AidTypeInput, AidTypeLimits, TypeLimitsView } from '@contract/relief/schemas'
import { ErrorCodes } from '@contract/errors'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { memberDirectory as memberships } from '../membership'
import { reliefAidTypes, reliefTypeLimits } from '../../db/schema/relief'
import { audit } from '../../audit'
import { can, inSubtree, levelOf } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { AppError, Errors } from '../../errors'

/** A union's admin may set only the types their union owns (the access table and the service say it alike). */
export const typeForbidden = (typeName: string, ownerName: string) =>
  new AppError(403, ErrorCodes.RELIEF_TYPE_FORBIDDEN, `「${typeName}」属于${ownerName}，只有该工会的管理员可以设置`)

export async function ensureAidTypes(db: DbOrTx): Promise<void> {
  const [root] = await db.select({ id: orgs.id }).from(orgs).where(isNull(orgs.parentId)).orderBy(asc(orgs.id)).limit(1)
  if (!root) return
  await db
    .insert(reliefAidTypes)
    .values(Object.entries(DEFAULT_AID_TYPES).map(([key, config], i) => ({ key, config, orgId: root.id, reviewLevel: 1, sortOrder: i })))
    .onConflictDoNothing()
}

/** A stored type with its owner. */
export interface TypeRow {
  key: string
  config: AidTypeConfig
  org: { id: number; name: string; path: string }
  reviewLevel: number
}

const typeColumns = {
  key: reliefAidTypes.key,
  config: reliefAidTypes.config,
  reviewLevel: reliefAidTypes.reviewLevel,
  orgId: orgs.id,
  orgName: orgs.name,
  orgPath: orgs.path,
}
type TypeSelect = { key: string; config: AidTypeConfig; reviewLevel: number; orgId: number; orgName: string; orgPath: string }
const toRow = (r: TypeSelect): TypeRow => ({
  key: r.key,
  config: r.config,
  reviewLevel: r.reviewLevel,
  org: { id: r.orgId, name: r.orgName, path: r.orgPath },
})

/** One type with its owner, or 404. */
export async function typeRow(tx: DbOrTx, key: string): Promise<TypeRow> {
  const [row] = await tx.select(typeColumns).from(reliefAidTypes).innerJoin(orgs, eq(orgs.id, reliefAidTypes.orgId)).where(eq(reliefAidTypes.key, key))
  if (!row) throw Errors.notFound('救助类型不存在')
  return toRow(row)
}

/** What the API shows of a type: `sensitive` as enforced, the owner, the 复核 level in force, today's window. */
export function typeView(row: TypeRow, now: Date): AidType {
  const config = withSensitiveForced(row.config)
  return {
    ...config,
    key: row.key,
    org: { id: row.org.id, name: row.org.name },
    reviewLevel: row.reviewLevel,
    openNow: windowOpen(config.window, chinaDate(now)),
    windowLabel: windowLabel(config.window),
    amountLabel: amountLabel(config.amount),
  }
}

/** Does a type owned at `ownerPath` apply to a member of the union at `memberOrgPath` (owner = that union or above)? */
export const typeAppliesTo = (ownerPath: string, memberOrgPath: string) => inSubtree(ownerPath, memberOrgPath)

/**
 * The limits on the types a union at `ownerPath` creates itself: the rows of the unions above it combined (the lowest
 * amount, the kinds every one allows), the root's standing in as DEFAULT_SUB_TYPE_LIMITS when it has set none.
 * Null for the root itself.
 */
export async function effectiveLimits(tx: DbOrTx, ownerPath: string): Promise<AidTypeLimits | null> {
  const ancestors = ownerPath.split('/').filter(Boolean).map(Number).slice(0, -1)
  if (ancestors.length === 0) return null
  const rows = await tx.select().from(reliefTypeLimits).where(inArray(reliefTypeLimits.orgId, ancestors))
  const sets: AidTypeLimits[] = rows.map((r) => ({ maxAmount: r.maxAmount, fieldKinds: r.fieldKinds }))
  if (!rows.some((r) => r.orgId === ancestors[0])) sets.push(DEFAULT_SUB_TYPE_LIMITS)
  return {
    maxAmount: Math.min(...sets.map((s) => s.maxAmount)),
    fieldKinds: FIELD_KIND_KEYS.filter((k) => sets.every((s) => s.fieldKinds.includes(k))),
  }
}

export class AidTypeService {
  constructor(private readonly deps: AppDeps) {}

  private nowDate(): Date {
    return new Date(this.deps.now())
  }

  /** Active types that apply to the caller: their union's and those above it; a non-member sees the root's. */
  async types(user: AuthUser): Promise<AidType[]> {
    const db = this.deps.db
    const [member] = await db
      .select({ path: orgs.path })
      .from(memberships)
      .innerJoin(orgs, eq(orgs.id, memberships.orgId))
      .where(eq(memberships.userId, user.userId))
    const rows = await db
      .select(typeColumns)
      .from(reliefAidTypes)
      .innerJoin(orgs, eq(orgs.id, reliefAidTypes.orgId))
      .orderBy(asc(reliefAidTypes.sortOrder), asc(reliefAidTypes.key))
    const now = this.nowDate()
    return rows
      .map(toRow)
      .filter((r) => r.config.active && (member ? typeAppliesTo(r.org.path, member.path) : levelOf(r.org.path) === 1))
      .map((r) => typeView(r, now))
  }

  /** Create or replace a type: relief.manage over its owning union, within the limits set above that union. */
  async update(user: AuthUser, key: string, input: AidTypeInput): Promise<AidType> {
    const { orgId, ...rest } = input
    const config = withSensitiveForced(rest)
    return this.deps.db.transaction(async (tx) => {
      const [existing] = await tx.select({ orgId: reliefAidTypes.orgId, name: sql<string>`${reliefAidTypes.config}->>'name'` }).from(reliefAidTypes).where(eq(reliefAidTypes.key, key)).for('update')
      if (existing && orgId !== undefined && orgId !== existing.orgId) {
        throw new AppError(409, ErrorCodes.RELIEF_TYPE_OWNER_FIXED, '救助类型的所属工会不能更改；如需由其他工会提供，请新建类型')
      }
      const ownerId = existing?.orgId ?? orgId
      if (ownerId === undefined) throw Errors.validation({ orgId: '请选择提供这一救助类型的工会' })
      const [owner] = await tx.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(eq(orgs.id, ownerId))
      if (!owner) throw Errors.validation({ orgId: '所选工会不存在' })
      if (!can(user, 'relief.manage', owner.path)) {
        throw typeForbidden(existing?.name ?? config.name, owner.name)
      }

      const problems = configProblems(config)
      const ownerLevel = levelOf(owner.path)
      if (config.reviewLevel !== undefined && config.reviewLevel > ownerLevel) {
        problems.reviewLevel = `复核须由${owner.name}或其上级工会办理（层级不大于 ${ownerLevel}）`
      }
      if (Object.keys(problems).length > 0) throw Errors.validation(problems)
      const limits = await effectiveLimits(tx, owner.path)
      const beyond = limits ? typeLimitProblems(config, limits) : {}
      if (Object.keys(beyond).length > 0) {
        throw new AppError(400, ErrorCodes.RELIEF_TYPE_LIMITS, Object.values(beyond)[0], beyond)
      }

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
    if (!org) throw Errors.notFound('工会不存在')
    if (!can(user, 'relief.manage', org.path)) throw Errors.forbidden(`只有${org.name}的管理员可以设置其下级工会的救助类型范围`)
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

/** Internal consistency of an admin's aid-type configuration, keyed like the body. */
export function configProblems(c: AidTypeConfig): Record<string, string> {
  const p: Record<string, string> = {}
  const stepKeys = new Set(c.steps.map((s) => s.key))
  const fieldKeys = new Map(c.fields.map((f) => [f.key, f]))
  if (fieldKeys.size !== c.fields.length) p.fields = '字段键重复'
  if (new Set(c.documents.map((d) => d.key)).size !== c.documents.length) p.documents = '材料键重复'
  c.fields.forEach((f, i) => {
    if (!stepKeys.has(f.step)) p[`fields.${i}.step`] = `步骤「${f.step}」不存在`
    if (f.kind === 'choice' && !(f.options && f.options.length > 0)) p[`fields.${i}.options`] = '单选字段须列出选项'
    for (const ref of [f.notAbove, f.notBefore]) if (ref && !fieldKeys.has(ref)) p[`fields.${i}`] = `引用的字段「${ref}」不存在`
  })
  if (c.amount.kind !== 'reviewer_set') {
    const f = fieldKeys.get(c.amount.field)
    if (!f) p['amount.field'] = `金额规则引用的字段「${c.amount.field}」不存在`
    else if (c.amount.kind === 'fixed_tiers' && f.kind !== 'choice') p['amount.field'] = '定额档次须对应一个单选字段'
    else if (c.amount.kind === 'distance_bands' && f.kind !== 'integer') p['amount.field'] = '距离档须对应一个整数字段'
    if (c.amount.kind === 'distance_bands' && c.amount.bands[c.amount.bands.length - 1].upToKm !== null) p['amount.bands'] = '最后一档须不设上限'
  } else if (c.amount.min > c.amount.max) p['amount.max'] = '最高金额不能低于最低金额'
  for (const k of c.limits.causeFields) if (!fieldKeys.has(k)) p['limits.causeFields'] = `事由字段「${k}」不存在`
  for (const r of c.eligibility.fieldMax ?? []) if (!fieldKeys.has(r.field)) p['eligibility.fieldMax'] = `字段「${r.field}」不存在`
  return p
}

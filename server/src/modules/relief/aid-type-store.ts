/**
 * Reading aid types: a type with its owning union, what the API shows of it, which members it applies to, the limits
 * on a sub-union's own types, and the six seeded types every database with a root union gets.
 *
 * - A type belongs to a union (`relief_aid_types.org_id`). The six seeded ones belong to the root of the tree; a
 *   sub-union may add its own. A member sees the active types of their union and of every union above it.
 * - A sub-union's own type must fit the limits set above it (`relief_type_limits`, set per union for the unions
 *   below it; levels combine, the strictest wins; the root's row, or DEFAULT_SUB_TYPE_LIMITS when the root has set
 *   none, always applies): at most `maxAmount` yuan per case, and only the listed field kinds.
 * - The types are reference data, not demo data: ensureAidTypes adds the seeded ones when missing — on server start
 *   (relief routes) and in the demo seed. Existing rows are never overwritten.
 */
import { asc, eq, inArray, isNull } from 'drizzle-orm'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import { DEFAULT_SUB_TYPE_LIMITS, FIELD_KIND_KEYS } from '@contract/relief/labels'
import { ReliefReasons } from '@contract/relief/reasons'
import { amountLabel, chinaDate, windowLabel, windowOpen, withSensitiveForced } from '@contract/relief/rules'
import type { AidType, AidTypeConfig, AidTypeLimits } from '@contract/relief/schemas'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { reliefAidTypes, reliefTypeLimits } from '../../db/schema/relief'
import { inSubtree } from '../../auth/policy'
import { refuse } from '../../errors'

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

export const typeColumns = {
  key: reliefAidTypes.key,
  config: reliefAidTypes.config,
  reviewLevel: reliefAidTypes.reviewLevel,
  orgId: orgs.id,
  orgName: orgs.name,
  orgPath: orgs.path,
}
type TypeSelect = { key: string; config: AidTypeConfig; reviewLevel: number; orgId: number; orgName: string; orgPath: string }
export const toTypeRow = (r: TypeSelect): TypeRow => ({
  key: r.key,
  config: r.config,
  reviewLevel: r.reviewLevel,
  org: { id: r.orgId, name: r.orgName, path: r.orgPath },
})

/** One type with its owner, or 404. */
export async function typeRow(tx: DbOrTx, key: string): Promise<TypeRow> {
  const [row] = await tx.select(typeColumns).from(reliefAidTypes).innerJoin(orgs, eq(orgs.id, reliefAidTypes.orgId)).where(eq(reliefAidTypes.key, key))
  if (!row) throw refuse(ReliefReasons.RELIEF_TYPE_NOT_FOUND)
  return toTypeRow(row)
}

/** One type's configuration, or 404. */
export async function typeOf(tx: DbOrTx, key: string): Promise<AidTypeConfig> {
  return (await typeRow(tx, key)).config
}

/** Every type's configuration by key (for lists that name each case's type). */
export async function typeMap(tx: DbOrTx): Promise<Map<string, AidTypeConfig>> {
  const rows = await tx.select().from(reliefAidTypes)
  return new Map(rows.map((r) => [r.key, r.config]))
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

/** A union as the admin sees it (contract UnionNode / UnionDetail), from its row, its parent's name and counts. */
import { and, count, eq, inArray, isNull } from 'drizzle-orm'
import { UNION_KIND_LABELS } from '@contract/unions/labels'
import type { UnionDetail, UnionNode } from '@contract/unions/schemas'
import { levelOf } from '../../auth/policy'
import type { DbOrTx } from '../../db'
import { orgs, type OrgRow } from '../../db/schema/core'
import { unionOccupancy } from '../membership'
import { belowScopes } from './rules'

export function toNode(row: OrgRow, parentName: string | null, childCount: number, scopes: readonly string[]): UnionNode {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    kindLabel: UNION_KIND_LABELS[row.kind],
    parentId: row.parentId,
    parentName,
    level: levelOf(row.path),
    address: row.address,
    latitude: row.latitude,
    longitude: row.longitude,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    creditCode: row.creditCode,
    childCount,
    closedAt: row.closedAt ? row.closedAt.toISOString() : null,
    movable: row.parentId !== null && belowScopes(scopes, row.path),
  }
}

/** Open sub-unions of each of `ids`. */
export async function openChildCounts(db: DbOrTx, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ parentId: orgs.parentId, n: count() })
    .from(orgs)
    .where(and(inArray(orgs.parentId, [...ids]), isNull(orgs.closedAt)))
    .groupBy(orgs.parentId)
  return new Map(rows.map((r) => [r.parentId as number, r.n]))
}

export async function detailOf(db: DbOrTx, row: OrgRow, scopes: readonly string[]): Promise<UnionDetail> {
  const [parent] = row.parentId === null ? [] : await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, row.parentId))
  const children = await openChildCounts(db, [row.id])
  const occupancy = (await unionOccupancy(db, [row.id])).get(row.id)!
  return { ...toNode(row, parent?.name ?? null, children.get(row.id) ?? 0, scopes), memberCount: occupancy.members }
}

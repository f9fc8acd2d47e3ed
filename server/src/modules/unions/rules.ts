/**
 * The rules of the union tree, asked by every change (manage.ts) and the import (import-plan.ts): where the caller
 * may act (orgs.manage over a subtree; the union of their own post, and the root, only from above), which kind may
 * sit under which (contract/unions/labels.ts), and no union under itself.
 */
import { eq } from 'drizzle-orm'
import { UNION_CHILD_KINDS, UNION_KIND_LABELS, type UnionKind } from '@contract/unions/labels'
import { UnionReasons } from '@contract/unions/reasons'
import { inSubtree, scopesFor, type Principal } from '../../auth/policy'
import type { DbOrTx } from '../../db'
import { orgs, type OrgRow } from '../../db/schema/core'
import { refuse, refuseAt } from '../../errors'

/** The subtree roots where `principal` manages unions. */
export const manageScopes = (principal: Principal): string[] => scopesFor(principal, 'orgs.manage')

export const withinScopes = (scopes: readonly string[], path: string): boolean => scopes.some((s) => inSubtree(s, path))

/** Strictly below a scope root: the caller may move or close it (not their own post's union, not the root). */
export const belowScopes = (scopes: readonly string[], path: string): boolean => scopes.some((s) => path !== s && inSubtree(s, path))

export async function orgRow(db: DbOrTx, id: number, lock = false): Promise<OrgRow> {
  const q = db.select().from(orgs).where(eq(orgs.id, id))
  const [row] = lock ? await q.for('update') : await q
  if (!row) throw refuse(UnionReasons.UNION_NOT_FOUND)
  return row
}

/** A union that may take a new child: known, inside the caller's scopes, open. */
export async function parentFor(db: DbOrTx, scopes: readonly string[], parentId: number): Promise<OrgRow> {
  const [parent] = await db.select().from(orgs).where(eq(orgs.id, parentId))
  if (!parent) throw refuseAt('parentId', UnionReasons.UNION_PARENT_UNKNOWN)
  if (!withinScopes(scopes, parent.path)) throw refuse(UnionReasons.UNION_OUTSIDE_SUBTREE)
  if (parent.closedAt) throw refuseAt('parentId', UnionReasons.UNION_PARENT_CLOSED)
  return parent
}

/** The reason a `kind` union may not sit under a `parentKind` one, or null when it may. */
export function kindProblem(parentKind: UnionKind, kind: UnionKind): string | null {
  return UNION_CHILD_KINDS[parentKind].includes(kind)
    ? null
    : UnionReasons.UNION_KIND_NOT_ALLOWED.message({ parentKind: UNION_KIND_LABELS[parentKind], kind: UNION_KIND_LABELS[kind] })
}

export function assertKindUnder(parentKind: UnionKind, kind: UnionKind): void {
  if (kindProblem(parentKind, kind)) {
    throw refuseAt('kind', UnionReasons.UNION_KIND_NOT_ALLOWED, { parentKind: UNION_KIND_LABELS[parentKind], kind: UNION_KIND_LABELS[kind] })
  }
}

/** The kinds of a union's direct sub-unions (open or closed) must still fit under `kind`. */
export async function assertChildrenFit(db: DbOrTx, id: number, kind: UnionKind): Promise<void> {
  const children = await db.selectDistinct({ kind: orgs.kind }).from(orgs).where(eq(orgs.parentId, id))
  if (children.some((c) => !UNION_CHILD_KINDS[kind].includes(c.kind))) {
    throw refuseAt('kind', UnionReasons.UNION_KIND_CHILDREN, { kind: UNION_KIND_LABELS[kind] })
  }
}

/**
 * Browsing the union tree of an admin's subtrees: the unions of their posts, a union's children, or a name search
 * anywhere inside — each in tree order (by materialised path, so a union follows its parent), cursor-paged by path.
 */
import { and, asc, eq, gt, inArray, isNull, like, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { UnionDetail, UnionList } from '@contract/unions/schemas'
import { UnionReasons } from '@contract/unions/reasons'
import type { AuthUser } from '../../auth/sessions'
import type { AppDeps } from '../../http/deps'
import { orgs } from '../../db/schema/core'
import { decodeCursor, pageOf } from '../../db/paging'
import { refuse } from '../../errors'
import { manageScopes, orgRow, withinScopes } from './rules'
import { detailOf, openChildCounts, toNode } from './views'

const parents = alias(orgs, 'parent')
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

export interface UnionListQuery {
  parentId?: number
  q?: string
  includeClosed: boolean
  cursor?: string
  limit: number
}

export class UnionTree {
  constructor(private readonly deps: AppDeps) {}

  async list(user: AuthUser, query: UnionListQuery): Promise<UnionList> {
    const after = decodeCursor(query.cursor, ['string'] as const)
    const scopes = manageScopes(user)
    if (scopes.length === 0) return { items: [], nextCursor: null }
    const { db } = this.deps
    let where
    if (query.parentId !== undefined) {
      const parent = await orgRow(db, query.parentId)
      if (!withinScopes(scopes, parent.path)) throw refuse(UnionReasons.UNION_OUTSIDE_SUBTREE)
      where = eq(orgs.parentId, parent.id)
    } else if (query.q) {
      where = and(or(...scopes.map((p) => like(orgs.path, `${escapeLike(p)}%`))), sql`strpos(${orgs.name}, ${query.q}) > 0`)
    } else {
      where = inArray(orgs.path, scopes)
    }
    const rows = await db
      .select({ org: orgs, parentName: parents.name })
      .from(orgs)
      .leftJoin(parents, eq(parents.id, orgs.parentId))
      .where(and(where, query.includeClosed ? undefined : isNull(orgs.closedAt), after ? gt(orgs.path, after[0]) : undefined))
      .orderBy(asc(orgs.path))
      .limit(query.limit + 1)
    const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.org.path])
    const children = await openChildCounts(db, page.map((r) => r.org.id))
    return { items: page.map((r) => toNode(r.org, r.parentName, children.get(r.org.id) ?? 0, scopes)), nextCursor }
  }

  /** One union of the caller's subtrees (the access rule checked the subtree). */
  async detail(user: AuthUser, id: number): Promise<UnionDetail> {
    return detailOf(this.deps.db, await orgRow(this.deps.db, id), manageScopes(user))
  }
}

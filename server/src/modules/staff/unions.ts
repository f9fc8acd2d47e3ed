/**
 * The unions where an admin may appoint staff: every open union of the subtrees where they hold `staff.manage`, in tree
 * order (by materialised path, so a union follows its parent), searchable by name, cursor-paged by path.
 */
import { and, asc, eq, gt, isNull, like, or } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { UnionList } from '@contract/staff/schemas'
import { orgs } from '../../db/schema/core'
import { scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import type { AppDeps } from '../../http/deps'
import { decodeCursor, pageOf } from '../../db/paging'

const parents = alias(orgs, 'parent')
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

export class AppointableUnions {
  constructor(private readonly deps: AppDeps) {}

  async list(user: AuthUser, query: { cursor?: string; limit: number; q?: string }): Promise<UnionList> {
    const after = decodeCursor(query.cursor, ['string'] as const)
    const scopes = scopesFor(user, 'staff.manage')
    if (scopes.length === 0) return { items: [], nextCursor: null }
    const rows = await this.deps.db
      .select({ id: orgs.id, name: orgs.name, path: orgs.path, parentName: parents.name })
      .from(orgs)
      .leftJoin(parents, eq(parents.id, orgs.parentId))
      .where(
        and(
          or(...scopes.map((p) => like(orgs.path, `${escapeLike(p)}%`))),
          isNull(orgs.closedAt),
          query.q ? like(orgs.name, `%${escapeLike(query.q)}%`) : undefined,
          after ? gt(orgs.path, after[0]) : undefined,
        ),
      )
      .orderBy(asc(orgs.path))
      .limit(query.limit + 1)
    const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.path])
    return {
      items: page.map((r) => ({ id: r.id, name: r.name, parentName: r.parentName, level: r.path.split('/').filter(Boolean).length })),
      nextCursor,
    }
  }
}

/** What every write to the tree shares: its lock, and moving a subtree's materialised paths. */
import { sql } from 'drizzle-orm'
import type { Tx } from '../../db'

/** Serialises every change of the tree (manage.ts, import.ts). */
export async function lockTree(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('orgs.tree'))`)
}

/** Rewrites the paths of `id`'s subtree after its parent_id changed: under the parent's path as it is now. */
export async function moveSubtree(tx: Tx, id: number): Promise<void> {
  await tx.execute(sql`
    with m as (select o.path as old, p.path || o.id || '/' as new from orgs o join orgs p on p.id = o.parent_id where o.id = ${id})
    update orgs set path = m.new || substr(orgs.path, length(m.old) + 1) from m where left(orgs.path, length(m.old)) = m.old`)
}

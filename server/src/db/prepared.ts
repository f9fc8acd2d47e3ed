/**
 * Hot reads as prepared statements: drizzle builds the query once per database handle instead of on every request
 * (its query builder was the largest single cost of a cheap read in the profile, docs/scale.md), and PostgreSQL
 * parses and plans it once per connection (named statements; PGlite runs them unnamed).
 *
 *   const [m] = await prepared(db, 'membership_member_of', (d, name) => d.select(…).where(eq(t.userId, sql.placeholder('userId'))).prepare(name))
 *     .execute({ userId })
 *
 * A statement belongs to the handle it was built on: called with a transaction it is built for that transaction (and
 * forgotten with it), so it runs inside the transaction like any other query given `tx`. Names are global per
 * connection: one name, one statement text.
 */
import type { DbOrTx } from '.'

const statements = new WeakMap<DbOrTx, Map<string, unknown>>()

export function prepared<P>(db: DbOrTx, name: string, build: (db: DbOrTx, name: string) => P): P {
  let byName = statements.get(db)
  if (!byName) statements.set(db, (byName = new Map()))
  let statement = byName.get(name) as P | undefined
  if (statement === undefined) byName.set(name, (statement = build(db, name)))
  return statement
}

/**
 * Built once per database handle like `prepared`, but `build` prepares it unnamed (`.prepare('')`): PostgreSQL parses
 * and plans it on every call with that call's values — for reads whose best plan depends on them, e.g. a staff queue
 * whose scope is a whole district (read in queue order) or one union (its own rows, sorted). A named statement would
 * settle on one generic plan for both after five calls. Saves drizzle's query building, not PostgreSQL's planning.
 */
export function builtOnce<P>(db: DbOrTx, key: string, build: (db: DbOrTx) => P): P {
  return prepared(db, `unnamed:${key}`, (d) => build(d))
}

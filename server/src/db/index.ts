/**
 * Opens the database: embedded PGlite (default) or a PostgreSQL server (DATABASE_URL), with the same
 * drizzle API, and applies the versioned migrations in server/migrations/.
 *
 * PGlite is ONE session guarded by an internal mutex: `db.transaction()` holds it for the whole
 * transaction, so concurrent requests queue up safely. The one rule that follows: inside a
 * transaction callback use `tx` only — a query on `db` there would wait for the mutex the
 * transaction itself holds (a deadlock on PGlite, a second pool client on PostgreSQL).
 */
import path from 'node:path'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import * as schema from './schema'
import { MIGRATIONS_DIR, MIGRATIONS_LOCK_KEY } from './migrations'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Either the database or a transaction: what service helpers accept. */
export type DbOrTx = Db | Tx
export type DatabaseKind = 'pglite' | 'postgres'

export interface Database {
  db: Db
  kind: DatabaseKind
  close(): Promise<void>
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; null/undefined → PGlite. */
  databaseUrl?: string | null
  dataDir: string
  /** PGlite data location; default `<dataDir>/pglite`. `memory://` for an in-memory database (tests). */
  pglitePath?: string
  /** Called when an idle PostgreSQL client loses its connection (logged by the server). */
  onIdleError?: (err: Error) => void
  /** Max pool size for PostgreSQL (default 10). */
  poolSize?: number
  /** Hears every statement drizzle sends (its SQL and parameters): the EXPLAIN test captures the hot queries with it. */
  onQuery?: (query: string, params: unknown[]) => void
  /** PGlite only: start from this dumped data directory (`dumpDataDir`) instead of an empty one (test templates). */
  pgliteDataDir?: Blob
}

export { MIGRATIONS_DIR }

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { Pool } = await import('pg')
    const { drizzle } = await import('drizzle-orm/node-postgres')
    const { migrate } = await import('drizzle-orm/node-postgres/migrator')
    const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 })
    // An idle client whose connection the server ends (restart, failover, DROP DATABASE … FORCE) emits
    // 'error'; unhandled, that would crash the process. The pool replaces the client on next use.
    pool.on('error', (err) => options.onIdleError?.(err))
    try {
      // Several instances may start together on one database (a rolling deploy, two containers): one migrates
      // under a session advisory lock, the others wait for it and then find nothing left to apply.
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK_KEY])
        try {
          await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_DIR })
        } finally {
          // A failed unlock means a broken connection: the server drops a session's locks when it ends.
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK_KEY]).catch((err: Error) => (broken = err))
        }
      } finally {
        client.release(broken ?? false)
      }
      const db = drizzle(pool, { schema, logger: queryLogger(options) })
      return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() }
    } catch (err) {
      await pool.end().catch(() => undefined)
      throw err
    }
  }

  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  const { migrate } = await import('drizzle-orm/pglite/migrator')
  const location = options.pglitePath ?? path.join(options.dataDir, 'pglite')
  const client = await PGlite.create(location, options.pgliteDataDir ? { loadDataDir: options.pgliteDataDir } : {})
  try {
    const db = drizzle(client, { schema, logger: queryLogger(options) })
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR })
    return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() }
  } catch (err) {
    await client.close().catch(() => undefined)
    throw err
  }
}

function queryLogger(options: DatabaseOptions) {
  const onQuery = options.onQuery
  return onQuery ? { logQuery: (query: string, params: unknown[]) => onQuery(query, params) } : undefined
}

/** The rows of a raw `db.execute(sql…)` result: both drivers (node-postgres and PGlite) answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows
}

export { schema }

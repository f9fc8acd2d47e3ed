/**
 * The versioned migrations (server/migrations/, drizzle-kit) and what the server needs to know about them:
 * where they are, the advisory lock that lets several instances start together on one PostgreSQL, and whether
 * a database has every one of them (the readiness answer of GET /api/health).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'

export const MIGRATIONS_DIR = path.resolve(__dirname, '../../migrations')

/**
 * `pg_advisory_lock` key held while an instance migrates a PostgreSQL database: a second instance starting at
 * the same time waits, then finds every migration applied. Fixed for this application (any bigint would do;
 * it only has to be the same in every instance and unused by anything else in the database).
 */
export const MIGRATIONS_LOCK_KEY = 7_013_130_001

/** drizzle's own bookkeeping table (drizzle-orm's pg migrator default: schema `drizzle`). */
export const MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations'

export interface JournalEntry {
  tag: string
  /** The journal's timestamp: what drizzle stores as `created_at` of an applied migration. */
  when: number
}

let journal: JournalEntry[] | undefined

/** Every migration the code expects, in order (server/migrations/meta/_journal.json). */
export function journalEntries(): JournalEntry[] {
  journal ??= (
    JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }
  ).entries.map((e) => ({ tag: e.tag, when: Number(e.when) }))
  return journal
}

export interface MigrationStatus {
  /** How many migrations the code expects. */
  expected: number
  /** How many of those the database has applied. */
  applied: number
  /** Tags of the expected migrations the database does not have. */
  missing: string[]
}

/** Which of the journal's migrations the database has applied (none when drizzle's table does not exist). */
export async function migrationStatus(db: PgDatabase<PgQueryResultHKT, Record<string, unknown>>): Promise<MigrationStatus> {
  const result = await db.execute(sql.raw(`select created_at from ${MIGRATIONS_TABLE}`)).catch((err: { code?: string; cause?: { code?: string } }) => {
    // 42P01 undefined_table, 3F000 invalid_schema_name: a database no instance has migrated yet.
    const code = err.code ?? err.cause?.code
    if (code === '42P01' || code === '3F000') return { rows: [] }
    throw err
  })
  const done = new Set((result as unknown as { rows: { created_at: unknown }[] }).rows.map((r) => Number(r.created_at)))
  const entries = journalEntries()
  const missing = entries.filter((e) => !done.has(e.when)).map((e) => e.tag)
  return { expected: entries.length, applied: entries.length - missing.length, missing }
}

/**
 * Privacy tests' helpers: the whole database as text, to search it for a person's data after the shredder — every
 * row of every table read with SELECT (PGlite and PostgreSQL), and on PostgreSQL also Debian's pg_dump of the test
 * database.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import { sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../harness'
import { rawRows } from './membership'

const PG_DUMP = '/usr/lib/postgresql/15/bin/pg_dump'

/** Every row of every table of the public schema, as `table: (row as text)` lines. */
export async function selectDump(h: DatabaseHandle): Promise<string> {
  const tables = await rawRows<{ t: string }>(h, sql`select tablename as t from pg_tables where schemaname = 'public' order by tablename`)
  const out: string[] = []
  for (const { t } of tables) {
    const rows = await rawRows<{ r: string }>(h, sql.raw(`select x::text as r from "${t}" x`))
    for (const { r } of rows) out.push(`${t}: ${r}`)
  }
  return out.join('\n')
}

/** pg_dump's plain-text dump of the test database (PostgreSQL only; null on PGlite or without the binary). */
export async function pgDump(h: DatabaseHandle): Promise<string | null> {
  if (!h.databaseUrl || !existsSync(PG_DUMP)) return null
  const { stdout } = await promisify(execFile)(PG_DUMP, ['--data-only', '--no-owner', h.databaseUrl], { maxBuffer: 256 * 1024 * 1024 })
  return stdout
}

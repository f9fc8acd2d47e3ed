/**
 * GET /api/health is readiness: 200 only when the database answers and has every migration the code expects
 * (server/migrations/meta/_journal.json); otherwise 503 with a machine reason the load balancer's operator reads.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { systemApi } from '@contract/system/api'
import { SystemReasons } from '@contract/system/reasons'
import { MIGRATIONS_DIR, openDatabase, rowsOf } from '../src/db'
import { databases, startTestApp, useDatabase } from './harness'

async function journalTags(): Promise<string[]> {
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'))
  return journal.entries.map((e: { tag: string }) => e.tag)
}

describe.each(databases())('health readiness on %s', (target) => {
  const h = useDatabase(target)

  it('is ready with every migration of the journal applied, and 503 MIGRATIONS_PENDING while one is missing', async () => {
    const app = await h.app()
    const ready = await app.call(systemApi.health)
    expect(ready.status).toBe(200)
    const tags = await journalTags()
    expect(ready.body.migrations).toEqual({ applied: tags.length, expected: tags.length })

    // The database loses its record of the newest migration (e.g. restored from a backup of the previous version).
    const db = h.database.db
    const [last] = rowsOf<{ id: number; hash: string; created_at: string }>(
      await db.execute(sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`),
    )
    await db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last.id}`)
    try {
      const pending = await app.call(systemApi.health)
      expect(pending.status).toBe(503)
      expect(pending.body.reason).toBe(SystemReasons.MIGRATIONS_PENDING.reason)
      expect(pending.body.message).toMatch(/[\u4e00-\u9fa5]/)
    } finally {
      await db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last.id}, ${last.hash}, ${last.created_at})`,
      )
    }
    expect((await app.call(systemApi.health)).status).toBe(200)
  })

  it('answers 503 DATABASE_UNAVAILABLE once its database connection is gone', async () => {
    // An app on its own connection (pool) to this test's database, closed under it.
    const own = await openDatabase({ databaseUrl: h.databaseUrl, dataDir: h.dataDir, pglitePath: 'memory://', poolSize: 2 })
    const app = await startTestApp(own, h.dataDir)
    try {
      expect((await app.call(systemApi.health)).status).toBe(200)
      await own.close()
      const down = await app.call(systemApi.health)
      expect(down.status).toBe(503)
      expect(down.body.reason).toBe(SystemReasons.DATABASE_UNAVAILABLE.reason)
    } finally {
      await app.close()
    }
  })
})

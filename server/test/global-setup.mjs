/**
 * Once per `jest --selectProjects server` run: a migrated, empty database to copy instead of migrating one per
 * test file (35 migrations cost ~3.5 s a file on PGlite; loading a dumped data directory costs ~0.8 s).
 *  - PGlite: the data directory dumped to a file; the harness opens each file's database with `loadDataDir`.
 *  - PostgreSQL (DATABASE_URL): a template database; the harness runs `CREATE DATABASE … TEMPLATE`.
 * The demo seed still runs per file (it is cheap and its dates are relative to the time it runs).
 * openDatabase migrates after opening as always: on a copy it finds every migration applied, so a migration added
 * since the template was made is still applied, and the migration tests (migrate-lock, …) open their own databases.
 */
import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations')

export default async function globalSetup() {
  const tag = `${process.pid}_${randomBytes(4).toString('hex')}`

  const client = await PGlite.create('memory://')
  await migratePglite(drizzlePglite(client), { migrationsFolder })
  const dump = await client.dumpDataDir('none')
  await client.close()
  const file = path.join(os.tmpdir(), `ums-test-template-${tag}.tar`)
  await writeFile(file, Buffer.from(await dump.arrayBuffer()))
  process.env.UMS_TEST_PGLITE_TEMPLATE = file

  if (process.env.DATABASE_URL) {
    const name = `ums_template_${tag}`
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await admin.connect()
    try {
      await admin.query(`CREATE DATABASE "${name}"`)
    } finally {
      await admin.end()
    }
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = `/${name}`
    const own = new pg.Client({ connectionString: url.toString() })
    await own.connect()
    try {
      await migratePg(drizzlePg(own), { migrationsFolder })
    } finally {
      await own.end()
    }
    process.env.UMS_TEST_PG_TEMPLATE = name
  }
}

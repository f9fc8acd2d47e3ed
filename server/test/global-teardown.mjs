/** Removes what global-setup.mjs made: the PGlite dump file and the PostgreSQL template database. */
import { rm } from 'node:fs/promises'
import pg from 'pg'

export default async function globalTeardown() {
  if (process.env.UMS_TEST_PGLITE_TEMPLATE) await rm(process.env.UMS_TEST_PGLITE_TEMPLATE, { force: true })
  const name = process.env.UMS_TEST_PG_TEMPLATE
  if (name && process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await admin.connect()
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    } finally {
      await admin.end()
    }
  }
}

/** What every benchmark sets up the same way: a throwaway PostgreSQL database and the server's config for a run. */
import { randomBytes } from 'node:crypto'
import { Client } from 'pg'
import { loadConfig, prepareRuntime } from '../../server/src/config'

/** A fresh database next to the one `adminUrl` names (its role may CREATE DATABASE), dropped by `drop()`. */
export async function throwawayPostgres(adminUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`
  const admin = new Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await c.end()
    },
  }
}

/** The server's config for a benchmark run: dev login, quiet logs, no rate limit in the way. */
export function benchConfig(dataDir: string, dataKey: Buffer) {
  return prepareRuntime(
    loadConfig({
      NODE_ENV: 'test',
      AUTH_MODE: 'dev',
      DATA_DIR: dataDir,
      DATA_KEY: dataKey.toString('base64'),
      SESSION_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
      RATE_LIMIT_PER_MIN: '1000000',
    }),
  )
}

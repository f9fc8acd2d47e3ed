/**
 * Two instances starting together on one empty PostgreSQL database (a rolling deploy, two containers): the
 * migrations run once, under an advisory lock, and both instances come up ready. PostgreSQL only (PGlite is one
 * process): skipped when DATABASE_URL is unset, like the harness's PostgreSQL runs.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { systemApi } from '@contract/system/api'
import { startServer, type RunningServer } from '../src/main'
import { MIGRATIONS_DIR } from '../src/db'
import { TEST_DATA_KEY, TEST_SECRET } from './harness'

async function freePort(): Promise<number> {
  const srv = net.createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const port = (srv.address() as net.AddressInfo).port
  await new Promise((resolve) => srv.close(resolve))
  return port
}

const adminUrl = process.env.DATABASE_URL
const onPostgres = adminUrl ? describe : describe.skip

async function admin<T>(sqlText: string, read?: (rows: unknown[]) => T): Promise<T | undefined> {
  const c = new Client({ connectionString: adminUrl })
  await c.connect()
  try {
    const res = await c.query(sqlText)
    return read?.(res.rows)
  } finally {
    await c.end()
  }
}

onPostgres('migrations at start on PostgreSQL', () => {
  const name = `ums_test_${process.pid}_${randomBytes(4).toString('hex')}`
  let dataDir = ''
  let url = ''
  const servers: RunningServer[] = []

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ums-migrate-'))
    await admin(`CREATE DATABASE "${name}"`)
    const u = new URL(adminUrl!)
    u.pathname = `/${name}`
    url = u.toString()
  })

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close().catch(() => undefined)))
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await rm(dataDir, { recursive: true, force: true })
  })

  it('two instances starting together on an empty database migrate it once and both answer /api/health 200', async () => {
    const ports = [await freePort(), await freePort()]
    const env = (n: number) => ({
      NODE_ENV: 'test',
      AUTH_MODE: 'cloudhosting',
      DATABASE_URL: url,
      DATA_DIR: path.join(dataDir, String(n)),
      SESSION_SECRET: TEST_SECRET,
      DATA_KEY: TEST_DATA_KEY,
      SEED_DEMO: 'false',
      PORT: String(ports[n - 1]),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    })
    const started = await Promise.allSettled([1, 2].map((n) => startServer(env(n), { handleSignals: false })))
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value)
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started'])

    for (const server of servers) {
      const res = await fetch(server.url.replace('localhost', '127.0.0.1') + systemApi.health.path)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ status: 'ok', database: 'postgres' })
    }

    const journal = JSON.parse(await readFile(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'))
    const expected = (journal.entries as { when: number }[]).map((e) => String(e.when)).sort()
    const c = new Client({ connectionString: url })
    await c.connect()
    try {
      const applied = (await c.query('select created_at from drizzle.__drizzle_migrations')).rows.map((r) => String(r.created_at))
      expect(applied.sort()).toEqual(expected)
    } finally {
      await c.end()
    }
  })
})

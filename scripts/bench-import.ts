/**
 * npm run bench:import — the 会员实名制台账 import of BENCH_ROWS (10,000) generated valid rows (GB 11643 check digits,
 * distinct phones, union 星河物流有限公司工会) as one .xlsx, over HTTP (the real server, buildApp + listen on
 * 127.0.0.1) into a throwaway PostgreSQL database (DATABASE_URL: created and dropped here; without it, PGlite in a
 * temp dir). Times the dry run, the commit, and the same commit again (idempotent: everything unchanged), and prints
 * rows, seconds and rows/s of each; exits 1 when a count is not what the file implies.
 *
 * Env: BENCH_ROWS (10000), BENCH_TARGETS (postgres,pglite; default: postgres with DATABASE_URL, else pglite),
 * BENCH_FORMAT (xlsx | csv).
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { count } from 'drizzle-orm'
import { openDatabase } from '../server/src/db'
import { seedDemo } from '../server/src/seed'
import { buildApp } from '../server/src/app'
import { rosterEntries } from '../server/src/db/schema'
import { rosterApi } from '../contract/roster/api'
import type { RosterReport } from '../contract/roster/schemas'
import { rosterCsv, rosterForm, rosterLine, rosterXlsx } from '../server/test/builders/roster'
import { benchConfig, throwawayPostgres } from './lib/bench-env'

const ROWS = Number(process.env.BENCH_ROWS) > 0 ? Math.floor(Number(process.env.BENCH_ROWS)) : 10_000
const FORMAT = process.env.BENCH_FORMAT === 'csv' ? 'csv' : 'xlsx'
const DATA_KEY = randomBytes(32)

interface Step {
  step: string
  seconds: number
  report: RosterReport
}

async function benchOn(kind: 'postgres' | 'pglite'): Promise<{ steps: Step[]; stored: number; fileBytes: number }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ums-bench-import-'))
  const pg = kind === 'postgres' ? await throwawayPostgres(process.env.DATABASE_URL!, 'ums_bench_import') : null
  const database = await openDatabase({ databaseUrl: pg?.url ?? null, dataDir, poolSize: 4 })
  try {
    await seedDemo(database.db, { dataKey: DATA_KEY })
    const config = await benchConfig(dataDir, DATA_KEY)
    const app = await buildApp({ config, db: database })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    try {
      const login = await fetch(`${baseUrl}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona: 'admin' }),
      })
      const { token } = (await login.json()) as { token: string }
      const lines = Array.from({ length: ROWS }, (_, i) => rosterLine(i + 1, { memberNo: i % 2 === 0 ? `BENCH-${i + 1}` : undefined }))
      const bytes = FORMAT === 'xlsx' ? await rosterXlsx(lines) : rosterCsv(lines)
      const send = async (step: string, endpoint: { path: string }): Promise<Step> => {
        const started = performance.now()
        const res = await fetch(baseUrl + endpoint.path, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: rosterForm(bytes, `bench.${FORMAT}`),
        })
        const text = await res.text()
        const seconds = (performance.now() - started) / 1000
        if (res.status !== 200) throw new Error(`${step}: ${res.status} ${text.slice(0, 300)}`)
        return { step, seconds, report: JSON.parse(text) as RosterReport }
      }
      const steps = [
        await send('dry run', rosterApi.dryRun),
        await send('commit', rosterApi.commit),
        await send('commit again (idempotent)', rosterApi.commit),
      ]
      const [{ n }] = await database.db.select({ n: count() }).from(rosterEntries)
      return { steps, stored: n, fileBytes: bytes.length }
    } finally {
      await app.close()
    }
  } finally {
    await database.close()
    await pg?.drop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const all: ('postgres' | 'pglite')[] = process.env.DATABASE_URL ? ['postgres', 'pglite'] : ['pglite']
  const only = process.env.BENCH_TARGETS?.split(',') ?? [all[0]]
  const targets = all.filter((t) => only.includes(t))
  if (!process.env.DATABASE_URL) console.log('DATABASE_URL is not set: PGlite only.')
  let failed = false
  for (const kind of targets) {
    const { steps, stored, fileBytes } = await benchOn(kind)
    console.log(`\n${kind}, over HTTP: ${ROWS} rows, one .${FORMAT} of ${(fileBytes / 1024).toFixed(0)} KB`)
    console.log('  step                         rows   seconds    rows/s   new / updated / unchanged / rejected')
    for (const { step, seconds, report: r } of steps) {
      const c = r.counts
      console.log(
        `  ${step.padEnd(26)} ${String(c.total).padStart(6)} ${seconds.toFixed(2).padStart(9)} ${Math.round(c.total / seconds).toString().padStart(9)}   ${c.new} / ${c.updated} / ${c.unchanged} / ${c.rejected}`,
      )
    }
    console.log(`  roster_entries after: ${stored}`)
    const [dry, commit, again] = steps.map((s) => s.report.counts)
    const ok = dry.new === ROWS && commit.new === ROWS && steps[1].report.committed && again.unchanged === ROWS && stored === ROWS
    if (!ok) failed = true
  }
  if (failed) {
    console.error('\nFAILED: the counts are not what the file implies (see above)')
    process.exit(1)
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})

/**
 * npx tsx scripts/staff-reads.ts — what the staff reads send to the database, and what each costs, on a database kept
 * by `BENCH_KEEP=1 npm run bench:scale` (issue 17; docs/scale.md "Round 3").
 *
 *   BENCH_REUSE=<url> BENCH_DATA_KEY=<key> npx tsx scripts/staff-reads.ts [--explain] [--export N]
 *
 * Starts the server in this process (its own pool of 10 on BENCH_REUSE; nothing is seeded), logs in as 管理员·周
 * (the district admin: the whole province's queues) through the dev login, and for each staff read — the join queue's
 * first page and a page ~50,000 rows in, the relief base and district queues, relief's cases of a stage — calls it once to warm the connection,
 * then once more capturing every statement it sends (text and parameters, db `onQuery`). `--explain` runs each
 * captured read again as EXPLAIN (ANALYZE, BUFFERS) on a connection of its own and prints the plan.
 *
 * `--repeat N` calls each read N times one at a time, alternating, and prints the median and p95 wall time of each.
 *
 * `--export N` (default 3) also downloads the 审计日志 export N times one after another — the staff export of exactly
 * AUDIT_EXPORT_MAX_ROWS = 10,000 rows (the whole tree's rows, newest first, as .xlsx) — and prints its wall time and
 * the CPU this process spent per export (server and database client: the process's own user + system time), and the
 * PostgreSQL backends' CPU per export (from /proc, like bench:scale). Each export writes one audit row (through the API).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { loadConfig, prepareRuntime } from '../server/src/config'
import { openDatabase } from '../server/src/db'
import { buildApp } from '../server/src/app'

const REUSE = process.env.BENCH_REUSE
const DATA_KEY = process.env.BENCH_DATA_KEY
const EXPLAIN = process.argv.includes('--explain')
const exportArg = process.argv.indexOf('--export')
const EXPORTS = exportArg > 0 ? Number(process.argv[exportArg + 1] ?? 3) : 0

interface Captured {
  query: string
  params: unknown[]
}

/** User + system CPU ms of a process (/proc/<pid>/stat), or null off Linux. */
async function cpuMs(pid: number): Promise<number | null> {
  try {
    const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ')
    return (Number(f[11]) + Number(f[12])) * 10
  } catch {
    return null
  }
}

async function backendsCpu(url: string): Promise<number> {
  const c = new Client({ connectionString: url })
  await c.connect()
  const { rows } = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')
  await c.end()
  const all = await Promise.all(rows.map((r) => cpuMs(r.pid)))
  return all.reduce<number>((s, v) => s + (v ?? 0), 0)
}

async function main(): Promise<void> {
  if (!REUSE || !DATA_KEY) throw new Error('BENCH_REUSE=<url> and BENCH_DATA_KEY=<key> of a database kept by BENCH_KEEP=1 npm run bench:scale')
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'staff-reads-'))
  let capture: Captured[] | null = null
  const database = await openDatabase({ databaseUrl: REUSE, dataDir, onQuery: (query, params) => capture?.push({ query, params }) })
  const config = await prepareRuntime(
    loadConfig({
      NODE_ENV: 'development',
      AUTH_MODE: 'dev',
      DATABASE_URL: REUSE,
      DATA_DIR: dataDir,
      SESSION_SECRET: 'x'.repeat(64),
      DATA_KEY,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      RATE_LIMIT_PER_MIN: '1000000',
      JOBS_INTERVAL_SECONDS: '86400',
    }),
  )
  const app = await buildApp({ config, db: database })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const api = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  try {
    const login = await fetch(`${api}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'admin' }) })
    const { token } = (await login.json()) as { token: string }
    const get = async (p: string) => {
      const res = await fetch(api + p, { headers: { authorization: `Bearer ${token}` } })
      if (res.status !== 200) throw new Error(`${p} → ${res.status} ${await res.text()}`)
      return res
    }

    // The join queue's cursor ~50,000 rows in (as bench:scale finds it: pages of 100).
    let cursor: string | null = null
    for (let walked = 0; walked < 50_000; walked += 100) {
      const page = (await (await get(`/api/membership/review?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json()) as { nextCursor: string | null }
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    const reads: [string, string][] = [
      ['join queue, first page', '/api/membership/review'],
      ['join queue, deep page', `/api/membership/review${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`],
      ['relief base queue, first page', '/api/relief/review?level=base'],
      ['relief district queue, first page', '/api/relief/review?level=district'],
      ['relief cases of a stage (已发放), first page', '/api/relief/review/cases?stage=paid'],
    ]
    const explainer = new Client({ connectionString: REUSE })
    await explainer.connect()
    try {
      for (const [name, p] of reads) {
        await get(p)
        capture = []
        const t0 = performance.now()
        const body = await (await get(p)).text()
        const ms = performance.now() - t0
        const statements: Captured[] = capture
        capture = null
        console.log(`\n## ${name}: ${statements.length} statements, ${ms.toFixed(1)} ms, ${body.length} bytes`)
        for (const s of statements) {
          console.log(`- ${s.query.replace(/\s+/g, ' ').slice(0, EXPLAIN ? 2000 : 300)}\n  params ${JSON.stringify(s.params).slice(0, 300)}`)
          if (EXPLAIN && /^\s*(select|with)\b/i.test(s.query)) {
            const { rows } = await explainer.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.query}`, s.params)
            console.log(rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n'))
          }
        }
      }
    } finally {
      await explainer.end()
    }

    // --repeat N: each read N times one after another, alternating, wall time per call (median / p95).
    const repeatArg = process.argv.indexOf('--repeat')
    const REPEAT = repeatArg > 0 ? Number(process.argv[repeatArg + 1] ?? 500) : 0
    if (REPEAT > 0) {
      const times = new Map<string, number[]>(reads.map(([name]) => [name, []]))
      for (let i = 0; i < REPEAT; i++) {
        for (const [name, p] of reads) {
          const t0 = performance.now()
          await (await get(p)).arrayBuffer()
          times.get(name)!.push(performance.now() - t0)
        }
      }
      for (const [name, t] of times) {
        t.sort((a, b) => a - b)
        console.log(`${name}: median ${t[Math.floor(t.length / 2)].toFixed(2)} ms, p95 ${t[Math.floor(t.length * 0.95)].toFixed(2)} ms (${t.length} calls, one at a time)`)
      }
    }

    if (EXPORTS > 0) {
      // 审计日志, the whole tree, newest first: AUDIT_EXPORT_MAX_ROWS (10,000) rows.
      await get('/api/audit/export.xlsx')
      const ourCpu0 = await cpuMs(process.pid)
      const pgCpu0 = await backendsCpu(REUSE)
      const times: number[] = []
      let bytes = 0
      for (let i = 0; i < EXPORTS; i++) {
        const t0 = performance.now()
        bytes = (await (await get('/api/audit/export.xlsx')).arrayBuffer()).byteLength
        times.push(performance.now() - t0)
      }
      const ourCpu = ((await cpuMs(process.pid))! - ourCpu0!) / EXPORTS
      const pgCpu = ((await backendsCpu(REUSE)) - pgCpu0) / EXPORTS
      times.sort((a, b) => a - b)
      console.log(
        `\n## 审计日志 export (10,000 rows, .xlsx, ${(bytes / 1024).toFixed(0)} KB), ${EXPORTS} one after another: ` +
          `median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms; ` +
          `CPU per export: this process (server + client) ${ourCpu.toFixed(0)} ms, PostgreSQL ${pgCpu.toFixed(0)} ms`,
      )
    }
  } finally {
    await app.close()
    await database.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})

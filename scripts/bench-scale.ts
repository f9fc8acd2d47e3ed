/**
 * npm run bench:scale [-- --scale 0.02] — the hot endpoints on a province-sized database (issue 17).
 *
 * 1. Creates a throwaway database on DATABASE_URL, migrates it, seeds the demo, and bulk-loads the province data set
 *    in SQL (server/test/builders/province.ts; sizes × --scale, 1 = the issue's full size: 1 M members, 3 M
 *    vouchers over 500 campaigns, 200 k applications, 100 k relief cases, 2 k events with 300 k registrations, 5 M
 *    audit rows, 2 M messages). Encrypted fields are real ciphertexts from a pool of 1,000 distinct values.
 * 2. Starts the real server (server/src/main.ts, its own process; BENCH_CPU_PROF=<dir> adds --cpu-prof) and the lean
 *    reference (scripts/lib/lean-reference.mjs: bare Fastify + pg, two indexed queries, its own process).
 * 3. Drives each endpoint for BENCH_SECONDS (5) at BENCH_CONCURRENCY (50) in flight from a load process
 *    (scripts/lib/scale-load.mjs): members cycle over BENCH_MEMBERS (200) logged-in members; staff calls are made as
 *    管理员·周 (the district admin: the whole province's queues).
 * 4. The claim at this size (unless BENCH_CLAIM=0 or BENCH_ONLY leaves it out): a first-come campaign of the district
 *    created through the API (stock BENCH_CLAIM_STOCK, 3,000, over the default 32 shards, closing two minutes later
 *    so it leaves the members' lists), then BENCH_CLAIM_MEMBERS (4,000) distinct province members each tap once,
 *    BENCH_CLAIM_CONCURRENCY (200) in flight, from the load worker of bench:claim (scripts/lib/bench-load-worker.mjs,
 *    a worker thread of this process) after a warm-up campaign (stock 400, 600 other members) — the figures to set
 *    beside `npm run bench:claim` (4,000 members, stock 3,000, 200 in flight). Checked by counting: issued = claims
 *    answered 200 ≤ stock, issued + stock left = stock, no shard below zero, no member with two.
 * 5. Prints p50 / p95 / p99, req/s and errors per endpoint, each member read's ratio to the reference (req/s and p95),
 *    the claim's claims/s and p50 / p99, the data set's size on disk and its build time. Drops the database unless BENCH_KEEP=1 (which prints how to run
 *    again on it without building: BENCH_REUSE=<url> BENCH_DATA_KEY=<key>, with the same --scale).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { Client } from 'pg'
import { openDatabase, rowsOf } from '../server/src/db'
import { seedDemo } from '../server/src/seed'
import { DataCipher } from '../server/src/crypto/data'
import { SessionService } from '../server/src/auth/sessions'
import { loadProvince, provinceMembers, provinceSizes } from '../server/test/builders/province'
import { throwawayPostgres } from './lib/bench-env'
import { ROOT } from './lib/h5-build'

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name])
  return Number.isFinite(v) && v > 0 ? v : fallback
}
const SCALE = Number(arg('scale') ?? process.env.BENCH_SCALE ?? 0.02)
const SECONDS = num('BENCH_SECONDS', 5)
const CONCURRENCY = num('BENCH_CONCURRENCY', 50)
const MEMBERS = num('BENCH_MEMBERS', 200)
const POOL = num('BENCH_POOL', 10)
/** BENCH_PORT (3871): the server's port; the lean reference takes the next one. Two runs at once need two. */
const SERVER_PORT = num('BENCH_PORT', 3871)
const LEAN_PORT = SERVER_PORT + 1
const SECRET = randomBytes(32).toString('hex')
/** BENCH_REUSE=<url of a database kept by BENCH_KEEP=1> skips building; its BENCH_DATA_KEY (printed when kept) too. */
const REUSE = process.env.BENCH_REUSE
const DATA_KEY = REUSE ? Buffer.from(process.env.BENCH_DATA_KEY ?? '', 'base64') : randomBytes(32)
const CLAIM = process.env.BENCH_CLAIM !== '0'
const CLAIM_STOCK = num('BENCH_CLAIM_STOCK', 3000)
const CLAIM_MEMBERS = num('BENCH_CLAIM_MEMBERS', 4000)
const CLAIM_CONCURRENCY = num('BENCH_CLAIM_CONCURRENCY', 200)
const CLAIM_WARMUP = { members: 600, stock: 400 }
const CLAIM_NAME = `claim storm: first come, ${CLAIM_MEMBERS.toLocaleString('en')} members once each, stock ${CLAIM_STOCK.toLocaleString('en')}, ${CLAIM_CONCURRENCY} in flight`

interface Load {
  latencies: number[]
  ok: number
  errors: number
  samples: string[]
  seconds: number
}
interface Row {
  name: string
  group: 'reference' | 'member' | 'staff' | 'claim'
  p50: number
  p95: number
  p99: number
  rps: number
  errors: number
  samples: string[]
  /** CPU per request (ms) of the serving process and of the database's backends, from /proc (Linux only). */
  cpu: { server: number; db: number } | null
}

const children: ChildProcess[] = []

function start(label: string, args: string[], env: NodeJS.ProcessEnv, readyLine: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    children.push(child)
    let seen = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      if (readyLine.test(seen)) resolve(child)
    })
    child.once('exit', (code) => reject(new Error(`${label} exited (${code}) before it was ready: ${seen.slice(-500)}`)))
  })
}

/** User + system CPU time of a process in ms (/proc/<pid>/stat, clock ticks of 10 ms), or null off Linux. */
async function cpuMs(pid: number | undefined): Promise<number | null> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

/**
 * Runs `load` and measures the CPU it cost per request in the serving process and in the PostgreSQL backends of the
 * bench database (pg_stat_activity; the database server must run on this machine): the figure that says what a change
 * did when req/s moves ±30 % with the machine's other load.
 */
async function withCpu(url: string, pid: number | undefined, load: () => Promise<Load>): Promise<Load & { cpu: Row['cpu'] }> {
  const client = new Client({ connectionString: url })
  await client.connect()
  const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')
  await client.end()
  const before = await Promise.all([pid, ...rows.map((r) => r.pid)].map(cpuMs))
  const result = await load()
  const after = await Promise.all([pid, ...rows.map((r) => r.pid)].map(cpuMs))
  if (before[0] === null || after[0] === null || result.ok === 0) return { ...result, cpu: null }
  // Backends that ended during the run are left out (their last figure cannot be read).
  const db = after.slice(1).reduce<number>((sum, a, i) => sum + (a !== null && before[i + 1] !== null ? a - before[i + 1]! : 0), 0)
  return { ...result, cpu: { server: (after[0] - before[0]) / result.ok, db: db / result.ok } }
}

function drive(url: string, requests: { path: string; token?: string }[], seconds = SECONDS, concurrency = CONCURRENCY): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'lib/scale-load.mjs'), JSON.stringify({ url, requests, concurrency, seconds })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Load) : reject(new Error(`load process exited ${code}`))))
  })
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0)

function summarise(name: string, group: Row['group'], load: Load & { cpu: Row['cpu'] }): Row {
  const sorted = [...load.latencies].sort((x, y) => x - y)
  return { name, group, p50: pct(sorted, 50), p95: pct(sorted, 95), p99: pct(sorted, 99), rps: (load.ok + load.errors) / load.seconds, errors: load.errors, samples: load.samples, cpu: load.cpu }
}

/** What a claim storm did: the worker's tallies (bench-load-worker.mjs) and the database's count afterwards. */
interface ClaimRun {
  latencies: number[]
  ok: number
  soldOut: number
  otherErrors: number
  samples: string[]
  seconds: number
  issued: number
  holders: number
  stockLeft: number
  negativeShards: number
}

/** Every token taps the claim of `campaignId` once, CLAIM_CONCURRENCY in flight, from bench:claim's load worker. */
async function claimStorm(api: string, url: string, campaignId: number, tokens: string[], stock: number): Promise<ClaimRun> {
  const r = await new Promise<Omit<ClaimRun, 'issued' | 'holders' | 'stockLeft' | 'negativeShards'>>((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'lib/bench-load-worker.mjs'), {
      workerData: { url: `${api}/api/vouchers/campaigns/${campaignId}/claim`, tokens, concurrency: CLAIM_CONCURRENCY, maxMs: 120_000 },
    })
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    const counted = await client.query<{ issued: number; holders: number }>(
      'select count(*)::int as issued, count(distinct user_id)::int as holders from vouchers where campaign_id = $1',
      [campaignId],
    )
    const stockRows = await client.query<{ left: number; negative: number }>(
      'select coalesce(sum(remaining), 0)::int as left, count(*) filter (where remaining < 0)::int as negative from voucher_stock where campaign_id = $1',
      [campaignId],
    )
    const run = { ...r, ...counted.rows[0], stockLeft: stockRows.rows[0].left, negativeShards: stockRows.rows[0].negative }
    const oversold = run.issued > stock || run.negativeShards > 0 || run.issued + run.stockLeft !== stock || run.issued !== run.ok
    if (oversold || run.issued !== run.holders || run.otherErrors > 0) {
      throw new Error(`claim storm on campaign ${campaignId}: issued ${run.issued}, holders ${run.holders}, answered ${run.ok}, stock left ${run.stockLeft}, ` +
        `shards below zero ${run.negativeShards}, other errors ${run.otherErrors} ${run.samples.join(' | ')}`)
    }
    return run
  } finally {
    await client.end()
  }
}

async function json<T>(url: string, token?: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } })
  if (res.status !== 200) throw new Error(`${url} → ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('bench:scale needs DATABASE_URL (a PostgreSQL server whose role may CREATE DATABASE)')
  const sizes = provinceSizes(SCALE)
  console.log(`bench:scale at scale ${SCALE}: ${JSON.stringify(sizes)}`)
  if (REUSE && DATA_KEY.length !== 32) throw new Error('BENCH_REUSE needs the BENCH_DATA_KEY printed when that database was kept')
  const target = REUSE ? { url: REUSE, drop: async () => {} } : await throwawayPostgres(process.env.DATABASE_URL, 'bench_scale')
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-scale-'))
  try {
    // 1. The data set (unless reused: then its sizes are whatever --scale it was built at).
    const built = performance.now()
    const database = await openDatabase({ databaseUrl: target.url, dataDir, poolSize: 2 })
    const steps: string[] = []
    if (!REUSE) {
      await seedDemo(database.db, { dataKey: DATA_KEY })
      await loadProvince(database.db, new DataCipher(DATA_KEY), sizes, (name, ms) => {
        steps.push(`${name} ${(ms / 1000).toFixed(1)} s`)
        console.log(`  loaded ${name} in ${(ms / 1000).toFixed(1)} s`)
      })
    } else steps.push('reused')
    const buildSeconds = (performance.now() - built) / 1000
    const [{ bytes }] = rowsOf<{ bytes: string }>(await database.db.execute(sql`select pg_database_size(current_database())::text as bytes`))
    const sessions = new SessionService({ db: database.db, secret: SECRET, ttlHours: 24 * 7, maxAgeDays: 30, now: Date.now })
    // BENCH_ONLY=<regex>: only the endpoints whose name matches (the reference always runs), e.g. to profile one read.
    const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null
    const claimRuns = CLAIM && (!only || only.test(CLAIM_NAME))
    const claimCount = claimRuns ? CLAIM_WARMUP.members + CLAIM_MEMBERS : 0
    const everyone = await provinceMembers(database.db, MEMBERS + claimCount)
    if (everyone.length < MEMBERS + claimCount) throw new Error(`--scale ${SCALE} has ${everyone.length} members; the reads and the claim need ${MEMBERS + claimCount}`)
    const memberIds = everyone.slice(0, MEMBERS)
    const tokens: string[] = []
    for (const id of memberIds) tokens.push((await sessions.create(database.db, id)).token)
    // The claim's crowd: distinct members, none of them among the readers; sessions made in one transaction.
    const claimTokens = await database.db.transaction(async (tx) => {
      const made: string[] = []
      for (const id of everyone.slice(MEMBERS)) made.push((await sessions.create(tx, id)).token)
      return made
    })
    const [{ district }] = rowsOf<{ district: number }>(await database.db.execute(sql`select id as district from orgs where kind = 'district' order by id limit 1`))
    const [{ campaign }] = rowsOf<{ campaign: number }>(
      await database.db.execute(sql`select campaign_id as campaign from vouchers group by campaign_id order by count(*) desc limit 1`),
    )
    await database.close()

    // 2. The server and the reference, each its own process.
    const serverArgs = ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), 'server/src/main.ts']
    const server = await start(
      'server',
      serverArgs,
      {
        NODE_ENV: 'development',
        AUTH_MODE: 'dev',
        DATABASE_URL: target.url,
        PORT: String(SERVER_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SESSION_SECRET: SECRET,
        DATA_KEY: DATA_KEY.toString('base64'),
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_MIN: '1000000',
        JOBS_INTERVAL_SECONDS: '86400',
      },
      /工会会员服务已启动/,
    )
    server.stdout!.resume()
    const lean = await start('lean reference', [path.join(__dirname, 'lib/lean-reference.mjs'), target.url, String(LEAN_PORT), String(POOL)], {}, /ready/)
    const api = `http://127.0.0.1:${SERVER_PORT}`
    const admin = (await json<{ token: string }>(`${api}/api/auth/dev-login`, undefined, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'admin' }) })).token

    // The join queue's deep page: the cursor half way down the queue, walked in pages of 100.
    type Page = { items: unknown[]; nextCursor: string | null }
    const pendingPages = Math.floor(sizes.applications / 2 / 20 / 2)
    let cursor: string | null = null
    for (let walked = 0; walked < pendingPages * 20; walked += 100) {
      const page: Page = await json<Page>(`${api}/api/membership/review?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, admin)
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    const members = (p: string) => tokens.map((token) => ({ path: p, token }))
    const staff = (p: string) => [{ path: p, token: admin }]
    const plan: [string, Row['group'], { path: string; token?: string }[], number?, number?][] = [
      ['lean reference (bare Fastify + pg, 2 queries)', 'reference', memberIds.map((id) => ({ path: `/lean/${id}` }))],
      ['member home GET /api/me', 'member', members('/api/me')],
      ['campaign list GET /api/vouchers/campaigns', 'member', members('/api/vouchers/campaigns')],
      ['my vouchers GET /api/vouchers/mine', 'member', members('/api/vouchers/mine')],
      ['my applications GET /api/me/applications', 'member', members('/api/me/applications')],
      ['card GET /api/membership/card', 'member', members('/api/membership/card')],
      ['messages GET /api/notifications', 'member', members('/api/notifications')],
      ['join queue, first page', 'staff', staff('/api/membership/review')],
      [`join queue, deep page (~${pendingPages * 20} rows in)`, 'staff', staff(`/api/membership/review${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)],
      ['relief base queue, first page', 'staff', staff('/api/relief/review?level=base')],
      ['campaign figures (dashboard aggregate)', 'staff', staff(`/api/vouchers/manage/campaigns/${campaign}/stats`)],
      [`campaign export .csv (${Math.round(sizes.vouchers / sizes.campaigns)} rows)`, 'staff', staff(`/api/vouchers/manage/campaigns/${campaign}/export.csv`)],
      // The largest staff export (10,000 rows, its cap) one at a time for 5 s: the route allows a person 10 a minute
      // (429 after), and at ~1 s of CPU each, 50 at once would measure the queue, not the export.
      ['audit log export .xlsx (10,000 rows), one at a time', 'staff', staff('/api/audit/export.xlsx'), 1, 5],
    ]
    const rows: Row[] = []
    for (const [name, group, requests, inFlight, seconds] of plan.filter(([n, g]) => g === 'reference' || !only || only.test(n))) {
      const base = group === 'reference' ? `http://127.0.0.1:${LEAN_PORT}` : api
      await drive(base, requests, 1, inFlight) // warm-up
      const row = summarise(name, group, await withCpu(target.url, (group === 'reference' ? lean : server).pid, () => drive(base, requests, seconds ?? SECONDS, inFlight)))
      rows.push(row)
      console.log(`  ${name}: ${row.rps.toFixed(0)} req/s, p95 ${row.p95.toFixed(1)} ms${row.errors ? `, ${row.errors} errors: ${row.samples[0]}` : ''}`)
    }

    // The claim at this size: a warm-up storm, then the measured one (each on its own new campaign).
    let claim: (ClaimRun & { cpu: Row['cpu'] }) | null = null
    if (claimRuns) {
      const createCampaign = async (title: string, stock: number) => {
        const now = Date.now()
        const created = await json<{ id: number }>(`${api}/api/vouchers/manage/campaigns`, admin, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'movie',
            title,
            orgId: district,
            venues: [{ name: '压测影城', address: '示例市云溪区压测路 1 号', lat: 30.27, lng: 120.15 }],
            totalStock: stock,
            opensAt: new Date(now - 60_000).toISOString(),
            closesAt: new Date(now + 120_000).toISOString(),
            voucherValidDays: 30,
            perMemberLimit: { count: 1, period: 'campaign' },
          }),
        })
        return created.id
      }
      const warm = await createCampaign('规模压测券（预热）', CLAIM_WARMUP.stock)
      await claimStorm(api, target.url, warm, claimTokens.slice(0, CLAIM_WARMUP.members), CLAIM_WARMUP.stock)
      const measured = await createCampaign('规模压测券', CLAIM_STOCK)
      let run: ClaimRun | null = null
      const withCost = await withCpu(target.url, server.pid, async () => {
        run = await claimStorm(api, target.url, measured, claimTokens.slice(CLAIM_WARMUP.members), CLAIM_STOCK)
        return { latencies: run.latencies, ok: run.ok + run.soldOut, errors: run.otherErrors, samples: run.samples, seconds: run.seconds }
      })
      claim = { ...run!, cpu: withCost.cpu }
      console.log(`  ${CLAIM_NAME}: ${(claim.ok / claim.seconds).toFixed(0)} claims/s, p99 ${pct(claim.latencies.sort((x, y) => x - y), 99).toFixed(1)} ms`)
    }
    for (const c of [server, lean]) c.kill('SIGTERM')
    await Promise.all([server, lean].map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))))

    // 4. The table.
    const ref = rows[0]
    const ms = (v: number) => v.toFixed(1)
    console.log(`\nbench:scale — scale ${SCALE} (${sizes.members.toLocaleString('en')} members, ${sizes.vouchers.toLocaleString('en')} vouchers, ${sizes.audit.toLocaleString('en')} audit rows, ${sizes.messages.toLocaleString('en')} messages), ${CONCURRENCY} in flight, ${SECONDS} s per endpoint, server pool ${POOL}`)
    console.log(`data set: ${(Number(bytes) / 1024 / 1024).toFixed(0)} MB on disk, built in ${buildSeconds.toFixed(1)} s (${steps.join(', ')})\n`)
    console.log('| endpoint | p50 ms | p95 ms | p99 ms | req/s | errors | req/s vs reference | p95 vs reference | CPU ms/request: server + PostgreSQL |')
    console.log('|---|---|---|---|---|---|---|---|---|')
    for (const r of rows) {
      const vs = r.group === 'reference' ? '—' : `${((r.rps / ref.rps) * 100).toFixed(0)} %`
      const p95 = r.group === 'reference' ? '—' : `${(r.p95 / ref.p95).toFixed(2)}×`
      const cpu = r.cpu ? `${r.cpu.server.toFixed(2)} + ${r.cpu.db.toFixed(2)}` : '—'
      console.log(`| ${r.name} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.rps.toFixed(0)} | ${r.errors} | ${vs} | ${p95} | ${cpu} |`)
    }
    if (claim) {
      const sorted = claim.latencies
      console.log(`\n| claim at scale ${SCALE} | claims/s | req/s | p50 ms | p99 ms | issued / stock | sold out | duplicates | oversold | CPU ms/request: server + PostgreSQL |`)
      console.log('|---|---|---|---|---|---|---|---|---|---|')
      const cpu = claim.cpu ? `${claim.cpu.server.toFixed(2)} + ${claim.cpu.db.toFixed(2)}` : '—'
      console.log(
        `| ${CLAIM_NAME} | ${(claim.ok / claim.seconds).toFixed(0)} | ${(sorted.length / claim.seconds).toFixed(0)} | ${ms(pct(sorted, 50))} | ${ms(pct(sorted, 99))} | ` +
          `${claim.issued} / ${CLAIM_STOCK} | ${claim.soldOut} | ${claim.issued - claim.holders} | no | ${cpu} |`,
      )
    }
    if (rows.some((r) => r.errors > 0)) process.exitCode = 1
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM')
    if (REUSE) console.log(`reused database: ${target.url}`)
    else if (!process.env.BENCH_KEEP) await target.drop()
    else console.log(`kept database: BENCH_REUSE=${target.url} BENCH_DATA_KEY=${DATA_KEY.toString('base64')}`)
    await rm(dataDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM')
  process.exit(1)
})

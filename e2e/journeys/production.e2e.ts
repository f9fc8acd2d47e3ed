/**
 * The production run, as the image does it: a copy of the repository's tracked files, `scripts/prod-build.sh`'s
 * steps (install → build → prune → start, the Dockerfile's steps), NODE_ENV=production, AUTH_MODE=cloudhosting and
 * a fresh PostgreSQL database. An operator then checks: /api/health is 200 (ready, every migration applied), the
 * demo login is refused, and the H5 app is served at /.
 *
 * `install` links the dependencies this checkout already has (PROD_BUILD_NODE_MODULES) instead of `npm ci`, which
 * needs the registry; everything else runs as in the image. Needs DATABASE_URL (a server where it may create a
 * throwaway database); skipped without it.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Client } from 'pg'
import { AuthReasons } from '../../contract/auth/reasons'
import { ROOT } from '../../scripts/lib/h5-build'

const adminUrl = process.env.DATABASE_URL

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

async function admin(sqlText: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl })
  await c.connect()
  try {
    await c.query(sqlText)
  } finally {
    await c.end()
  }
}

/** The repository as a fresh clone has it (tracked files, with this checkout's edits): no build, no data. */
function copyTrackedFiles(into: string): void {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean)
  for (const file of files) {
    const from = path.join(ROOT, file)
    const to = path.join(into, file)
    mkdirSync(path.dirname(to), { recursive: true })
    try {
      copyFileSync(from, to)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err // deleted in this checkout, not yet committed
    }
  }
}

test('production run: the image steps on a clean copy, cloudhosting + PostgreSQL → ready, no demo login, H5 served', {
  skip: adminUrl ? false : 'DATABASE_URL is not set (needs a PostgreSQL server for a throwaway database)',
  timeout: 240_000, // the H5 build takes 15 s on an idle machine, 2 minutes on a busy 2-core one
}, async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'union-prod-'))
  const app = path.join(work, 'app')
  const dbName = `ums_prod_${process.pid}_${randomBytes(4).toString('hex')}`
  const url = new URL(adminUrl!)
  url.pathname = `/${dbName}`
  const port = await freePort()
  await admin(`CREATE DATABASE "${dbName}"`)
  copyTrackedFiles(app)

  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PROD_BUILD_NODE_MODULES: path.join(ROOT, 'node_modules') }
  const step = (name: string) => {
    const started = Date.now()
    const r = spawnSync('sh', ['scripts/prod-build.sh', name], { cwd: app, env: base, encoding: 'utf8' })
    assert.equal(r.status, 0, `prod-build.sh ${name} failed:\n${r.stdout}\n${r.stderr}`)
    console.log(`prod-build.sh ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  let child: ReturnType<typeof spawn> | undefined
  let output = ''
  try {
    step('install')
    step('build')
    step('prune')
    // The image's environment (Dockerfile ENV) minus the gateway's headers, plus the secrets the operator sets.
    child = spawn('sh', ['scripts/prod-build.sh', 'start'], {
      cwd: app,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...base,
        AUTH_MODE: 'cloudhosting',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: path.join(work, 'data'),
        DATABASE_URL: url.toString(),
        SESSION_SECRET: randomBytes(32).toString('base64url'),
        DATA_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
      },
    })
    child.stdout!.on('data', (d) => (output += d))
    child.stderr!.on('data', (d) => (output += d))

    const origin = `http://127.0.0.1:${port}`
    const deadline = Date.now() + 60_000
    let health: Response | undefined
    while (Date.now() < deadline && child.exitCode === null) {
      health = await fetch(`${origin}/api/health`).catch(() => undefined)
      if (health?.status === 200) break
      await new Promise((r) => setTimeout(r, 300))
    }
    assert.equal(health?.status, 200, `not ready within 60 s:\n${output}`)
    const journal = JSON.parse(readFileSync(path.join(app, 'server', 'migrations', 'meta', '_journal.json'), 'utf8'))
    const ready = (await health!.json()) as { status: string; database: string; migrations: unknown }
    assert.equal(ready.status, 'ok')
    assert.equal(ready.database, 'postgres', 'production runs on the PostgreSQL server, never the embedded database')
    assert.deepEqual(ready.migrations, { applied: journal.entries.length, expected: journal.entries.length })

    // The demo login does not exist in production, whatever persona is asked for; and no persona was seeded.
    const login = await fetch(`${origin}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'admin' }),
    })
    assert.notEqual(login.status, 200)
    assert.ok(login.status >= 400 && login.status < 500, `dev-login answered ${login.status}`)
    const refusal = (await login.json()) as { reason?: string; token?: string }
    assert.equal(refusal.token, undefined)
    assert.equal(refusal.reason, AuthReasons.LOGIN_MODE_DISABLED.reason)
    const options = (await (await fetch(`${origin}/api/auth/options`)).json()) as { mode: string; devLogin: boolean; personas: unknown[] }
    assert.deepEqual({ mode: options.mode, devLogin: options.devLogin, personas: options.personas }, { mode: 'cloudhosting', devLogin: false, personas: [] })
    const c = new Client({ connectionString: url.toString() })
    await c.connect()
    try {
      assert.equal((await c.query('select count(*)::int as n from users')).rows[0].n, 0, 'no demo user in a production database')
    } finally {
      await c.end()
    }

    // The H5 app, built by the script, is served at /.
    const page = await fetch(`${origin}/`)
    assert.equal(page.status, 200)
    assert.match(page.headers.get('content-type') ?? '', /text\/html/)
    assert.match(await page.text(), /<div id="app">/)
  } finally {
    if (child?.pid) process.kill(-child.pid, 'SIGTERM')
    await new Promise((r) => setTimeout(r, 500))
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined)
    rmSync(work, { recursive: true, force: true })
  }
})

/**
 * A newcomer's first command: `npm start` must answer GET /api/health and serve the H5 app
 * within 60 s, on a fresh data folder (created, migrated and seeded on first run).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ROOT } from '../../scripts/lib/h5-build'

test('npm start serves /api/health and the H5 app within 60 s on a fresh data folder', async () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'union-start-')), 'data')
  const port = 30000 + Math.floor(Math.random() * 20000)
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' }
  delete env.DATABASE_URL
  delete env.NODE_ENV
  delete env.AUTH_MODE
  const started = Date.now()
  const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  try {
    let health: { status?: string } | undefined
    while (Date.now() - started < 60_000 && child.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`)
        if (res.ok) {
          health = (await res.json()) as { status?: string }
          break
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    const seconds = (Date.now() - started) / 1000
    assert.equal(health?.status, 'ok', `no healthy answer after ${seconds.toFixed(1)} s:\n${output}`)
    const page = await fetch(`http://127.0.0.1:${port}/`)
    assert.equal(page.status, 200)
    assert.match(page.headers.get('content-type') ?? '', /text\/html/)
    assert.match(await page.text(), /<div id="app">/)
    assert.match(output, new RegExp(`http://localhost:${port}`), 'start prints the address')
    assert.ok(existsSync(dataDir), 'DATA_DIR was created')
    console.log(`npm start answered in ${seconds.toFixed(1)} s`)
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM')
    await new Promise((r) => setTimeout(r, 500))
    rmSync(path.dirname(dataDir), { recursive: true, force: true })
  }
})

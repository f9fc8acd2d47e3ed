/**
 * npm run lighthouse (issue 18): builds the H5 app if stale, starts the server on a fresh data folder, runs Lighthouse
 * (mobile: simulated slow 4G and a mid-range phone) three times on / and two subpackage pages with the system Chromium,
 * and prints the median Performance, Accessibility, FCP, LCP, TBT and bytes transferred. Not part of `npm test` (about
 * a minute per run on a shared machine).
 *   npm run lighthouse [-- --runs 3] [-- --json lighthouse.json] [-- --pages /] [-- --dir <a saved H5 build>]
 * --dir serves an H5 build kept elsewhere (e.g. a copy of dist-h5 from before a change) instead of building dist-h5,
 * so a before and an after can be measured one after the other under the same machine load.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ensureH5Build, H5_DIR, ROOT } from './lib/h5-build'
import { startServer } from '../server/src/main'

const ALL_PAGES = ['/', '/packages/stations/list/index', '/packages/events/list/index']
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium'

interface Figures {
  performance: number
  accessibility: number
  fcpMs: number
  lcpMs: number
  tbtMs: number
  siMs: number
  cls: number
  bytes: number
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function lighthouse(url: string): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const bin = path.join(ROOT, 'node_modules', '.bin', 'lighthouse')
    const child = spawn(
      bin,
      [
        url,
        '--quiet',
        '--output=json',
        '--output-path=stdout',
        '--only-categories=performance,accessibility',
        '--chrome-flags=--headless --no-sandbox --disable-gpu',
      ],
      { env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`lighthouse ${url} failed (${code}):\n${err.slice(-2000)}`))
      if (process.env.LIGHTHOUSE_RAW) writeFileSync(process.env.LIGHTHOUSE_RAW, out)
      const r = JSON.parse(out) as {
        categories: Record<string, { score: number | null }>
        audits: Record<string, { numericValue?: number }>
      }
      resolve({
        performance: Math.round((r.categories.performance.score ?? 0) * 100),
        accessibility: Math.round((r.categories.accessibility.score ?? 0) * 100),
        fcpMs: r.audits['first-contentful-paint'].numericValue ?? NaN,
        lcpMs: r.audits['largest-contentful-paint'].numericValue ?? NaN,
        tbtMs: r.audits['total-blocking-time'].numericValue ?? NaN,
        siMs: r.audits['speed-index'].numericValue ?? NaN,
        cls: r.audits['cumulative-layout-shift'].numericValue ?? NaN,
        bytes: r.audits['total-byte-weight'].numericValue ?? NaN,
      })
    })
  })
}

async function main(): Promise<void> {
  const runs = Number(arg('runs') ?? 3)
  const pages = arg('pages')?.split(',') ?? ALL_PAGES
  const dir = arg('dir') ? path.resolve(arg('dir') as string) : H5_DIR
  if (!arg('dir')) await ensureH5Build((m) => console.log(m))
  const dataDir = mkdtempSync(path.join(tmpdir(), 'union-lighthouse-'))
  const server = await startServer(
    { ...process.env, NODE_ENV: 'development', PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: dir, LOG_LEVEL: 'warn' },
    { handleSignals: false },
  )
  const base = server.url.replace('localhost', '127.0.0.1')
  const results: Record<string, Figures> = {}
  try {
    for (const page of pages) {
      const all: Figures[] = []
      for (let i = 0; i < runs; i++) {
        const f = await lighthouse(`${base}${page}`)
        console.log(`  ${page} run ${i + 1}: Performance ${f.performance}, Accessibility ${f.accessibility}, LCP ${(f.lcpMs / 1000).toFixed(2)} s`)
        all.push(f)
      }
      results[page] = {
        performance: median(all.map((f) => f.performance)),
        accessibility: median(all.map((f) => f.accessibility)),
        fcpMs: median(all.map((f) => f.fcpMs)),
        lcpMs: median(all.map((f) => f.lcpMs)),
        tbtMs: median(all.map((f) => f.tbtMs)),
        siMs: median(all.map((f) => f.siMs)),
        cls: median(all.map((f) => f.cls)),
        bytes: median(all.map((f) => f.bytes)),
      }
    }
  } finally {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`\nLighthouse mobile, median of ${runs}:`)
  console.log('page                                  Perf  A11y    FCP     LCP     TBT      SI    CLS  transferred')
  for (const [page, f] of Object.entries(results)) {
    console.log(
      `${page.padEnd(36)}${String(f.performance).padStart(6)}${String(f.accessibility).padStart(6)}${`${(f.fcpMs / 1000).toFixed(2)} s`.padStart(8)}${`${(f.lcpMs / 1000).toFixed(2)} s`.padStart(8)}${`${Math.round(f.tbtMs)} ms`.padStart(8)}${`${(f.siMs / 1000).toFixed(2)} s`.padStart(8)}${f.cls.toFixed(3).padStart(7)}${`${(f.bytes / 1024).toFixed(0)} KiB`.padStart(12)}`,
    )
  }
  const json = arg('json')
  if (json) writeFileSync(json, JSON.stringify(results, null, 2))
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})

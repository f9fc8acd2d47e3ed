/**
 * The office console's build (admin/, Vite) into dist-admin/ when it is missing or stale — the same rule as the H5
 * build (scripts/lib/h5-build.ts): a hash of its inputs, kept beside the build as dist-admin/.inputs-hash, and the
 * .br/.gz siblings the server sends (precompress.ts). Its inputs: admin/, the contract, and the mini-program's
 * transport-independent API core it is built on (src/api, src/platform/transport.h5.ts).
 */
import { createHash } from 'node:crypto'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { precompressDir } from './precompress'

export const ROOT = path.resolve(__dirname, '..', '..')
export const ADMIN_DIR = path.join(ROOT, 'dist-admin')
const HASH_FILE = path.join(ADMIN_DIR, '.inputs-hash')
const INPUTS = ['admin', 'contract', 'src/api', 'src/packages/unions-admin/union/form.ts', 'src/platform/transport.h5.ts', 'src/platform/types.ts', 'package.json', 'package-lock.json', 'tsconfig.json']

function listFiles(p: string): string[] {
  if (!existsSync(p)) return []
  if (statSync(p).isFile()) return [p]
  const out: string[] = []
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const full = path.join(p, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(full))
    else if (!/\.test\.tsx?$/.test(entry.name)) out.push(full)
  }
  return out
}

export function adminInputsHash(): string {
  const hash = createHash('sha256')
  for (const file of INPUTS.flatMap((p) => listFiles(path.join(ROOT, p))).sort()) {
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

export function isAdminBuildFresh(hash = adminInputsHash()): boolean {
  return existsSync(path.join(ADMIN_DIR, 'index.html')) && existsSync(HASH_FILE) && readFileSync(HASH_FILE, 'utf8').trim() === hash
}

export function runViteBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const bin = path.join(ROOT, 'node_modules', '.bin', 'vite')
    const child = spawn(bin, ['build', '-c', 'admin/vite.config.mts', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    })
    let log = ''
    child.stdout.on('data', (d) => (log += d))
    child.stderr.on('data', (d) => (log += d))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`vite build (admin) failed (exit ${code}):\n${log.slice(-4000)}`))
    })
  })
}

/** Build, precompress and stamp; `brotliQuality` 6 for npm start and the journeys (fast), 11 for production. */
export async function buildAdmin(brotliQuality = 11): Promise<void> {
  const hash = adminInputsHash()
  await runViteBuild()
  precompressDir(ADMIN_DIR, { brotliQuality })
  writeFileSync(HASH_FILE, hash + '\n')
}

/** Returns true when it had to build. */
export async function ensureAdminBuild(log: (msg: string) => void = console.log): Promise<boolean> {
  if (isAdminBuildFresh()) return false
  log('正在构建工会工作台（/admin，首次或源码有变化，约 10 秒）…')
  const started = Date.now()
  await buildAdmin(6)
  log(`工作台构建完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`)
  return true
}

export interface AdminSize {
  /** Every file of the build (no .br/.gz siblings). */
  total: { raw: number; gzip: number }
  /** What the first visit downloads: index.html, its entry script, the chunks it preloads, its stylesheets. */
  firstLoad: { raw: number; gzip: number; files: string[] }
}

export function measureAdmin(dir = ADMIN_DIR): AdminSize {
  const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length
  const files = listFiles(dir).filter((f) => !/\.(br|gz)$/.test(f) && path.basename(f) !== '.inputs-hash')
  const total = { raw: 0, gzip: 0 }
  for (const f of files) {
    const buf = readFileSync(f)
    total.raw += buf.length
    total.gzip += gz(buf)
  }
  const html = readFileSync(path.join(dir, 'index.html'))
  const first = ['index.html', ...[...html.toString().matchAll(/(?:src|href)="\/admin\/([^"]+)"/g)].map((m) => m[1])]
  const firstLoad = { raw: 0, gzip: 0, files: first }
  for (const rel of first) {
    const buf = readFileSync(path.join(dir, rel))
    firstLoad.raw += buf.length
    firstLoad.gzip += gz(buf)
  }
  return { total, firstLoad }
}

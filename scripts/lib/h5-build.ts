/**
 * Builds the production H5 app into dist-h5/ when it is missing or stale.
 * Staleness is decided by a hash of the build inputs (not mtimes, which a fresh clone resets),
 * stored beside the build as dist-h5/.inputs-hash. Its text assets get pre-compressed .br/.gz siblings (precompress.ts).
 */
import { createHash } from 'node:crypto'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { precompressDir } from './precompress'

export const ROOT = path.resolve(__dirname, '..', '..')
export const H5_DIR = path.join(ROOT, 'dist-h5')
const HASH_FILE = path.join(H5_DIR, '.inputs-hash')
const INPUT_DIRS = ['src', 'config', 'contract', 'types']
const INPUT_FILES = ['package.json', 'package-lock.json', 'babel.config.js', 'tsconfig.json', '.env', '.env.production']

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(full))
    else if (!/\.test\.tsx?$/.test(entry.name)) out.push(full)
  }
  return out
}

export function inputsHash(): string {
  const hash = createHash('sha256')
  const files = [
    ...INPUT_DIRS.flatMap((d) => listFiles(path.join(ROOT, d))),
    ...INPUT_FILES.map((f) => path.join(ROOT, f)).filter((f) => existsSync(f) && statSync(f).isFile()),
  ].sort()
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

export function isH5BuildFresh(hash = inputsHash()): boolean {
  return existsSync(path.join(H5_DIR, 'index.html')) && existsSync(HASH_FILE) && readFileSync(HASH_FILE, 'utf8').trim() === hash
}

export function runTaroBuild(type: 'h5' | 'weapp', extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const bin = path.join(ROOT, 'node_modules', '.bin', 'taro')
    const child = spawn(bin, ['build', '--type', type], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', ...extraEnv },
    })
    let log = ''
    child.stdout.on('data', (d) => (log += d))
    child.stderr.on('data', (d) => (log += d))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`taro build --type ${type} failed (exit ${code}):\n${log.slice(-4000)}`))
    })
  })
}

/** Returns true when it had to build. */
export async function ensureH5Build(log: (msg: string) => void = console.log): Promise<boolean> {
  const hash = inputsHash()
  if (isH5BuildFresh(hash)) return false
  log('正在构建 H5 应用（首次或源码有变化，约 15 秒）…')
  const started = Date.now()
  await runTaroBuild('h5')
  // As `npm run build:h5` does: the .br/.gz siblings the server sends to browsers that accept them. At brotli quality
  // 6, not 11: this build is for `npm start` and the journeys, where 20 s more would eat the first start's budget.
  precompressDir(H5_DIR, { brotliQuality: 6 })
  writeFileSync(HASH_FILE, hash + '\n')
  log(`H5 应用构建完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`)
  return true
}

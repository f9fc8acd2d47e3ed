/**
 * npm run dev:cluster — two app instances (separate processes, ports 3001 and 3002, each its own DATA_DIR as two
 * containers would have) on the PostgreSQL of DATABASE_URL, behind a round-robin load balancer on port 3000
 * (server/test/round-robin.ts). Both get the same SESSION_SECRET and DATA_KEY (kept in .data/cluster/secrets.json
 * unless set), so a session or an encrypted field made by one is good on the other. The first instance migrates and
 * seeds an empty database before the second starts. Ctrl+C stops all three.
 *
 * Env: DATABASE_URL (required), PORT (the balancer, 3000), CLUSTER_INSTANCES (2), STATIC_DIR to serve the H5 build.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ROOT } from './lib/h5-build'
import { startRoundRobin } from '../server/test/round-robin'

const children: ChildProcess[] = []

function shutdown(code: number): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM')
  process.exit(code)
}

async function secrets(dir: string): Promise<{ SESSION_SECRET: string; DATA_KEY: string }> {
  const file = path.join(dir, 'secrets.json')
  try {
    return JSON.parse(await readFile(file, 'utf8'))
  } catch {
    const made = { SESSION_SECRET: randomBytes(32).toString('hex'), DATA_KEY: randomBytes(32).toString('base64') }
    await writeFile(file, JSON.stringify(made), { mode: 0o600 })
    return made
  }
}

async function ready(url: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) return
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} 未在 ${timeoutMs / 1000} 秒内就绪`)
    await new Promise((r) => setTimeout(r, 300))
  }
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    console.error('dev:cluster 需要 DATABASE_URL（多个实例只能共享 PostgreSQL，内嵌 PGlite 只能被一个进程使用）')
    process.exit(1)
  }
  const count = Math.max(2, Number(process.env.CLUSTER_INSTANCES) || 2)
  const base = path.join(ROOT, '.data', 'cluster')
  await mkdir(base, { recursive: true })
  const shared = { ...(await secrets(base)), ...pick(process.env, ['SESSION_SECRET', 'DATA_KEY']) }
  process.on('SIGINT', () => shutdown(0))
  process.on('SIGTERM', () => shutdown(0))

  const urls: string[] = []
  for (let i = 0; i < count; i++) {
    const port = 3001 + i
    const dataDir = path.join(base, `instance-${i + 1}`)
    await mkdir(dataDir, { recursive: true })
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { NODE_ENV: 'development', ...process.env, ...shared, PORT: String(port), DATA_DIR: dataDir },
    })
    child.on('exit', (code) => {
      console.log(`[实例 ${i + 1}] 已退出 (${code ?? 'signal'})`)
      shutdown(code ?? 1)
    })
    children.push(child)
    urls.push(`http://127.0.0.1:${port}`)
    // One at a time: the first migrates and seeds an empty database; the next then finds it ready.
    await ready(urls[i])
  }
  const lb = await startRoundRobin(urls, Number(process.env.PORT) || 3000, '0.0.0.0')
  console.log(`集群已启动：负载均衡 ${lb.url.replace('0.0.0.0', 'localhost')} → ${urls.join(' , ')}（轮询）`)
}

function pick(env: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => env[n]).map((n) => [n, env[n]!]))
}

main().catch((err: unknown) => {
  console.error(err)
  shutdown(1)
})

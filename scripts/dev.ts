/**
 * npm run dev: the API server restarting on change (tsx watch, port 3000) and the Taro H5 dev server
 * with hot reload (port 10086, proxying /api to the API server). Ctrl+C stops both.
 * For WeChat DevTools use `npm run dev:weapp` and open the project root.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { ROOT } from './lib/h5-build'

const bin = (name: string): string => path.join(ROOT, 'node_modules', '.bin', name)
const children: ChildProcess[] = []

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
  child.on('exit', (code) => {
    console.log(`[${label}] 已退出 (${code ?? 'signal'})`)
    shutdown(code ?? 1)
  })
  children.push(child)
}

function shutdown(code: number): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM')
  process.exit(code)
}

process.on('SIGINT', () => shutdown(0))
process.on('SIGTERM', () => shutdown(0))

run('server', bin('tsx'), ['watch', '--clear-screen=false', 'server/src/main.ts'], {
  PORT: process.env.PORT ?? '3000',
  NODE_ENV: process.env.NODE_ENV ?? 'development',
})
run('h5', bin('taro'), ['build', '--type', 'h5', '--watch'], { NODE_ENV: 'development' })
console.log('开发模式：API http://localhost:3000/api ，H5 热更新 http://localhost:10086 （/api 代理到 3000）')

/**
 * Server entry: `npx tsx server/src/main.ts`, or `startServer()` in-process (scripts/start.ts).
 */
import type { FastifyInstance } from 'fastify'
import { loadConfig, prepareRuntime, type RuntimeConfig } from './config'
import { openDatabase, type Database } from './db'
import { seedDemo } from './seed'
import { buildApp } from './app'

export interface RunningServer {
  app: FastifyInstance
  db: Database
  config: RuntimeConfig
  /** http://localhost:PORT (the port actually bound). */
  url: string
  /** Closes the HTTP server, then the database. Idempotent. */
  close(): Promise<void>
}

export interface StartOptions {
  /** Install SIGINT/SIGTERM handlers that close gracefully and exit (default true). */
  handleSignals?: boolean
}

export async function startServer(
  env: Record<string, string | undefined> = process.env,
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = await prepareRuntime(loadConfig(env))
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onIdleError: (err) => console.error(`数据库空闲连接中断，将自动重连: ${err.message}`),
  })
  let app: FastifyInstance
  try {
    if (config.seedDemo) await seedDemo(db.db, { dataKey: config.dataKey })
    app = await buildApp({ config, db })
    await app.listen({ port: config.port, host: config.host })
  } catch (err) {
    await db.close().catch(() => undefined)
    throw err
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://localhost:${port}`
  app.log.info({ database: db.kind, authMode: config.authMode }, `工会会员服务已启动: ${url}`)

  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      try {
        await app.close()
      } finally {
        await db.close()
      }
    })())

  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      app.log.info(`收到 ${signal}，正在关闭服务…`)
      close().then(
        () => process.exit(0),
        (err) => {
          app.log.error({ err }, '关闭服务时出错')
          process.exit(1)
        },
      )
    }
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
  }

  return { app, db, config, url, close }
}

if (require.main === module) {
  startServer().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}

/**
 * Background jobs: work that must happen at a time rather than when somebody asks (a lottery drawn after it
 * closes, a win nobody confirmed handed to the next in line).
 *
 * `scheduleJob` runs a job every `intervalMs` once the app is ready: the next run is timed from the end of the
 * previous one, so runs never overlap; a failure is logged and the next run still comes; the timer is unref'd
 * and stopped by `app.close()`, which also waits for a run in progress (before main.ts closes the database).
 * Several server instances may run the same job: jobs must be safe to run concurrently (settles are).
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'

export function scheduleJob(
  app: FastifyInstance,
  name: string,
  intervalMs: number,
  run: (log: FastifyBaseLogger) => Promise<void>,
): void {
  if (!(intervalMs > 0)) return
  const log = app.log.child({ job: name })
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null
  let stopped = false

  const schedule = () => {
    if (stopped) return
    timer = setTimeout(tick, intervalMs)
    timer.unref()
  }
  const tick = () => {
    timer = null
    running = run(log)
      .catch((err: unknown) => log.error({ err }, `定时任务 ${name} 失败`))
      .finally(() => {
        running = null
        schedule()
      })
  }

  app.addHook('onReady', async () => schedule())
  app.addHook('onClose', async () => {
    stopped = true
    if (timer) clearTimeout(timer)
    timer = null
    await running
  })
}

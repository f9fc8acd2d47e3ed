/**
 * 订阅消息 job: every OUTBOX_INTERVAL_SECONDS, send what notify() queued in the outbox (outbox.ts: claimed with
 * FOR UPDATE SKIP LOCKED under a lease, so several instances share the queue; retried with back-off; daily quota).
 * 公告 job: every JOBS_INTERVAL_SECONDS, deliver waiting announcements in batches (announcements.ts: each batch and
 * its cursor one transaction, the announcement FOR UPDATE SKIP LOCKED; up to 100 batches a run, the next run goes on).
 */
import type { FastifyPluginAsync } from 'fastify'
import { scheduleJob } from '../../jobs'

export const notificationJobs: FastifyPluginAsync = async (app) => {
  const { outbox, announcements } = app.services.notifications
  scheduleJob(app, 'notifications.outbox', app.deps.config.outbox.intervalSeconds * 1000, async (log) => {
    const result = await outbox.drain(log)
    if (result.sent + result.failed + result.retrying + result.abandoned > 0) log.info(result, '订阅消息发送')
  })
  scheduleJob(app, 'notifications.announcements', app.deps.config.jobsIntervalSeconds * 1000, async (log) => {
    const result = await announcements.drain()
    if (result.batches > 0) log.info(result, '公告已分批送达')
  })
}

/** 在线预约 background job: the day-before reminders (reminders.ts; idempotent, safe on several instances). */
import type { FastifyPluginAsync } from 'fastify'
import { scheduleJob } from '../../jobs'

export const bookingJobs: FastifyPluginAsync = async (app) => {
  const { reminders } = app.services.bookings
  scheduleJob(app, 'bookings.remind', app.deps.config.jobsIntervalSeconds * 1000, async (log) => {
    const sent = await reminders.sendDue()
    if (sent > 0) log.info({ sent }, '已发送预约提醒')
  })
}

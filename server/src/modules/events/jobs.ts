/** 活动报名 background job: the day-before reminders (reminders.ts; once per registration, safe on several instances). */
import type { FastifyPluginAsync } from 'fastify'
import { scheduleJob } from '../../jobs'

export const eventJobs: FastifyPluginAsync = async (app) => {
  const events = app.services.events
  scheduleJob(app, 'events.remind', app.deps.config.jobsIntervalSeconds * 1000, async (log) => {
    const sent = await events.remindDue()
    if (sent > 0) log.info({ registrations: sent }, '已发送活动提醒')
  })
}

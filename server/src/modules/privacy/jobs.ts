/**
 * The privacy jobs, every JOBS_INTERVAL_SECONDS (each safe with several instances: requests are claimed FOR UPDATE
 * SKIP LOCKED, the retention run by its day row): due 注销 → the shredder; pending data copies → prepared; 退会 nobody
 * confirmed in time → completed; and once a China day, the retention rules.
 */
import type { FastifyPluginAsync } from 'fastify'
import { scheduleJob } from '../../jobs'
import { completeDueDepartures } from '../membership'

export const privacyJobs: FastifyPluginAsync = async (app) => {
  const privacy = app.services.privacy
  scheduleJob(app, 'privacy.requests', app.deps.config.jobsIntervalSeconds * 1000, async (log) => {
    const erased = await privacy.erasure.runDue()
    const copies = await privacy.exports.prepareDue()
    const departed = await completeDueDepartures(app.deps)
    if (erased + copies + departed > 0) log.info({ erased, copies, departed }, '已处理到期的注销、数据副本和退会申请')
  })
  scheduleJob(app, 'privacy.retention', app.deps.config.jobsIntervalSeconds * 1000, async (log) => {
    const counts = await privacy.retention.daily()
    if (counts) log.info({ counts }, '已按保存期限清理个人信息')
  })
}

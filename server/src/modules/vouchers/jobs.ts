/**
 * 福利券 background jobs: every JOBS_INTERVAL_SECONDS, draw the lotteries that have closed and hand wins not
 * confirmed in time to the next member on the waitlist (`VoucherService.settleDue`), so neither waits for
 * somebody to open the app. Reads still settle a campaign they find due, whichever comes first.
 * And remind the holders of vouchers ending within a day (`remindExpiring`; once each, safe on several instances).
 */
import type { FastifyPluginAsync } from 'fastify'
import { scheduleJob } from '../../jobs'

export const voucherJobs: FastifyPluginAsync = async (app) => {
  const service = app.services.vouchers
  scheduleJob(app, 'vouchers.settle', app.deps.config.jobsIntervalSeconds * 1000, async (log) => {
    const result = await service.settleDue((campaignId, err) => log.error({ err, campaignId }, '抽签活动结算失败'))
    if (result.drawn > 0 || result.lapsed > 0) log.info(result, '抽签活动已结算（开奖 / 逾期未确认转候补）')
  })
  scheduleJob(app, 'vouchers.expiring', app.deps.config.jobsIntervalSeconds * 1000, async (log) => {
    const sent = await service.remindExpiring()
    if (sent > 0) log.info({ sent }, '已发送福利券到期提醒')
  })
}

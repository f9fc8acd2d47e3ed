/**
 * Files background job: every JOBS_INTERVAL_SECONDS, remove uploads nobody attached within 24 hours
 * (`FileStore.sweep`: the rows, and their bytes in the database or the object store).
 */
import type { FastifyPluginAsync } from 'fastify'
import { scheduleJob } from '../../jobs'

export const fileJobs: FastifyPluginAsync = async (app) => {
  const { files, db } = app.deps
  scheduleJob(app, 'files.sweep', app.deps.config.jobsIntervalSeconds * 1000, async (log) => {
    const { removed } = await files.sweep(db, (err, row) => log.error({ err, fileId: row.id }, '删除过期上传文件的内容失败'))
    if (removed > 0) log.info({ removed }, '已清理 24 小时内未使用的上传文件')
  })
}

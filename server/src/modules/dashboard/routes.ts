/** 数据看板: parse, authorize (the access table), call, reply. */
import type { FastifyPluginAsync } from 'fastify'
import { dashboardApi } from '@contract/dashboard/api'
import * as schemas from '@contract/dashboard/schemas'
import { route } from '../../http/route'
import { attachmentHeader, XLSX_MIME } from '../../files/workbook'
import { figures } from './figures'
import { dashboardWorkbook } from './export'

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  const deps = app.deps
  // Aggregates over a whole subtree: cheap with the indexes, but not a thing to hammer.
  route(app, dashboardApi.figures, schemas.figures, { auth: 'required', rateLimit: { max: 60 } }, async ({ user, query }) => figures(deps, user, query))
  route(app, dashboardApi.exportXlsx, schemas.exportXlsx, { auth: 'required', rateLimit: { max: 30 } }, async ({ user, query, reply }) => {
    const { chart, ...range } = query
    const { bytes, filename } = await dashboardWorkbook(await figures(deps, user, range), chart)
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', attachmentHeader('dashboard.xlsx', filename))
      .header('cache-control', 'no-store')
      .send(bytes)
  })
}

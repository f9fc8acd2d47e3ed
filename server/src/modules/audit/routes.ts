/** 审计日志: parse, authorize (the access table), call, reply. */
import type { FastifyPluginAsync } from 'fastify'
import { auditApi } from '@contract/audit/api'
import * as schemas from '@contract/audit/schemas'
import { route } from '../../http/route'
import { attachmentHeader, XLSX_MIME } from '../../files/workbook'
import { listAudit } from './listing'
import { auditWorkbook } from './export'

export const auditRoutes: FastifyPluginAsync = async (app) => {
  const deps = app.deps
  route(app, auditApi.list, schemas.list, { auth: 'required' }, async ({ user, query }) => listAudit(deps, user, query))
  route(app, auditApi.exportXlsx, schemas.exportXlsx, { auth: 'required', rateLimit: { max: 10 } }, async ({ user, query, reply }) => {
    const { bytes, filename } = await auditWorkbook(deps, user, query)
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', attachmentHeader('audit-log.xlsx', filename))
      .header('cache-control', 'no-store')
      .send(bytes)
  })
}

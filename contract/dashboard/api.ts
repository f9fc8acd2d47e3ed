import { endpoint } from '../endpoint'
import type * as s from './schemas'

/**
 * 数据看板 (the office console): the figures of one union subtree for a date range. Staff with `dashboard.view`
 * (admins) over the union; `orgId` outside their posts → 403.
 */
export const dashboardApi = {
  figures: endpoint<typeof s.figures>('GET', '/api/dashboard'),
  /** One chart's data (`chart`), or every chart one sheet each, as .xlsx. */
  exportXlsx: endpoint<typeof s.exportXlsx>('GET', '/api/dashboard/export.xlsx'),
}

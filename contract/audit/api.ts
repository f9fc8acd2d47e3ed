import { endpoint } from '../endpoint'
import type * as s from './schemas'

/**
 * 审计日志 (the office console): who did what to which record, when, from where — the rows of the caller's union
 * subtree (`audit.view`: admins). `orgId` outside their posts → 403.
 */
export const auditApi = {
  list: endpoint<typeof s.list>('GET', '/api/audit'),
  /** The filtered rows (newest first, at most AUDIT_EXPORT_MAX_ROWS) as .xlsx; the export is itself audited. */
  exportXlsx: endpoint<typeof s.exportXlsx>('GET', '/api/audit/export.xlsx'),
}

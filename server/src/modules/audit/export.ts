/**
 * 审计日志 as .xlsx: the filtered rows, newest first, at most AUDIT_EXPORT_MAX_ROWS (the last row says when more
 * matched). The export names people and addresses, so it is itself audited (`audit.export`, with its filters), in
 * the same transaction as the read.
 */
import type { AuditExportQuery } from '@contract/audit/schemas'
import { AUDIT_CHANNEL_LABELS, AUDIT_EXPORT_MAX_ROWS, auditActionLabel, auditSubjectLabel } from '@contract/audit/labels'
import type { AppDeps } from '../../http/deps'
import type { AuthUser } from '../../auth/sessions'
import { audit } from '../../audit'
import { type Cell, writeWorkbook } from '../../files/workbook'
import { chinaDate, chinaTime } from '../../time'
import { readRows } from './listing'

export async function auditWorkbook(deps: AppDeps, user: AuthUser, q: AuditExportQuery): Promise<{ bytes: Buffer; filename: string; count: number }> {
  return deps.db.transaction(async (tx) => {
    const rows = await readRows(tx, user, q, AUDIT_EXPORT_MAX_ROWS + 1, null)
    const more = rows.length > AUDIT_EXPORT_MAX_ROWS
    const shown = rows.slice(0, AUDIT_EXPORT_MAX_ROWS)
    const body: Cell[][] = shown.map((r) => [
      chinaTime(Date.parse(r.at)),
      r.actor?.name ?? '系统',
      r.actor?.id ?? null,
      auditActionLabel(r.action),
      r.action,
      r.subjectType ? auditSubjectLabel(r.subjectType) : '',
      r.subjectId ?? '',
      r.org?.name ?? '平台',
      r.ip ?? '',
      r.device ?? '',
      r.channel ? AUDIT_CHANNEL_LABELS[r.channel] : '',
      r.sensitive ? '是' : '',
      r.detail ? JSON.stringify(r.detail) : '',
    ])
    if (more) body.push([`仅导出最新的 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩小筛选范围后再导出更早的记录`])
    const bytes = await writeWorkbook([
      {
        name: '审计日志',
        columns: [
          { header: '时间', width: 20 }, { header: '操作人', width: 14 }, { header: '操作人编号', width: 10 }, { header: '操作', width: 22 },
          { header: '操作代码', width: 30 }, { header: '对象', width: 14 }, { header: '对象编号', width: 12 }, { header: '所属工会', width: 26 },
          { header: 'IP 地址', width: 16 }, { header: '设备', width: 18 }, { header: '渠道', width: 8 }, { header: '敏感信息', width: 8 },
          { header: '详情', width: 60 },
        ],
        rows: body,
      },
    ])
    const { cursor: _c, limit: _l, ...filters } = q as AuditExportQuery & { cursor?: unknown; limit?: unknown }
    await audit(tx, { actorUserId: user.userId, action: 'audit.export', subjectType: 'audit_log', detail: { ...filters, rows: shown.length } })
    return { bytes, filename: `审计日志-${chinaDate(deps.now())}.xlsx`, count: shown.length }
  })
}

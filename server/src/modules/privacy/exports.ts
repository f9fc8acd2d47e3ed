/**
 * 下载我的数据 (issue 19): a member asks for a copy; the job prepares it in the background from every capability's
 * `copy` (their public faces) — one .xlsx sheet per kind of record plus the same as JSON — stored as two files owned by
 * no one (outside the upload quota) and tied to the request. For EXPORT_AVAILABLE_DAYS the owner (and only the owner:
 * the access rule) gets short-lived signed links, each handing-out audited; then the retention job deletes the files.
 */
import ExcelJS from 'exceljs'
import { and, desc, eq } from 'drizzle-orm'
import { EXPORT_AVAILABLE_DAYS } from '@contract/privacy/labels'
import { PrivacyReasons } from '@contract/privacy/reasons'
import type { ExportView } from '@contract/privacy/schemas'
import type { DbOrTx } from '../../db'
import { privacyRequests, type PrivacyRequestRow } from '../../db/schema/privacy'
import type { AppDeps } from '../../http/deps'
import type { AuthUser } from '../../auth/sessions'
import { audit } from '../../audit'
import { refuse } from '../../errors'
import type { DataSheet } from '../../personal-data'
import { REMOVERS } from './removers'

const DAY_MS = 86_400_000
/** The signed links live 10 minutes: enough to download, short enough not to travel. */
const LINK_TTL_SECONDS = 600

const expiresAt = (r: PrivacyRequestRow) => r.dueAt ?? new Date(r.createdAt.getTime() + EXPORT_AVAILABLE_DAYS * DAY_MS)

export function toExportView(r: PrivacyRequestRow, now: number, links?: { xlsxUrl: string; jsonUrl: string }): ExportView {
  const expired = expiresAt(r).getTime() <= now
  return {
    id: r.id,
    status: r.status === 'done' && expired ? 'cancelled' : r.status,
    requestedAt: r.createdAt.toISOString(),
    expiresAt: expiresAt(r).toISOString(),
    xlsxUrl: links?.xlsxUrl ?? null,
    jsonUrl: links?.jsonUrl ?? null,
  }
}

/** Every record of the person, as sheets (the order of REMOVERS; empty sheets kept: the copy says "none"). */
export async function collectCopy(deps: AppDeps, db: DbOrTx, userId: number): Promise<DataSheet[]> {
  const sheets: DataSheet[] = []
  for (const [, pd] of REMOVERS) sheets.push(...(await pd.copy(db, { userId, cipher: deps.cipher })))
  return sheets
}

export async function workbookOf(sheets: DataSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const used = new Set<string>()
  for (const s of sheets) {
    let name = s.title.slice(0, 31)
    for (let i = 2; used.has(name); i++) name = `${s.title.slice(0, 28)}(${i})`
    used.add(name)
    const ws = wb.addWorksheet(name)
    const columns = [...new Set(s.rows.flatMap((r) => Object.keys(r)))]
    if (columns.length === 0) {
      ws.addRow(['（无记录）'])
      continue
    }
    ws.addRow(columns)
    ws.getRow(1).font = { bold: true }
    for (const r of s.rows) ws.addRow(columns.map((c) => r[c] ?? ''))
    ws.columns.forEach((col) => (col.width = 18))
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export function dataExports(deps: AppDeps) {
  const { db } = deps
  return {
    async request(user: AuthUser): Promise<ExportView> {
      const now = new Date(deps.now())
      return db.transaction(async (tx) => {
        const [open] = await tx
          .select()
          .from(privacyRequests)
          .where(and(eq(privacyRequests.userId, user.userId), eq(privacyRequests.kind, 'export'), eq(privacyRequests.status, 'pending')))
        if (open) return toExportView(open, now.getTime())
        const [row] = await tx
          .insert(privacyRequests)
          .values({ userId: user.userId, kind: 'export', status: 'pending', createdAt: now, dueAt: new Date(now.getTime() + EXPORT_AVAILABLE_DAYS * DAY_MS) })
          .returning()
        await audit(tx, { actorUserId: user.userId, action: 'privacy.export.request', subjectType: 'privacy_request', subjectId: row.id })
        return toExportView(row, now.getTime())
      })
    },

    async list(userId: number): Promise<ExportView[]> {
      const rows = await db
        .select()
        .from(privacyRequests)
        .where(and(eq(privacyRequests.userId, userId), eq(privacyRequests.kind, 'export')))
        .orderBy(desc(privacyRequests.id))
        .limit(5)
      return rows.map((r) => toExportView(r, deps.now()))
    },

    /** The owner's copy; once prepared and unexpired, with signed links (audited). The access rule checked the owner. */
    async detail(user: AuthUser, id: number): Promise<ExportView> {
      const now = deps.now()
      return db.transaction(async (tx) => {
        const [r] = await tx.select().from(privacyRequests).where(and(eq(privacyRequests.id, id), eq(privacyRequests.kind, 'export')))
        if (!r || r.userId !== user.userId) throw refuse(PrivacyReasons.EXPORT_NOT_FOUND)
        if (r.status === 'pending') return toExportView(r, now)
        if (r.status !== 'done' || expiresAt(r).getTime() <= now || !r.xlsxFileId || !r.jsonFileId) throw refuse(PrivacyReasons.EXPORT_EXPIRED)
        await audit(tx, { actorUserId: user.userId, action: 'privacy.export.download', subjectType: 'privacy_request', subjectId: r.id })
        return toExportView(r, now, {
          xlsxUrl: deps.files.signedUrl(r.xlsxFileId, LINK_TTL_SECONDS),
          jsonUrl: deps.files.signedUrl(r.jsonFileId, LINK_TTL_SECONDS),
        })
      })
    },

    /** The job: prepares pending copies one at a time, each claimed FOR UPDATE SKIP LOCKED in its transaction. */
    async prepareDue(): Promise<number> {
      let done = 0
      for (;;) {
        const ran = await db.transaction(async (tx) => {
          const [req] = await tx
            .select()
            .from(privacyRequests)
            .where(and(eq(privacyRequests.kind, 'export'), eq(privacyRequests.status, 'pending')))
            .orderBy(privacyRequests.id)
            .limit(1)
            .for('update', { skipLocked: true })
          if (!req) return false
          if (req.userId === null) {
            await tx.update(privacyRequests).set({ status: 'cancelled', cancelledAt: new Date(deps.now()) }).where(eq(privacyRequests.id, req.id))
            return true
          }
          const sheets = await collectCopy(deps, tx, req.userId)
          const preparedAt = new Date(deps.now())
          const json = Buffer.from(JSON.stringify({ 生成时间: preparedAt.toISOString(), 用户编号: req.userId, 数据: Object.fromEntries(sheets.map((s) => [s.title, s.rows])) }, null, 2))
          const xlsx = await workbookOf(sheets)
          const xf = await deps.files.save(tx, { ownerUserId: null, kind: 'privacy.export', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: xlsx })
          const jf = await deps.files.save(tx, { ownerUserId: null, kind: 'privacy.export', mime: 'application/json', bytes: json })
          await deps.files.attach(tx, [xf.id, jf.id])
          await tx
            .update(privacyRequests)
            .set({ status: 'done', doneAt: preparedAt, xlsxFileId: xf.id, jsonFileId: jf.id, detail: { sheets: sheets.length, rows: sheets.reduce((n, s) => n + s.rows.length, 0) } })
            .where(eq(privacyRequests.id, req.id))
          await audit(tx, { actorUserId: null, action: 'privacy.export.prepared', subjectType: 'privacy_request', subjectId: req.id, detail: { sheets: sheets.length } })
          return true
        })
        if (!ran) return done
        done++
      }
    },
  }
}

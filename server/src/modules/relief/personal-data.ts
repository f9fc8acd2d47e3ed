/**
 * 帮扶救助's part of 注销账号 / 下载我的数据 / retention (issue 19; server/src/personal-data.ts).
 * Erase: drafts are deleted; cases in review are withdrawn; every case keeps its type, union, stages, dates, amount
 * and payout record (the union's accounts must keep what was paid) but loses the form (fields and the encrypted
 * sensitive values: ID number, phone, medical), the home-visit notes, every document (deleted from the file store),
 * the submissions' copies, the person's notes on the timeline and objections' texts about the case.
 */
import { and, eq, inArray, isNotNull, lte, notInArray, sql } from 'drizzle-orm'
import { RELIEF_STAGES } from '@contract/relief/labels'
import type { DocumentIds } from '@contract/relief/schemas'
import type { Tx } from '../../db'
import { reliefApplications, reliefEvents, reliefObjections, reliefSubmissions } from '../../db/schema/relief'
import { iso, type EraseContext, type PersonalData } from '../../personal-data'

const docIds = (d: DocumentIds | null | undefined): string[] => Object.values(d ?? {}).flat()
const CLOSED_STAGES = ['paid', 'rejected', 'withdrawn'] as const
const REMOVED = '（已删除）'

/** Clears the personal content of these cases (documents deleted), keeping the record of what was decided and paid. */
async function clearCases(tx: Tx, ids: number[], deleteFiles: EraseContext['deleteFiles']): Promise<number> {
  if (ids.length === 0) return 0
  const apps = await tx.select({ id: reliefApplications.id, documents: reliefApplications.documents }).from(reliefApplications).where(inArray(reliefApplications.id, ids))
  const subs = await tx.select({ documents: reliefSubmissions.documents }).from(reliefSubmissions).where(inArray(reliefSubmissions.applicationId, ids))
  const removed = await deleteFiles(tx, [...apps.flatMap((a) => docIds(a.documents)), ...subs.flatMap((s) => docIds(s.documents))])
  await tx
    .update(reliefApplications)
    .set({ fields: {}, sensitiveEnc: null, documents: {}, homeVisit: null, returnRequest: null, causeKey: null })
    .where(inArray(reliefApplications.id, ids))
  await tx.update(reliefSubmissions).set({ fields: {}, sensitiveEnc: null, documents: {} }).where(inArray(reliefSubmissions.applicationId, ids))
  await tx.update(reliefEvents).set({ note: null }).where(and(inArray(reliefEvents.applicationId, ids), isNotNull(reliefEvents.note)))
  await tx.update(reliefObjections).set({ content: REMOVED, answer: sql`case when ${reliefObjections.answer} is null then null else ${REMOVED} end` }).where(inArray(reliefObjections.applicationId, ids))
  return removed
}

export const reliefPersonalData: PersonalData = {
  async erase(tx, ctx) {
    const drafts = await tx
      .select({ id: reliefApplications.id })
      .from(reliefApplications)
      .where(and(eq(reliefApplications.userId, ctx.userId), eq(reliefApplications.stage, 'draft')))
    const draftIds = drafts.map((d) => d.id)
    let documents = await clearCases(tx, draftIds, ctx.deleteFiles)
    if (draftIds.length) await tx.delete(reliefApplications).where(inArray(reliefApplications.id, draftIds))
    const open = await tx
      .update(reliefApplications)
      .set({ stage: 'withdrawn', stageSince: ctx.now, updatedAt: ctx.now })
      .where(and(eq(reliefApplications.userId, ctx.userId), notInArray(reliefApplications.stage, ['draft', 'approved', 'publicity', ...CLOSED_STAGES])))
      .returning({ id: reliefApplications.id })
    for (const o of open) {
      await tx.insert(reliefEvents).values({ applicationId: o.id, kind: 'withdrawn', note: '申请人注销账号', byLabel: '系统', actorUserId: null, at: ctx.now })
    }
    const all = await tx.select({ id: reliefApplications.id }).from(reliefApplications).where(eq(reliefApplications.userId, ctx.userId))
    documents += await clearCases(tx, all.map((a) => a.id), ctx.deleteFiles)
    await tx.update(reliefObjections).set({ content: REMOVED }).where(eq(reliefObjections.userId, ctx.userId))
    return { draftsDeleted: draftIds.length, withdrawn: open.length, casesCleared: all.length, documents }
  },

  async copy(db, ctx) {
    const apps = await db.select().from(reliefApplications).where(eq(reliefApplications.userId, ctx.userId)).orderBy(reliefApplications.id)
    const ids = apps.map((a) => a.id)
    const timeline = ids.length ? await db.select().from(reliefEvents).where(inArray(reliefEvents.applicationId, ids)).orderBy(reliefEvents.at) : []
    const sensitive = (enc: string | null): string => {
      if (!enc) return ''
      try {
        // The person's own values, in their own copy: the keys only, never the numbers (the copy is a file).
        return Object.keys(JSON.parse(ctx.cipher.decrypt(enc)) as Record<string, unknown>).join('、') + '（已加密保存）'
      } catch {
        return '（无法解密）'
      }
    }
    return [
      {
        title: '帮扶救助申请',
        rows: apps.map((a) => ({
          申请编号: a.id,
          类型: a.typeKey,
          状态: RELIEF_STAGES[a.stage],
          填写内容: JSON.stringify(a.fields),
          敏感信息: sensitive(a.sensitiveEnc),
          证明材料数: docIds(a.documents).length,
          提交时间: iso(a.submittedAt),
          金额: a.amount,
          发放日期: a.payout?.paidOn ?? null,
        })),
      },
      { title: '帮扶救助进度', rows: timeline.map((e) => ({ 申请编号: e.applicationId, 环节: e.kind, 说明: e.note, 时间: iso(e.at) })) },
    ]
  },
}

/** Retention executors of relief's rules (contract/privacy/labels.ts). */
export const reliefRetention = {
  /** relief_drafts: drafts last saved before the cutoff, with their documents. */
  async drafts(tx: Tx, cutoff: Date, deleteFiles: EraseContext['deleteFiles']): Promise<number> {
    const rows = await tx
      .select({ id: reliefApplications.id })
      .from(reliefApplications)
      .where(and(eq(reliefApplications.stage, 'draft'), lte(sql`coalesce(${reliefApplications.draftSavedAt}, ${reliefApplications.updatedAt})`, cutoff)))
    const ids = rows.map((r) => r.id)
    await clearCases(tx, ids, deleteFiles)
    if (ids.length) await tx.delete(reliefApplications).where(inArray(reliefApplications.id, ids))
    return ids.length
  },
  /** relief_documents: cases closed (paid, rejected, withdrawn) before the cutoff lose documents and form; amounts stay. */
  async decidedDocuments(tx: Tx, cutoff: Date, deleteFiles: EraseContext['deleteFiles']): Promise<number> {
    const rows = await tx
      .select({ id: reliefApplications.id })
      .from(reliefApplications)
      .where(
        and(
          inArray(reliefApplications.stage, [...CLOSED_STAGES]),
          lte(reliefApplications.stageSince, cutoff),
          sql`(${reliefApplications.documents} <> '{}'::jsonb or ${reliefApplications.fields} <> '{}'::jsonb or ${isNotNull(reliefApplications.sensitiveEnc)})`,
        ),
      )
    await clearCases(tx, rows.map((r) => r.id), deleteFiles)
    return rows.length
  },
}


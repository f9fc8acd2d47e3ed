/**
 * 法律援助's part of 注销账号 / 下载我的数据 (issue 19; server/src/personal-data.ts). Erase: the cases stay as the
 * union's counts (kind, dates, status, outcome, amounts) but lose the description, the phone, the employer, the whole
 * thread's texts, the rating comment and every attachment (deleted from the file store); open cases are closed.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { ERASED_NAME } from '@contract/privacy/labels'
import { LEGAL_DISPUTE_KINDS, LEGAL_STATUSES } from '@contract/legal/labels'
import { legalCases, legalEntries } from '../../db/schema/legal'
import { iso, type PersonalData } from '../../personal-data'

export const legalPersonalData: PersonalData = {
  async erase(tx, ctx) {
    // Staff who erase their account: their name on the cases they handled and the replies they wrote goes.
    await tx.update(legalCases).set({ handlerName: ERASED_NAME }).where(eq(legalCases.handlerUserId, ctx.userId))
    await tx.update(legalEntries).set({ byLabel: ERASED_NAME }).where(eq(legalEntries.actorUserId, ctx.userId))
    const cases = await tx.select({ id: legalCases.id, attachments: legalCases.attachments, status: legalCases.status }).from(legalCases).where(eq(legalCases.userId, ctx.userId))
    if (cases.length === 0) return { cases: 0, documents: 0 }
    const ids = cases.map((c) => c.id)
    const entries = await tx.select({ attachments: legalEntries.attachments }).from(legalEntries).where(inArray(legalEntries.caseId, ids))
    const documents = await ctx.deleteFiles(tx, [...cases.flatMap((c) => c.attachments), ...entries.flatMap((e) => e.attachments)])
    await tx.update(legalEntries).set({ textEnc: null, attachments: [] }).where(inArray(legalEntries.caseId, ids))
    await tx.update(legalEntries).set({ byLabel: ERASED_NAME }).where(and(inArray(legalEntries.caseId, ids), eq(legalEntries.author, 'member')))
    await tx
      .update(legalCases)
      .set({ descriptionEnc: '', phoneEnc: null, employer: '', attachments: [], ratingComment: null, session: null, updatedAt: ctx.now })
      .where(inArray(legalCases.id, ids))
    const open = cases.filter((c) => c.status !== 'closed').map((c) => c.id)
    if (open.length) await tx.update(legalCases).set({ status: 'closed', closedAt: ctx.now }).where(inArray(legalCases.id, open))
    return { cases: ids.length, documents }
  },

  async copy(db, ctx) {
    const cases = await db.select().from(legalCases).where(eq(legalCases.userId, ctx.userId)).orderBy(legalCases.id)
    const ids = cases.map((c) => c.id)
    const entries = ids.length ? await db.select().from(legalEntries).where(inArray(legalEntries.caseId, ids)).orderBy(legalEntries.id) : []
    const plain = (enc: string | null) => {
      if (!enc) return null
      try {
        return ctx.cipher.decrypt(enc)
      } catch {
        return '（无法解密）'
      }
    }
    return [
      {
        title: '法律援助',
        rows: cases.map((c) => ({
          编号: c.id,
          类型: LEGAL_DISPUTE_KINDS[c.kind],
          单位: c.employer,
          金额: c.amount,
          情况说明: plain(c.descriptionEnc),
          状态: LEGAL_STATUSES[c.status],
          提交时间: iso(c.createdAt),
          结案时间: iso(c.closedAt),
        })),
      },
      { title: '法律援助沟通记录', rows: entries.map((e) => ({ 编号: e.caseId, 类型: e.kind, 内容: plain(e.textEnc), 时间: iso(e.at) })) },
    ]
  },
}

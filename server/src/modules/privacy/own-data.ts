/**
 * The privacy module's own records of a person: their requests (注销, copies, corrections). Erase: prepared copies are
 * deleted from the file store; the requests stay as the record that they were answered, without the person.
 */
import { and, eq, inArray, ne } from 'drizzle-orm'
import { privacyRequests } from '../../db/schema/privacy'
import { iso, type PersonalData } from '../../personal-data'

export const privacyPersonalData: PersonalData = {
  async erase(tx, ctx) {
    const rows = await tx.select().from(privacyRequests).where(eq(privacyRequests.userId, ctx.userId))
    const files = await ctx.deleteFiles(tx, rows.flatMap((r) => [r.xlsxFileId, r.jsonFileId]))
    const others = rows.filter((r) => r.kind !== 'erasure').map((r) => r.id)
    if (others.length) {
      await tx
        .update(privacyRequests)
        .set({ userId: null, payloadEnc: null, status: 'cancelled', cancelledAt: ctx.now, note: 'erased' })
        .where(and(inArray(privacyRequests.id, others), eq(privacyRequests.status, 'pending')))
      await tx.update(privacyRequests).set({ userId: null, payloadEnc: null }).where(inArray(privacyRequests.id, others))
      // A correction's detail holds the member's own words (its reason): gone with the person.
      await tx.update(privacyRequests).set({ detail: null }).where(and(inArray(privacyRequests.id, others), eq(privacyRequests.kind, 'correction')))
    }
    await tx.update(privacyRequests).set({ userId: null }).where(and(eq(privacyRequests.userId, ctx.userId), ne(privacyRequests.kind, 'export')))
    return { requests: rows.length, copies: files }
  },
  async copy(db, ctx) {
    const rows = await db.select().from(privacyRequests).where(eq(privacyRequests.userId, ctx.userId)).orderBy(privacyRequests.id)
    const KIND = { erasure: '注销账号', export: '下载我的数据', correction: '更正' } as const
    return [{ title: '个人信息申请', rows: rows.map((r) => ({ 类型: KIND[r.kind], 状态: r.status, 申请时间: iso(r.createdAt), 完成时间: iso(r.doneAt), 撤销时间: iso(r.cancelledAt) })) }]
  },
}

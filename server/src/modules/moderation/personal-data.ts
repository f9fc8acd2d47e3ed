/**
 * 内容审核's part of 注销账号 / 下载我的数据 (issue 19; server/src/personal-data.ts). Erase: the person's moderation
 * items (the texts they wrote, held nicknames, image checks) are deleted: their subjects are erased by their owners.
 */
import { eq } from 'drizzle-orm'
import { moderationItems } from '../../db/schema/moderation'
import { iso, type PersonalData } from '../../personal-data'

export const moderationPersonalData: PersonalData = {
  async erase(tx, ctx) {
    const rows = await tx.delete(moderationItems).where(eq(moderationItems.ownerUserId, ctx.userId)).returning({ id: moderationItems.id })
    return { moderationItems: rows.length }
  },
  async copy(db, ctx) {
    const rows = await db.select().from(moderationItems).where(eq(moderationItems.ownerUserId, ctx.userId))
    return [
      {
        title: '内容审核',
        rows: rows.map((r) => ({ 类型: r.subjectKind, 内容: r.text, 状态: r.status, 说明: r.note, 时间: iso(r.createdAt) })),
      },
    ]
  },
}

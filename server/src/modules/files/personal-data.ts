/**
 * Uploads' part of 注销账号 / 下载我的数据 (issue 19; server/src/personal-data.ts), run after every capability's
 * remover: whatever file the person still owns (uploads nobody attached, documents of kept records) is deleted from
 * the file store.
 */
import { eq } from 'drizzle-orm'
import { files } from '../../db/schema/core'
import { iso, type PersonalData } from '../../personal-data'

export const filePersonalData: PersonalData = {
  async erase(tx, ctx) {
    const rows = await tx.select({ id: files.id }).from(files).where(eq(files.ownerUserId, ctx.userId))
    return { files: await ctx.deleteFiles(tx, rows.map((r) => r.id)) }
  },
  async copy(db, ctx) {
    const rows = await db.select().from(files).where(eq(files.ownerUserId, ctx.userId)).orderBy(files.createdAt)
    return [{ title: '上传的文件', rows: rows.filter((f) => f.kind !== 'privacy.export').map((f) => ({ 用途: f.kind, 类型: f.mime, 大小: f.size, 上传时间: iso(f.createdAt) })) }]
  },
}

/**
 * The account's part of 注销账号 / 下载我的数据 (issue 19; server/src/personal-data.ts), run last by the shredder.
 * Erase: the user row stays (other modules' kept records — paid relief, used vouchers, audit entries — point at it) but
 * identifies nobody: the openid is replaced by a random value (the same WeChat account logs in next time as a new,
 * empty user), unionid and avatar go, the nickname becomes 已注销用户; every session and every role is deleted.
 */
import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { ERASED_NAME } from '@contract/privacy/labels'
import { sessions, userRoles, users } from '../../db/schema/core'
import { iso, type PersonalData } from '../../personal-data'

/** The openid an erased account is left with: never a WeChat openid (those have no colon). */
export const erasedOpenid = (userId: number) => `erased:${userId}:${randomBytes(9).toString('base64url')}`

export const authPersonalData: PersonalData = {
  async erase(tx, ctx) {
    const [u] = await tx.select({ avatar: users.avatarFileId }).from(users).where(eq(users.id, ctx.userId))
    await tx
      .update(users)
      .set({ openid: erasedOpenid(ctx.userId), unionid: null, nickname: ERASED_NAME, avatarFileId: null, wechatSessionKey: null, updatedAt: ctx.now })
      .where(eq(users.id, ctx.userId))
    await ctx.deleteFiles(tx, [u?.avatar])
    const s = await tx.delete(sessions).where(eq(sessions.userId, ctx.userId)).returning({ id: sessions.id })
    const r = await tx.delete(userRoles).where(eq(userRoles.userId, ctx.userId)).returning({ role: userRoles.role })
    return { sessions: s.length, roles: r.length }
  },
  async copy(db, ctx) {
    const [u] = await db.select().from(users).where(eq(users.id, ctx.userId))
    const roles = await db.select().from(userRoles).where(eq(userRoles.userId, ctx.userId))
    const ss = await db.select().from(sessions).where(eq(sessions.userId, ctx.userId))
    return [
      { title: '账号', rows: u ? [{ 用户编号: u.id, 昵称: u.nickname, 有头像: !!u.avatarFileId, 注册时间: iso(u.createdAt) }] : [] },
      { title: '角色', rows: roles.map((r) => ({ 角色: r.role, 工会编号: r.orgId, 授予时间: iso(r.createdAt) })) },
      { title: '登录记录', rows: ss.map((s) => ({ 登录时间: iso(s.createdAt), 最近使用: iso(s.lastSeenAt), 过期时间: iso(s.expiresAt), 已退出: !!s.revokedAt })) },
    ]
  },
}

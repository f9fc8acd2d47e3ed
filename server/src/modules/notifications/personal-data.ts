/**
 * 站内消息's part of 注销账号 / 下载我的数据 / retention (issue 19; server/src/personal-data.ts). Erase: every message,
 * every queued or sent WeChat notice, the subscription credits and 消息设置 of the person are deleted.
 */
import { eq, lte } from 'drizzle-orm'
import type { Tx } from '../../db'
import { notificationOutbox, notificationSettings, notifications, subscribeCredits } from '../../db/schema/notifications'
import { iso, type PersonalData } from '../../personal-data'

export const notificationPersonalData: PersonalData = {
  async erase(tx, ctx) {
    await tx.delete(notificationOutbox).where(eq(notificationOutbox.userId, ctx.userId))
    const messages = await tx.delete(notifications).where(eq(notifications.userId, ctx.userId)).returning({ id: notifications.id })
    await tx.delete(subscribeCredits).where(eq(subscribeCredits.userId, ctx.userId))
    await tx.delete(notificationSettings).where(eq(notificationSettings.userId, ctx.userId))
    return { messages: messages.length }
  },
  async copy(db, ctx) {
    const rows = await db.select().from(notifications).where(eq(notifications.userId, ctx.userId)).orderBy(notifications.id)
    const [settings] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, ctx.userId))
    return [
      { title: '站内消息', rows: rows.map((n) => ({ 标题: n.title, 内容: n.body, 已读: !!n.readAt, 时间: iso(n.createdAt) })) },
      {
        title: '消息设置',
        rows: settings ? [{ 关闭的微信通知: settings.wechatOff.join('、'), 关闭营销类消息: settings.marketingOff }] : [],
      },
    ]
  },
}

/** notifications retention rule: messages sent before the cutoff (with their outbox rows). */
export async function deleteOldNotifications(tx: Tx, cutoff: Date): Promise<number> {
  const old = await tx.delete(notifications).where(lte(notifications.createdAt, cutoff)).returning({ id: notifications.id })
  return old.length
}

/**
 * 扫码登录's part of 注销账号 / 下载我的数据 / retention (issue 19; server/src/personal-data.ts). A login ticket holds
 * personal data: the place it was asked from (browser, system, IP address) and who scanned and confirmed it.
 * Erase: every ticket the person scanned or confirmed is deleted (their console sessions go with the account's
 * sessions). Retention (`console_login_tickets`): a ticket past its expiry by the rule's period (a day) is deleted —
 * the console session it opened lasts CONSOLE_SESSION_MAX_HOURS (8 h) at most, so the phone's 电脑登录 list, which
 * shows the ticket's place beside a live console session, never needs one that old.
 */
import { eq, lte, or } from 'drizzle-orm'
import type { Tx } from '../../db'
import { consoleLoginTickets } from '../../db/schema/console'
import { iso, type PersonalData } from '../../personal-data'

const mine = (userId: number) => or(eq(consoleLoginTickets.scannedBy, userId), eq(consoleLoginTickets.confirmedBy, userId))

export const consolePersonalData: PersonalData = {
  async erase(tx, ctx) {
    const rows = await tx.delete(consoleLoginTickets).where(mine(ctx.userId)).returning({ id: consoleLoginTickets.id })
    return { loginTickets: rows.length }
  },
  async copy(db, ctx) {
    const rows = await db.select().from(consoleLoginTickets).where(mine(ctx.userId)).orderBy(consoleLoginTickets.createdAt)
    return [
      {
        title: '电脑登录',
        rows: rows.map((t) => ({
          登录位置: t.place,
          申请时间: iso(t.createdAt),
          扫码时间: iso(t.scannedAt),
          确认时间: iso(t.confirmedAt),
          取消时间: iso(t.cancelledAt),
        })),
      },
    ]
  },
}

/** Retention: tickets expired before `cutoff`. */
export async function deleteOldLoginTickets(tx: Tx, cutoff: Date): Promise<number> {
  const rows = await tx.delete(consoleLoginTickets).where(lte(consoleLoginTickets.expiresAt, cutoff)).returning({ id: consoleLoginTickets.id })
  return rows.length
}

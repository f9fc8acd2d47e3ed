/**
 * 福利券's part of 注销账号 / 下载我的数据 (issue 19; server/src/personal-data.ts). Erase: the person leaves every
 * waitlist; each unused, unexpired voucher is given back exactly as a member's own 退券 (the quota back, the unit to
 * the first waiting member or its stock row); lottery entries not yet drawn are withdrawn (quota back). Used vouchers
 * stay — they are the merchants' redemption records — tied only to the anonymised account.
 */
import { and, eq, gt, inArray } from 'drizzle-orm'
import { voucherCampaigns, voucherEntries, voucherRedeemRequests, voucherWaitlist, vouchers } from '../../db/schema/vouchers'
import { iso, type PersonalData } from '../../personal-data'
import { stateOf } from './common'
import { giveQuota } from './member-rules'
import { campaignWithVenues } from './venues'
import { releaseUnit } from './waitlist'

export const voucherPersonalData: PersonalData = {
  async erase(tx, ctx) {
    const now = ctx.now.getTime()
    const left = await tx.delete(voucherWaitlist).where(eq(voucherWaitlist.userId, ctx.userId)).returning({ id: voucherWaitlist.id })
    const unused = await tx
      .select({ v: vouchers, c: campaignWithVenues })
      .from(vouchers)
      .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
      .where(and(eq(vouchers.userId, ctx.userId), eq(vouchers.state, 'unused'), gt(vouchers.validUntil, ctx.now)))
      .orderBy(vouchers.id)
      .for('update', { of: vouchers })
    let returned = 0
    for (const { v, c } of unused) {
      if (stateOf(v, now) !== 'unused') continue
      await tx.update(vouchers).set({ state: 'returned', returnedAt: ctx.now, returnReason: 'cancelled' }).where(eq(vouchers.id, v.id))
      await giveQuota(tx, ctx.userId, v.quotaScope)
      await releaseUnit(tx, c, v, now)
      returned++
    }
    const entries = await tx
      .select({ e: voucherEntries, closesAt: voucherCampaigns.closesAt })
      .from(voucherEntries)
      .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, voucherEntries.campaignId))
      .where(and(eq(voucherEntries.userId, ctx.userId), eq(voucherEntries.state, 'entered')))
      .for('update', { of: voucherEntries })
    const open = entries.filter((x) => x.closesAt.getTime() > now)
    if (open.length) {
      await tx.delete(voucherEntries).where(inArray(voucherEntries.id, open.map((x) => x.e.id)))
      for (const x of open) await giveQuota(tx, ctx.userId, x.e.quotaScope)
    }
    await tx.delete(voucherRedeemRequests).where(eq(voucherRedeemRequests.staffUserId, ctx.userId))
    return { vouchersReturned: returned, entriesWithdrawn: open.length, waitlistsLeft: left.length }
  },

  async copy(db, ctx) {
    const vs = await db
      .select({ v: vouchers, title: voucherCampaigns.title })
      .from(vouchers)
      .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
      .where(eq(vouchers.userId, ctx.userId))
      .orderBy(vouchers.id)
    const es = await db
      .select({ e: voucherEntries, title: voucherCampaigns.title })
      .from(voucherEntries)
      .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, voucherEntries.campaignId))
      .where(eq(voucherEntries.userId, ctx.userId))
    const ws = await db
      .select({ w: voucherWaitlist, title: voucherCampaigns.title })
      .from(voucherWaitlist)
      .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, voucherWaitlist.campaignId))
      .where(eq(voucherWaitlist.userId, ctx.userId))
    return [
      {
        title: '福利券',
        rows: vs.map(({ v, title }) => ({
          活动: title,
          券码: v.code,
          状态: v.state,
          来源: v.source,
          领取时间: iso(v.claimedAt),
          有效期至: iso(v.validUntil),
          使用时间: iso(v.usedAt),
          退回时间: iso(v.returnedAt),
        })),
      },
      { title: '抽签', rows: es.map(({ e, title }) => ({ 活动: title, 状态: e.state, 参加时间: iso(e.createdAt) })) },
      { title: '候补', rows: ws.map(({ w, title }) => ({ 活动: title, 状态: w.state, 加入时间: iso(w.createdAt) })) },
    ]
  },
}

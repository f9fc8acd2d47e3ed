/**
 * 福利券到期提醒: the holder of an issued, unused voucher whose validity ends within EXPIRY_REMINDER_HOURS gets one
 * message (and a WeChat send when subscribed). The batch is taken with FOR UPDATE SKIP LOCKED and marked
 * (`expiry_reminded_at`) in the transaction that writes the messages, so a voucher is reminded exactly once — also
 * when two server instances run the job at the same moment (the second skips the rows the first holds, and finds
 * them marked afterwards).
 *
 * Not reminded: a voucher used, returned or already expired; a lottery win whose confirmation deadline has passed
 * unconfirmed (it is going to the waitlist); and a voucher issued with no more than a day of validity (the member
 * has just received it, with its end time in view).
 */
import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import { EXPIRY_REMINDER_HOURS } from '@contract/vouchers/labels'
import { pages } from '@contract/pages'
import type { AppDeps } from '../../http/deps'
import { venues } from '../../db/schema/venues'
import { voucherCampaigns, vouchers } from '../../db/schema/vouchers'
import { chinaDate, chinaTime } from '../../time'
import { notify } from '../notifications'
import { campaignWithVenues } from './venues'

/** At most this many reminders per run (the next run takes the rest). */
const BATCH = 500
const HOUR_MS = 3600 * 1000

export class ExpiryReminders {
  constructor(private readonly deps: AppDeps) {}

  /** Remind the vouchers due now; returns how many were reminded. */
  async sendDue(): Promise<number> {
    const now = this.deps.now()
    const horizon = new Date(now + EXPIRY_REMINDER_HOURS * HOUR_MS)
    return this.deps.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: vouchers.id, userId: vouchers.userId, campaignId: vouchers.campaignId, venueId: vouchers.venueId, validUntil: vouchers.validUntil })
        .from(vouchers)
        .where(
          and(
            eq(vouchers.state, 'unused'),
            isNull(vouchers.expiryRemindedAt),
            gt(vouchers.validUntil, new Date(now)),
            lte(vouchers.validUntil, horizon),
            sql`${vouchers.validUntil} - ${vouchers.claimedAt} > interval '${sql.raw(String(EXPIRY_REMINDER_HOURS))} hours'`,
            or(isNull(vouchers.confirmBy), sql`${vouchers.confirmedAt} is not null`, gt(vouchers.confirmBy, new Date(now))),
          ),
        )
        .orderBy(vouchers.validUntil, vouchers.id)
        .limit(BATCH)
        .for('update', { skipLocked: true })
      if (due.length === 0) return 0
      await tx
        .update(vouchers)
        .set({ expiryRemindedAt: new Date(now) })
        .where(inArray(vouchers.id, due.map((v) => v.id)))

      const campaigns = await tx
        .select({ c: campaignWithVenues })
        .from(voucherCampaigns)
        .where(inArray(voucherCampaigns.id, [...new Set(due.map((v) => v.campaignId))]))
      const byId = new Map(campaigns.map(({ c }) => [c.id, c]))
      const venueIds = [...new Set(due.flatMap((v) => (v.venueId ? [v.venueId] : [])))]
      const venueNames = new Map(
        venueIds.length === 0
          ? []
          : (await tx.select({ id: venues.id, name: venues.name }).from(venues).where(inArray(venues.id, venueIds))).map((v) => [v.id, v.name]),
      )
      const today = chinaDate(now)
      await notify(
        tx,
        due.map((v) => {
          const c = byId.get(v.campaignId)!
          const end = v.validUntil.getTime()
          const where = v.venueId
            ? (venueNames.get(v.venueId) ?? '')
            : c.venues.length > 1
              ? `${c.venues[0]!.name}等 ${c.venues.length} 家场馆`
              : (c.venues[0]?.name ?? '')
          return {
            userId: v.userId,
            kind: 'vouchers.expiring' as const,
            title: `你的福利券${chinaDate(end) === today ? '今天' : '明天'}到期：${c.title}`,
            body: `您领取的「${c.title}」将于 ${chinaTime(end)} 到期${where ? `，可在${where}使用` : ''}，请及时使用；用不上可在我的福利券中退回，名额留给其他会员。`,
            link: pages.vouchers.mine.url(),
            eventKey: `vouchers.expiring:${v.id}`,
          }
        }),
      )
      return due.length
    })
  }
}

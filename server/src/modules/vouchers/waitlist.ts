/**
 * 候补 (waitlist), in id order: a member joins a sold-out first-come campaign (lottery losers are put there by the
 * draw, see settle.ts) or leaves it; a unit that comes back (a return, an unconfirmed lottery win) goes, in the same
 * transaction, to the first waiting row taken FOR UPDATE SKIP LOCKED (waiters at their limit meanwhile are skipped),
 * else back to stock.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { MyWaitlist } from '@contract/vouchers/schemas'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { chinaTime } from '../../time'
import type { AppDeps } from '../../http/deps'
import { rowsOf, type Tx } from '../../db'
import { voucherQuotas, voucherWaitlist, vouchers } from '../../db/schema/vouchers'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { notify } from '../notifications'
import { DAY_MS, MINE_LINK, limitOf, newVoucherCode, quotaScope } from './common'
import { loadForMember, takeQuota } from './member-rules'
import { remainingOf, waitlistOf } from './reads'
import type { CampaignRow } from './venues'

/**
 * A unit came back (return, lapsed win): in the caller's transaction it goes to the first waiting member
 * (FOR UPDATE SKIP LOCKED, so concurrent returns serve distinct waiters; waiters at their limit meanwhile are
 * skipped) who gets a voucher (for the same venue when the stock is split per venue) and a message, or back to
 * its stock row when nobody waits. Returns the user it went to, or null.
 */
export async function releaseUnit(
  tx: Tx,
  c: CampaignRow,
  unit: { shard: number; venueId: number | null },
  now: number,
): Promise<number | null> {
  const { shard, venueId } = unit
  const venue = venueId ? c.venues.find((x) => x.id === venueId) : undefined
  for (;;) {
    const [w] = rowsOf<{ id: number; user_id: number }>(
      await tx.execute(sql`
        select id, user_id from voucher_waitlist
        where campaign_id = ${c.id} and state = 'waiting'
        order by id limit 1 for update skip locked`),
    )
    if (!w) {
      await tx.execute(sql`update voucher_stock set remaining = remaining + 1 where campaign_id = ${c.id} and shard = ${shard}`)
      return null
    }
    const scope = quotaScope(c, now)
    if (!(await takeQuota(tx, w.user_id, scope, c.limitCount))) {
      await tx.update(voucherWaitlist).set({ state: 'skipped', updatedAt: new Date(now) }).where(eq(voucherWaitlist.id, w.id))
      continue
    }
    const [v] = await tx
      .insert(vouchers)
      .values({
        campaignId: c.id,
        userId: w.user_id,
        code: newVoucherCode(),
        shard,
        venueId,
        quotaScope: scope,
        source: 'waitlist',
        claimedAt: new Date(now),
        validUntil: new Date(now + c.voucherValidDays * DAY_MS),
      })
      .returning()
    await tx
      .update(voucherWaitlist)
      .set({ state: 'granted', voucherId: v.id, updatedAt: new Date(now) })
      .where(eq(voucherWaitlist.id, w.id))
    await notify(tx, {
      userId: w.user_id,
      kind: 'vouchers.waitlist_granted',
      title: '候补成功',
      body: `您候补的「${c.title}」有人退回，已自动发放给您${venue ? `（限「${venue.name}」使用）` : ''}，有效期至 ${chinaTime(v.validUntil.getTime())}，请到「我的券」查看。`,
      link: MINE_LINK,
    })
    return w.user_id
  }
}

/** A member joining or leaving a waitlist. */
export class Waitlist {
  constructor(private readonly deps: AppDeps) {}

  /** Join the waitlist of a sold-out first-come campaign; idempotent (one waiting place per member). */
  async join(user: AuthUser, campaignId: number): Promise<MyWaitlist> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const c = await loadForMember(tx, user.userId, campaignId)
      if (c.mode !== 'first_come') throw refuse(VoucherReasons.LOTTERY_ONLY, { action: 'waitlist' })
      if (now < c.opensAt.getTime()) throw refuse(VoucherReasons.NOT_OPEN, { opensAt: chinaTime(c.opensAt.getTime()), action: 'claim' })
      if (now >= c.closesAt.getTime()) throw refuse(VoucherReasons.CLOSED, { action: 'waitlist' })
      const left = (await remainingOf(tx, [c.id])).get(c.id) ?? 0
      if (left > 0) throw refuse(VoucherReasons.STOCK_LEFT)
      const [q] = await tx
        .select({ used: voucherQuotas.used })
        .from(voucherQuotas)
        .where(and(eq(voucherQuotas.userId, user.userId), eq(voucherQuotas.scope, quotaScope(c, now))))
      if (q && q.used >= c.limitCount) throw refuse(VoucherReasons.LIMIT_REACHED, limitOf(c))
      await tx.execute(sql`
        insert into voucher_waitlist (campaign_id, user_id, state, created_at)
        values (${c.id}, ${user.userId}, 'waiting', ${new Date(now)})
        on conflict (campaign_id, user_id) where state = 'waiting' do nothing`)
      return (await waitlistOf(tx, user.userId, [c.id])).get(c.id)!
    })
  }

  async leave(user: AuthUser, campaignId: number): Promise<MyWaitlist> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const left = await tx
        .update(voucherWaitlist)
        .set({ state: 'left', updatedAt: new Date(now) })
        .where(
          and(
            eq(voucherWaitlist.campaignId, campaignId),
            eq(voucherWaitlist.userId, user.userId),
            eq(voucherWaitlist.state, 'waiting'),
          ),
        )
        .returning()
      const current = (await waitlistOf(tx, user.userId, [campaignId])).get(campaignId)
      if (left.length === 0) {
        if (current?.state === 'granted') throw refuse(VoucherReasons.WAITLIST_GRANTED)
        throw refuse(VoucherReasons.NOT_ON_WAITLIST)
      }
      return current!
    })
  }
}

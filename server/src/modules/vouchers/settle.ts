/**
 * Settling a lottery (抽签) after it closes: the draw runs exactly once — the transaction that wins
 * `update … set drawn_at = now where drawn_at is null` draws (see ./draw.ts), issues the winners' vouchers (to be
 * confirmed within confirm_hours), gives the losers' limit back and puts them on the waitlist in draw order — and
 * winners' vouchers still unconfirmed at their confirm_by are returned and handed on (waitlist.ts). It runs on a
 * timer (`settleDue`, every JOBS_INTERVAL_SECONDS, see ./jobs.ts), and also on the first read that finds a campaign
 * due, or by an admin, whichever comes first.
 */
import { and, asc, eq, exists, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import { chinaTime } from '../../time'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { voucherCampaigns, voucherEntries, voucherWaitlist, vouchers, type VoucherCampaignRow } from '../../db/schema/vouchers'
import { audit } from '../../audit'
import { notify } from '../notifications'
import { DAY_MS, HOUR_MS, MINE_LINK, chunks, intArray, newVoucherCode, textArray } from './common'
import { drawOrder } from './draw'
import { giveQuota } from './member-rules'
import { campaignWithVenues } from './venues'
import { releaseUnit } from './waitlist'
import { pages } from '@contract/pages'

/** What one `settleDue` run did: campaigns selected, lotteries drawn, wins lapsed, and of those given to a waiter. */
export interface SettleDueResult {
  campaigns: number
  drawn: number
  lapsed: number
  handedOn: number
}

/** A lottery win still unused and unconfirmed at its confirm_by (to be handed on by a settle). */
function lapsedWinAt(at: Date) {
  return and(eq(vouchers.state, 'unused'), isNull(vouchers.confirmedAt), lte(vouchers.confirmBy, at))
}

/**
 * Lottery campaigns that may need the draw (closed, undrawn) or the unconfirmed-wins sweep (past the deadline);
 * `dueForSettle` narrows the latter to those that still hold such a win.
 */
function needsSettle(c: Pick<VoucherCampaignRow, 'mode' | 'drawnAt' | 'closesAt' | 'confirmHours'>, now: number): boolean {
  if (c.mode !== 'lottery') return false
  if (!c.drawnAt) return now >= c.closesAt.getTime()
  return now >= c.drawnAt.getTime() + c.confirmHours * HOUR_MS
}

export class Settlement {
  constructor(private readonly deps: AppDeps) {}

  /**
   * The timer's job (./jobs.ts): settles every lottery with work due, whether or not anybody reads it — closed
   * and undrawn, or holding a win still unused and unconfirmed at its confirm_by. One query finds them; a campaign
   * with nothing left (drawn, every win confirmed, used or returned) is not selected again. A campaign whose
   * settle fails is reported to `onError` (default: rethrown) and the others still run.
   */
  async settleDue(onError?: (campaignId: number, err: unknown) => void): Promise<SettleDueResult> {
    const at = new Date(this.deps.now())
    const lapsedWin = this.deps.db
      .select({ one: sql`1` })
      .from(vouchers)
      // vouchers_campaign_idx (campaign_id, state): a probe per past lottery, not a scan of every voucher.
      .where(and(eq(vouchers.campaignId, voucherCampaigns.id), lapsedWinAt(at)))
    const due = await this.deps.db
      .select({ id: voucherCampaigns.id })
      .from(voucherCampaigns)
      .where(
        and(
          eq(voucherCampaigns.mode, 'lottery'),
          lte(voucherCampaigns.closesAt, at),
          or(isNull(voucherCampaigns.drawnAt), exists(lapsedWin)),
        ),
      )
      .orderBy(voucherCampaigns.id)
    const result: SettleDueResult = { campaigns: due.length, drawn: 0, lapsed: 0, handedOn: 0 }
    for (const { id } of due) {
      try {
        const r = await this.settle(id)
        if (r.drawn) result.drawn++
        result.lapsed += r.lapsed
        result.handedOn += r.handedOn
      } catch (err) {
        if (!onError) throw err
        onError(id, err)
      }
    }
    return result
  }

  /**
   * Which of these campaigns a read must settle first: closed lotteries not drawn yet, and drawn ones still holding
   * a win past its confirm_by (one index probe for those; a lottery whose wins were all confirmed, used or handed on
   * costs a read nothing more — the timer does the rest in the background).
   */
  async dueForSettle(cs: VoucherCampaignRow[], now: number): Promise<number[]> {
    const candidates = cs.filter((c) => needsSettle(c, now))
    const undrawn = candidates.filter((c) => !c.drawnAt).map((c) => c.id)
    const drawn = candidates.filter((c) => c.drawnAt).map((c) => c.id)
    if (drawn.length === 0) return undrawn
    const lapsed = await this.deps.db
      .selectDistinct({ id: vouchers.campaignId })
      .from(vouchers)
      .where(and(inArray(vouchers.campaignId, drawn), lapsedWinAt(new Date(now))))
    return [...undrawn, ...lapsed.map((r) => r.id)]
  }

  /**
   * Which of these campaigns a read must settle first, when the read brought each campaign's `lapsedWin` (a drawn
   * lottery still holding a win unused and unconfirmed past its confirm_by) in its own statement: the same answer
   * as dueForSettle without its extra query.
   */
  dueAmong(rows: readonly { c: Pick<VoucherCampaignRow, 'id' | 'mode' | 'drawnAt' | 'closesAt' | 'confirmHours'>; lapsedWin: boolean }[], now: number): number[] {
    return rows.filter((r) => needsSettle(r.c, now) && (!r.c.drawnAt || r.lapsedWin)).map((r) => r.c.id)
  }

  /** Settles each campaign of `ids`; true when there was any. */
  async settleAll(ids: readonly number[]): Promise<boolean> {
    for (const id of ids) await this.settle(id)
    return ids.length > 0
  }

  /** Settles those of `cs` that are due (see dueForSettle); true when any was. */
  async settleIfDue(cs: VoucherCampaignRow[], now: number): Promise<boolean> {
    const due = await this.dueForSettle(cs, now)
    for (const id of due) await this.settle(id)
    return due.length > 0
  }

  /**
   * Draw a closed lottery (if nobody has) and return unconfirmed wins past their deadline to the waitlist,
   * in one transaction. Safe to call concurrently: the draw is claimed by the conditional UPDATE on drawn_at,
   * and a lapsed voucher by the UPDATE that moves it from 'unused'.
   */
  async settle(campaignId: number): Promise<{ drawn: boolean; lapsed: number; handedOn: number }> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      // Serialise settles of one campaign (concurrent sweeps would otherwise lock lapsed vouchers in competing
      // orders). NO KEY UPDATE does not block inserts that reference the campaign (their FK takes KEY SHARE).
      await tx.execute(sql`select id from voucher_campaigns where id = ${campaignId} for no key update`)
      const drawn = await drawTx(tx, campaignId, now)
      return { drawn, ...(await sweepUnconfirmedTx(tx, campaignId, now)) }
    })
  }
}

async function drawTx(tx: Tx, campaignId: number, now: number): Promise<boolean> {
  const [c] = await tx
    .update(voucherCampaigns)
    .set({ drawnAt: new Date(now) })
    .where(
      and(
        eq(voucherCampaigns.id, campaignId),
        eq(voucherCampaigns.mode, 'lottery'),
        isNull(voucherCampaigns.drawnAt),
        lte(voucherCampaigns.closesAt, new Date(now)),
      ),
    )
    .returning()
  if (!c) return false
  const entries = await tx.select().from(voucherEntries).where(eq(voucherEntries.campaignId, c.id)).orderBy(asc(voucherEntries.id))
  const order = drawOrder(c.seed!, entries.map((e) => ({ entryId: e.id, userId: e.userId, row: e })), c.drawVersion)
  const k = Math.min(c.totalStock, order.length)
  const winners = order.slice(0, k).map((x) => x.row)
  const losers = order.slice(k).map((x) => x.row)
  const n = entries.length
  if (k > 0) {
    await tx.execute(sql`update voucher_stock set remaining = remaining - ${k} where campaign_id = ${c.id} and shard = 0`)
    const confirmBy = new Date(now + c.confirmHours * HOUR_MS)
    const validUntil = new Date(now + c.voucherValidDays * DAY_MS)
    for (const part of chunks(winners)) {
      await tx.insert(vouchers).values(
        part.map((e) => ({
          campaignId: c.id,
          userId: e.userId,
          code: newVoucherCode(),
          shard: 0,
          quotaScope: e.quotaScope,
          source: 'lottery' as const,
          claimedAt: new Date(now),
          validUntil,
          confirmBy,
        })),
      )
      await tx.update(voucherEntries).set({ state: 'won' }).where(inArray(voucherEntries.id, part.map((e) => e.id)))
      await notify(
        tx,
        part.map((e) => ({
          userId: e.userId,
          kind: 'vouchers.lottery_won',
          title: '中签',
          body: `恭喜！「${c.title}」${n} 人报名 ${c.totalStock} 张券，您已中签。请在 ${chinaTime(confirmBy.getTime())} 前到「我的券」确认，逾期视为放弃，券将转给候补会员。`,
          link: MINE_LINK,
        })),
      )
    }
  }
  let place = 0
  for (const part of chunks(losers)) {
    const first = place + 1
    place += part.length
    await tx.execute(sql`
      update voucher_entries e set state = 'lost', waitlist_place = x.place
      from (select unnest(${intArray(part.map((e) => e.id))}) as id,
                   generate_series(${first}::int, ${place}::int) as place) x
      where e.id = x.id`)
    // The limit reserved at entry is given back to every loser.
    await tx.execute(sql`
      update voucher_quotas q set used = q.used - 1
      from (select unnest(${intArray(part.map((e) => e.userId))}) as user_id,
                   unnest(${textArray(part.map((e) => e.quotaScope))}) as scope) x
      where q.user_id = x.user_id and q.scope = x.scope and q.used > 0`)
    // Losers wait in draw order (ids ascend in VALUES order).
    await tx
      .insert(voucherWaitlist)
      .values(part.map((e) => ({ campaignId: c.id, userId: e.userId, fromDraw: true, createdAt: new Date(now) })))
    await notify(
      tx,
      part.map((e, i) => ({
        userId: e.userId,
        kind: 'vouchers.lottery_lost',
        title: '未中签',
        body: `很遗憾，「${c.title}」未中签：${n} 人报名 ${c.totalStock} 张券。您已按抽签顺序自动进入候补第 ${first + i} 位，有人放弃时将自动补发给您。`,
        link: pages.vouchers.campaign.url({ id: c.id }),
      })),
    )
  }
  await audit(tx, {
    actorUserId: null,
    action: 'campaigns.draw',
    subjectType: 'voucher_campaign',
    subjectId: c.id,
    detail: { entries: n, winners: k, commitment: c.commitment },
  })
  return true
}

/** Unconfirmed lottery wins past their deadline: returned ('unconfirmed'), limit given back, unit handed on. */
async function sweepUnconfirmedTx(tx: Tx, campaignId: number, now: number): Promise<{ lapsed: number; handedOn: number }> {
  const lapsed = await tx
    .update(vouchers)
    .set({ state: 'returned', returnedAt: new Date(now), returnReason: 'unconfirmed' })
    .where(
      and(
        eq(vouchers.campaignId, campaignId),
        eq(vouchers.state, 'unused'),
        isNull(vouchers.confirmedAt),
        lte(vouchers.confirmBy, new Date(now)),
      ),
    )
    .returning()
  if (lapsed.length === 0) return { lapsed: 0, handedOn: 0 }
  const [c] = await tx.select(campaignWithVenues).from(voucherCampaigns).where(eq(voucherCampaigns.id, campaignId))
  let handedOn = 0
  for (const v of lapsed) {
    await giveQuota(tx, v.userId, v.quotaScope)
    await notify(tx, {
      userId: v.userId,
      kind: 'vouchers.win_lapsed',
      title: '中签券已失效',
      body: `您在「${c.title}」中签后未在 ${chinaTime(v.confirmBy!.getTime())} 前确认，券已转给候补会员。`,
      link: MINE_LINK,
    })
    if ((await releaseUnit(tx, c, v, now)) !== null) handedOn++
  }
  return { lapsed: lapsed.length, handedOn }
}

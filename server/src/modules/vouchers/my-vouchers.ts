/**
 * 我的券: a member's own vouchers — the list (a lottery win found past its confirmation deadline is handed on first),
 * returning an unused one (its unit goes to the first waiter or back to stock), and confirming a lottery win.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Voucher } from '@contract/vouchers/schemas'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { chinaTime } from '../../time'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { prepared } from '../../db/prepared'
import { rowsFromJson } from '../../db/json-rows'
import { voucherCampaigns, vouchers, type VenueRecord, type VoucherRow } from '../../db/schema/vouchers'
import { sessionColumns, sessionUserId, type AuthUser, type SessionRead } from '../../auth/sessions'
import { refuse } from '../../errors'
import { lapsedWin, stateOf } from './common'
import { giveQuota } from './member-rules'
import type { Settlement } from './settle'
import { campaignVenuesJson, campaignWithVenues, type CampaignRow } from './venues'
import { toVoucher } from './views'
import { releaseUnit } from './waitlist'

/** The caller's voucher with its campaign, locked for the change. */
async function ownVoucherForUpdate(tx: Tx, userId: number, voucherId: number) {
  const [row] = await tx
    .select({ v: vouchers, c: campaignWithVenues })
    .from(vouchers)
    .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
    .where(and(eq(vouchers.id, voucherId), eq(vouchers.userId, userId)))
    .for('update', { of: vouchers })
  if (!row) throw refuse(VoucherReasons.VOUCHER_NOT_FOUND)
  return row
}

type MineRow = { v: VoucherRow; c: CampaignRow }

/**
 * 我的券 in the session's statement (one round trip): the caller's vouchers with their campaigns (and each
 * campaign's venues), newest first, as ONE row — the session and the vouchers as a json array — rather than a row per
 * voucher repeating the session's columns and grants. `mineFromRead` maps them back to the rows `mine` reads.
 */
export const myVouchersWithSession: SessionRead<{ mine: unknown }> = {
  name: 'vouchers_mine_with_session',
  build: (d, s, name) =>
    d
      .with(s)
      .select({
        auth: sessionColumns(s),
        mine: sql<unknown>`(select coalesce(json_agg(json_build_object('v', to_json(v), 'c', to_json(voucher_campaigns), 'venues', ${campaignVenuesJson})
                order by v.claimed_at desc, v.id desc), '[]'::json)
            from ${vouchers} v join ${voucherCampaigns} on voucher_campaigns.id = v.campaign_id
           where v.user_id = ${sessionUserId})`,
      })
      .from(s)
      .prepare(name),
}

/** The vouchers of a myVouchersWithSession read, as the rows `mine` reads (none: []). */
export function mineFromRead(rows: { mine: unknown }[]): MineRow[] {
  const list = (rows.length === 0 ? [] : typeof rows[0].mine === 'string' ? JSON.parse(rows[0].mine) : (rows[0].mine ?? [])) as { v: unknown; c: unknown; venues: VenueRecord[] }[]
  return list.map((x) => ({ v: rowsFromJson(vouchers, [x.v])[0], c: { ...rowsFromJson(voucherCampaigns, [x.c])[0], venues: x.venues } }))
}

export class MyVouchers {
  constructor(
    private readonly deps: AppDeps,
    private readonly settlement: Settlement,
  ) {}

  /** `first`: the rows already taken with the session (myVouchersWithSession); otherwise read here. */
  async mine(user: AuthUser, first?: MineRow[]): Promise<{ items: Voucher[]; serverTime: string }> {
    const now = this.deps.now()
    // Prepared (db/prepared.ts): built once per server, planned once per connection.
    const read = () =>
      prepared(this.deps.db, 'vouchers_mine', (d, name) =>
        d
          .select({ v: vouchers, c: campaignWithVenues })
          .from(vouchers)
          .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
          .where(eq(vouchers.userId, sql.placeholder('userId')))
          .orderBy(desc(vouchers.claimedAt), desc(vouchers.id))
          .prepare(name),
      ).execute({ userId: user.userId })
    let rows = first ?? (await read())
    // A lottery win past its confirmation deadline is handed on now (its campaign is settled), then re-read.
    const lapsed = [...new Set(rows.filter((r) => lapsedWin(r.v, now)).map((r) => r.c.id))]
    if (lapsed.length > 0) {
      for (const id of lapsed) await this.settlement.settle(id)
      rows = await read()
    }
    return { items: rows.map((r) => toVoucher(r.v, r.c, now)), serverTime: new Date(now).toISOString() }
  }

  /**
   * Return an unused, unexpired voucher: the member's limit is given back and, in the same transaction, the unit
   * goes to the first waiting member or back to its shard.
   */
  async cancel(user: AuthUser, voucherId: number): Promise<Voucher> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const row = await ownVoucherForUpdate(tx, user.userId, voucherId)
      const state = stateOf(row.v, now)
      if (state !== 'unused') throw refuse(VoucherReasons.VOUCHER_NOT_RETURNABLE, { state })
      const [v] = await tx
        .update(vouchers)
        .set({ state: 'returned', returnedAt: new Date(now), returnReason: 'cancelled' })
        .where(eq(vouchers.id, voucherId))
        .returning()
      await giveQuota(tx, user.userId, row.v.quotaScope)
      await releaseUnit(tx, row.c, row.v, now)
      return toVoucher(v, row.c, now)
    })
  }

  /** Confirm a lottery win before its deadline (idempotent). */
  async confirm(user: AuthUser, voucherId: number): Promise<Voucher> {
    const now = this.deps.now()
    const result = await this.deps.db.transaction(async (tx) => {
      const { v, c } = await ownVoucherForUpdate(tx, user.userId, voucherId)
      if (v.source !== 'lottery' || !v.confirmBy) throw refuse(VoucherReasons.CONFIRM_NOT_NEEDED, { state: null })
      if (v.confirmedAt) return { voucher: toVoucher(v, c, now) }
      if (lapsedWin(v, now)) return { lapsed: { campaignId: c.id, confirmBy: v.confirmBy.getTime() } }
      const state = stateOf(v, now)
      if (state !== 'unused') throw refuse(VoucherReasons.CONFIRM_NOT_NEEDED, { state })
      const [u] = await tx.update(vouchers).set({ confirmedAt: new Date(now) }).where(eq(vouchers.id, v.id)).returning()
      return { voucher: toVoucher(u, c, now) }
    })
    if ('lapsed' in result && result.lapsed) {
      await this.settlement.settle(result.lapsed.campaignId)
      throw refuse(VoucherReasons.CONFIRM_LAPSED, { confirmBy: chinaTime(result.lapsed.confirmBy) })
    }
    return result.voucher!
  }
}

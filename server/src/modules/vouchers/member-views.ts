/**
 * What a member sees of campaigns (the 福利 list and a campaign's page): the campaigns of their union and its
 * ancestors, with stock left, their own vouchers, lottery entry and waitlist place. A lottery found due is settled
 * before it is shown (settle.ts).
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm'
import type { MemberCampaign } from '@contract/vouchers/schemas'
import { VoucherReasons } from '@contract/vouchers/reasons'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { voucherCampaigns, voucherEntries, vouchers } from '../../db/schema/vouchers'
import { can, inSubtree } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { memberDirectory, memberOf } from '../membership'
import { DAY_MS, stateOf } from './common'
import { addVenueLeft, extrasOf, remainingOf, waitlistOf } from './reads'
import type { Settlement } from './settle'
import { campaignWithVenues, type CampaignRow } from './venues'
import { confirmByOf, entryView, toCampaign } from './views'

/** Lottery campaigns stay in the member's list this long after closing, so entrants see their result. */
const RECENT_LOTTERY_MS = 7 * DAY_MS

export class MemberViews {
  constructor(
    private readonly deps: AppDeps,
    private readonly settlement: Settlement,
  ) {}

  async list(user: AuthUser): Promise<{ items: MemberCampaign[]; serverTime: string }> {
    const now = this.deps.now()
    // Reads only, so no transaction (under READ COMMITTED each statement sees its own snapshot either way): a
    // BEGIN and a COMMIT are two more round trips, and a transaction holds a pool connection across every await.
    // The member's union and its ancestors are found inside the one statement (member_directory → orgs.path);
    // staff without a membership see none.
    const db = this.deps.db
    const ancestors = sql`select unnest(string_to_array(trim(both '/' from ${orgs.path}), '/'))::int
      from ${memberDirectory} join ${orgs} on ${orgs.id} = ${memberDirectory.orgId} where ${memberDirectory.userId} = ${user.userId}`
    const read = () =>
      db
        .select({ c: campaignWithVenues, orgName: orgs.name })
        .from(voucherCampaigns)
        .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
        .where(
          and(
            sql`${voucherCampaigns.orgId} in (${ancestors})`,
            or(
              sql`${voucherCampaigns.closesAt} > ${new Date(now)}`,
              and(eq(voucherCampaigns.mode, 'lottery'), sql`${voucherCampaigns.closesAt} > ${new Date(now - RECENT_LOTTERY_MS)}`),
            ),
          ),
        )
        .orderBy(voucherCampaigns.opensAt, voucherCampaigns.id)
    let rows = await read()
    if (await this.settlement.settleIfDue(rows.map((r) => r.c), now)) rows = await read()
    const items = await this.memberViews(db, user.userId, rows, now)
    return { items, serverTime: new Date(now).toISOString() }
  }

  async detail(user: AuthUser, campaignId: number): Promise<{ campaign: MemberCampaign; serverTime: string }> {
    const now = this.deps.now()
    const read = () =>
      this.deps.db.transaction(async (tx) => {
        const [row] = await tx
          .select({ c: campaignWithVenues, orgName: orgs.name, orgPath: orgs.path })
          .from(voucherCampaigns)
          .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
          .where(eq(voucherCampaigns.id, campaignId))
        const path = (await memberOf(tx, user.userId))?.orgPath ?? null
        const visible = row && ((path && inSubtree(row.orgPath, path)) || can(user, 'campaigns.manage', row.orgPath))
        if (!visible) throw refuse(VoucherReasons.CAMPAIGN_NOT_FOUND)
        return row
      })
    let row = await read()
    if (await this.settlement.settleIfDue([row.c], now)) row = await read()
    const [campaign] = await this.deps.db.transaction((tx) => this.memberViews(tx, user.userId, [row], now))
    return { campaign, serverTime: new Date(now).toISOString() }
  }

  private async memberViews(
    tx: DbOrTx,
    userId: number,
    rows: { c: CampaignRow; orgName: string }[],
    now: number,
  ): Promise<MemberCampaign[]> {
    if (rows.length === 0) return []
    const ids = rows.map((r) => r.c.id)
    const left = await remainingOf(tx, ids)
    const extra = await extrasOf(tx, ids)
    await addVenueLeft(tx, extra, rows.map((r) => r.c))
    const mine = await tx
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.userId, userId), inArray(vouchers.campaignId, ids)))
      .orderBy(vouchers.id)
    const lotteryIds = rows.filter((r) => r.c.mode === 'lottery').map((r) => r.c.id)
    const entries =
      lotteryIds.length > 0
        ? await tx
            .select()
            .from(voucherEntries)
            .where(and(eq(voucherEntries.userId, userId), inArray(voucherEntries.campaignId, lotteryIds)))
        : []
    const waits = await waitlistOf(tx, userId, ids)
    return rows.map((r) => {
      const entry = entries.find((e) => e.campaignId === r.c.id)
      const wait = waits.get(r.c.id) ?? null
      const lapsed = mine.some((v) => v.campaignId === r.c.id && v.source === 'lottery' && v.returnReason === 'unconfirmed')
      return {
        ...toCampaign(r.c, r.orgName, left.get(r.c.id) ?? 0, now, extra.get(r.c.id)),
        myVouchers: mine
          .filter((v) => v.campaignId === r.c.id && stateOf(v, now) !== 'returned')
          .map((v) => ({ id: v.id, code: v.code, state: stateOf(v, now), confirmBy: confirmByOf(v, now) })),
        myEntry: entry ? entryView(entry, r.c, extra.get(r.c.id)?.entries ?? 0, wait, lapsed) : null,
        myWaitlist: wait,
      }
    })
  }
}

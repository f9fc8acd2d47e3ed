/**
 * What a member sees of campaigns (the 福利 list and a campaign's page): the campaigns of their union and its
 * ancestors, with stock left, their own vouchers, lottery entry and waitlist place. A lottery found due is settled
 * before it is shown (settle.ts).
 */
import { and, eq, or, sql } from 'drizzle-orm'
import type { MemberCampaign, MyWaitlist } from '@contract/vouchers/schemas'
import { VoucherReasons } from '@contract/vouchers/reasons'
import type { AppDeps } from '../../http/deps'
import type { Db } from '../../db'
import { orgs } from '../../db/schema/core'
import { voucherCampaigns, vouchers, type VoucherEntryRow } from '../../db/schema/vouchers'
import { can, inSubtree } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { memberDirectory, memberOf } from '../membership'
import { DAY_MS, stateOf } from './common'
import type { Settlement } from './settle'
import { campaignWithVenues, type CampaignRow } from './venues'
import { confirmByOf, entryView, toCampaign, type Extras } from './views'

/** Lottery campaigns stay in the member's list this long after closing, so entrants see their result. */
const RECENT_LOTTERY_MS = 7 * DAY_MS

export class MemberViews {
  constructor(
    private readonly deps: AppDeps,
    private readonly settlement: Settlement,
  ) {}

  async list(user: AuthUser): Promise<{ items: MemberCampaign[]; serverTime: string }> {
    const now = this.deps.now()
    const params = { userId: user.userId, now: new Date(now), recentSince: new Date(now - RECENT_LOTTERY_MS) }
    let rows = await this.statements().list.execute(params)
    if (await this.settlement.settleAll(this.settlement.dueAmong(rows, now))) rows = await this.statements().list.execute(params)
    const items = await this.memberViews(user.userId, rows, now)
    return { items, serverTime: new Date(now).toISOString() }
  }

  private prepared: ReturnType<typeof prepareStatements> | null = null

  /** The list's two statements, built once (not per request) and prepared once per connection by PostgreSQL. */
  private statements() {
    return (this.prepared ??= prepareStatements(this.deps.db))
  }

  async detail(user: AuthUser, campaignId: number): Promise<{ campaign: MemberCampaign; serverTime: string }> {
    const now = this.deps.now()
    const read = () =>
      this.deps.db.transaction(async (tx) => {
        const [row] = await tx
          .select({ c: campaignWithVenues, orgName: orgs.name, orgPath: orgs.path, ...memberColumns(user.userId, new Date(now)) })
          .from(voucherCampaigns)
          .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
          .where(eq(voucherCampaigns.id, campaignId))
        const path = (await memberOf(tx, user.userId))?.orgPath ?? null
        const visible = row && ((path && inSubtree(row.orgPath, path)) || can(user, 'campaigns.manage', row.orgPath))
        if (!visible) throw refuse(VoucherReasons.CAMPAIGN_NOT_FOUND)
        return row
      })
    let row = await read()
    if (await this.settlement.settleAll(this.settlement.dueAmong([row], now))) row = await read()
    const [campaign] = await this.memberViews(user.userId, [row], now)
    return { campaign, serverTime: new Date(now).toISOString() }
  }

  /** The member's view of campaigns read with memberColumns: one more statement, for the member's own vouchers. */
  private async memberViews(userId: number, rows: MemberCampaignRow[], now: number): Promise<MemberCampaign[]> {
    if (rows.length === 0) return []
    const ids = rows.map((r) => r.c.id)
    const mine = await this.statements().mine.execute({ userId, ids: `{${ids.join(',')}}` })
    return rows.map((r) => {
      const extra: Extras = { entries: r.entered, waitlist: r.waiting }
      if (r.c.stockByVenue) extra.venueLeft = new Map(Object.entries(r.venueLeft ?? {}).map(([venue, n]) => [Number(venue), Number(n)]))
      const wait: MyWaitlist | null = r.myWait
        ? {
            campaignId: r.c.id,
            state: r.myWait.state,
            position: r.myWait.state === 'waiting' ? Number(r.myWait.position) : null,
            length: Number(r.myWait.length),
            joinedAt: new Date(r.myWait.createdAt).toISOString(),
          }
        : null
      const entry = r.c.mode === 'lottery' && r.myEntry ? { id: r.myEntry.id, state: r.myEntry.state, createdAt: new Date(r.myEntry.createdAt) } : null
      const lapsed = mine.some((v) => v.campaignId === r.c.id && v.source === 'lottery' && v.returnReason === 'unconfirmed')
      return {
        ...toCampaign(r.c, r.orgName, r.left, now, extra),
        myVouchers: mine
          .filter((v) => v.campaignId === r.c.id && stateOf(v, now) !== 'returned')
          .map((v) => ({ id: v.id, code: v.code, state: stateOf(v, now), confirmBy: confirmByOf(v, now) })),
        myEntry: entry ? entryView(entry, r.c, r.entered, wait, lapsed) : null,
        myWaitlist: wait,
      }
    })
  }
}

/**
 * The member's campaign list — the campaigns of the member's union and its ancestors (found inside the statement:
 * member_directory → orgs.path; staff without a membership see none), open, or lotteries closed in the last week,
 * with every figure of each (memberColumns) — and the member's vouchers of those campaigns. Reads only, so no
 * transaction: under READ COMMITTED each statement sees its own snapshot either way, and a BEGIN and a COMMIT are
 * two more round trips holding a pool connection across every await.
 */
function prepareStatements(db: Db) {
  const userId = sql.placeholder('userId')
  const ancestors = sql`select unnest(string_to_array(trim(both '/' from ${orgs.path}), '/'))::int
    from ${memberDirectory} join ${orgs} on ${orgs.id} = ${memberDirectory.orgId} where ${memberDirectory.userId} = ${userId}`
  const list = db
    .select({ c: campaignWithVenues, orgName: orgs.name, ...memberColumns(userId, sql.placeholder('now')) })
    .from(voucherCampaigns)
    .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
    .where(
      and(
        sql`${voucherCampaigns.orgId} in (${ancestors})`,
        or(
          sql`${voucherCampaigns.closesAt} > ${sql.placeholder('now')}`,
          and(eq(voucherCampaigns.mode, 'lottery'), sql`${voucherCampaigns.closesAt} > ${sql.placeholder('recentSince')}`),
        ),
      ),
    )
    .orderBy(voucherCampaigns.opensAt, voucherCampaigns.id)
    .prepare('vouchers_member_campaigns')
  const mine = db
    .select()
    .from(vouchers)
    .where(and(eq(vouchers.userId, userId), sql`${vouchers.campaignId} = any(${sql.placeholder('ids')}::int[])`))
    .orderBy(vouchers.id)
    .prepare('vouchers_member_mine')
  return { list, mine }
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T

/**
 * Everything a member's view adds to a campaign, as columns of the statement that reads the campaign (correlated
 * subqueries, each on an index: voucher_stock's key, voucher_waitlist_line_idx / _user_idx, voucher_entries'
 * unique (campaign, user)) — one round trip instead of one per figure: units left (in total and, split stock, per
 * venue), lottery entries, waitlist length, whether a drawn lottery still holds a win past its confirm_by (the
 * settle check, Settlement.dueAmong), and the member's own lottery entry and latest waitlist row with the place in
 * line.
 */
function memberColumns(userId: unknown, at: unknown) {
  const c = sql.raw('"voucher_campaigns"')
  return {
    left: sql<number>`(select coalesce(sum(s.remaining), 0)::int from voucher_stock s where s.campaign_id = ${c}."id")`.mapWith(Number),
    venueLeft: sql<Record<string, number> | null>`case when ${c}."stock_by_venue" then (
        select json_object_agg(x.venue_id, x.n) from (
          select s.venue_id, sum(s.remaining)::int as n from voucher_stock s
           where s.campaign_id = ${c}."id" and s.venue_id is not null group by s.venue_id) x) end`.mapWith(json<Record<string, number> | null>),
    waiting: sql<number>`(select count(*)::int from voucher_waitlist w where w.campaign_id = ${c}."id" and w.state = 'waiting')`.mapWith(Number),
    entered: sql<number>`(select count(*)::int from voucher_entries e where e.campaign_id = ${c}."id")`.mapWith(Number),
    lapsedWin: sql<boolean>`(${c}."mode" = 'lottery' and ${c}."drawn_at" is not null and exists (
        select 1 from vouchers v where v.campaign_id = ${c}."id" and v.state = 'unused' and v.confirmed_at is null and v.confirm_by <= ${at}))`.mapWith(Boolean),
    myEntry: sql<{ id: number; state: VoucherEntryRow['state']; createdAt: string } | null>`(
        select json_build_object('id', e.id, 'state', e.state, 'createdAt', e.created_at)
          from voucher_entries e where e.campaign_id = ${c}."id" and e.user_id = ${userId})`.mapWith(json<{ id: number; state: VoucherEntryRow['state']; createdAt: string } | null>),
    myWait: sql<{ state: MyWaitlist['state']; createdAt: string; position: number; length: number } | null>`(
        select json_build_object('state', w.state, 'createdAt', w.created_at,
                 'position', (select count(*)::int from voucher_waitlist x where x.campaign_id = w.campaign_id and x.state = 'waiting' and x.id <= w.id),
                 'length', (select count(*)::int from voucher_waitlist x where x.campaign_id = w.campaign_id and x.state = 'waiting'))
          from voucher_waitlist w where w.user_id = ${userId} and w.campaign_id = ${c}."id" order by w.id desc limit 1)`.mapWith(
      json<{ state: MyWaitlist['state']; createdAt: string; position: number; length: number } | null>,
    ),
  }
}

type MemberCampaignRow = { c: CampaignRow; orgName: string } & { [K in keyof ReturnType<typeof memberColumns>]: ReturnType<typeof memberColumns>[K]['_']['type'] }

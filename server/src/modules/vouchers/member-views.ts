/**
 * What a member sees of campaigns (the 福利 list and a campaign's page): the campaigns of their union and its
 * ancestors, with stock left, their own vouchers, lottery entry and waitlist place. A lottery found due is settled
 * before it is shown (settle.ts).
 */
import { and, eq, sql } from 'drizzle-orm'
import type { MemberCampaign, MemberCampaignItem, MyWaitlist } from '@contract/vouchers/schemas'
import { VoucherReasons } from '@contract/vouchers/reasons'
import type { AppDeps } from '../../http/deps'
import type { Db } from '../../db'
import { orgs } from '../../db/schema/core'
import { voucherCampaigns, vouchers, type VoucherCampaignRow, type VoucherEntryRow, type VoucherRow } from '../../db/schema/vouchers'
import { can, inSubtree } from '../../auth/policy'
import { sessionColumns, sessionUserId, type AuthUser, type SessionRead } from '../../auth/sessions'
import { refuse } from '../../errors'
import { memberDirectory, memberOf } from '../membership'
import { DAY_MS, stateOf } from './common'
import type { Settlement } from './settle'
import { campaignWithVenues, type CampaignRow } from './venues'
import { confirmByOf, entryView, phaseOf, toCampaign, type Extras } from './views'

/** Lottery campaigns stay in the member's list this long after closing, so entrants see their result. */
const RECENT_LOTTERY_MS = 7 * DAY_MS

export class MemberViews {
  constructor(
    private readonly deps: AppDeps,
    private readonly settlement: Settlement,
  ) {}

  /**
   * The member's 福利 list from the rows read with the session (memberCampaignsWithSession, one statement): a lottery
   * found due among them is settled first, then the list read again.
   */
  async list(user: AuthUser, first: MemberListRow[]): Promise<{ items: MemberCampaignItem[]; serverTime: string }> {
    const now = this.deps.now()
    let rows = listedOf(first)
    if (await this.settlement.settleAll(this.settlement.dueAmong(rows, now))) {
      rows = listedOf(await this.deps.sessions.readWith(memberCampaignsWithSession, user.sessionId, now))
    }
    return { items: rows.map((r) => toListItem(r, now)), serverTime: new Date(now).toISOString() }
  }

  private prepared: ReturnType<typeof prepareStatements> | null = null

  /** The detail's statement for the member's vouchers, built once (not per request), prepared once per connection. */
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

/** The member's vouchers of some campaigns (the detail's second statement). */
function prepareStatements(db: Db) {
  const mine = db
    .select()
    .from(vouchers)
    .where(and(eq(vouchers.userId, sql.placeholder('userId')), sql`${vouchers.campaignId} = any(${sql.placeholder('ids')}::int[])`))
    .orderBy(vouchers.id)
    .prepare('vouchers_member_mine')
  return { mine }
}

/** A member's voucher as the list's json carries it (timestamps as text). */
type ListedVoucher = Pick<VoucherRow, 'id' | 'code' | 'state' | 'source' | 'returnReason'> & {
  validUntil: string
  confirmBy: string | null
  confirmedAt: string | null
}

/** One campaign of the list as the statement's json carries it (timestamps as text). */
interface ListedJson {
  id: number
  kind: VoucherCampaignRow['kind']
  title: string
  orgId: number
  orgName: string
  totalStock: number
  opensAt: string
  closesAt: string
  mode: VoucherCampaignRow['mode']
  drawnAt: string | null
  confirmHours: number
  left: number
  lapsedWin: boolean
  myEntry: { id: number; state: VoucherEntryRow['state']; createdAt: string; entries: number } | null
  myWait: { state: MyWaitlist['state']; createdAt: string; position: number; length: number } | null
  mine: ListedVoucher[] | null
}

/**
 * The member's 福利 list in the session's statement (one round trip; see SessionRead), as ONE row: the session and
 * the list as a json array (`items`) — the campaigns of the member's union and its ancestors (member_directory →
 * orgs.path; staff without a membership see none) that are open or upcoming, or lotteries closed in the last week;
 * open and upcoming first, by opening time. Each with what its list item shows: units left (sum over the stock
 * shards), the settle check (Settlement.dueAmong), the member's lottery entry (with the number of entries, counted
 * only when there is one), latest waitlist row with the place in line, and own vouchers of it (one index range over
 * the member's vouchers, grouped by campaign). One row, not one per campaign: the session's columns and grants would
 * otherwise be sent, parsed and mapped again for every campaign (the largest share of the list's server time).
 */
export const memberCampaignsWithSession: SessionRead<MemberListRow> = {
  name: 'vouchers_member_list_with_session',
  params: (now) => ({ now: new Date(now), recentSince: new Date(now - RECENT_LOTTERY_MS) }),
  build: (d, s, name) => {
    const at = sql.placeholder('now')
    const userId = sessionUserId
    const mine = d.$with('member_vouchers').as(
      d
        .select({
          campaignId: sql<number>`${vouchers.campaignId}`.as('campaign_id'),
          items: sql<ListedVoucher[]>`json_agg(json_build_object('id', ${vouchers.id}, 'code', ${vouchers.code},
            'state', ${vouchers.state}, 'source', ${vouchers.source}, 'returnReason', ${vouchers.returnReason},
            'validUntil', ${vouchers.validUntil}, 'confirmBy', ${vouchers.confirmBy}, 'confirmedAt', ${vouchers.confirmedAt}) order by ${vouchers.id})`.as('items'),
        })
        .from(vouchers)
        .where(eq(vouchers.userId, sql`(select ${sessionUserId} from ${s})`))
        .groupBy(vouchers.campaignId),
    )
    const { left, lapsedWin, myWait } = memberColumns(userId, at)
    const c = sql.raw('"voucher_campaigns"')
    const items = sql<ListedJson[] | string>`(
      select coalesce(json_agg(x order by x.closed, x."opensAt", x.id), '[]'::json) from (
        select ${c}."id" as id, ${c}."kind" as kind, ${c}."title" as title, ${c}."org_id" as "orgId", o."name" as "orgName",
               ${c}."total_stock" as "totalStock", ${c}."opens_at" as "opensAt", ${c}."closes_at" as "closesAt",
               ${c}."mode" as mode, ${c}."drawn_at" as "drawnAt", ${c}."confirm_hours" as "confirmHours",
               ${c}."closes_at" <= ${at} as closed,
               ${left} as "left", ${lapsedWin} as "lapsedWin",
               (select json_build_object('id', e.id, 'state', e.state, 'createdAt', e.created_at,
                         'entries', (select count(*)::int from voucher_entries n where n.campaign_id = e.campaign_id))
                  from voucher_entries e where e.campaign_id = ${c}."id" and e.user_id = ${userId}) as "myEntry",
               ${myWait} as "myWait",
               mv.items as mine
          from ${voucherCampaigns} join ${orgs} o on o."id" = ${c}."org_id"
          left join ${mine} mv on mv.campaign_id = ${c}."id"
         where ${c}."org_id" in (
                 select unnest(string_to_array(trim(both '/' from mo."path"), '/'))::int
                   from ${memberDirectory} md join ${orgs} mo on mo."id" = md."org_id" where md."user_id" = ${userId})
           and (${c}."closes_at" > ${at} or (${c}."mode" = 'lottery' and ${c}."closes_at" > ${sql.placeholder('recentSince')}))) x)`
    return d.with(s, mine).select({ auth: sessionColumns(s), items }).from(s).prepare(name)
  },
}

export type MemberListRow = { items: ListedJson[] | string }
type ListCampaign = Pick<VoucherCampaignRow, 'id' | 'mode' | 'closesAt' | 'drawnAt' | 'confirmHours' | 'opensAt' | 'totalStock'>
type ListedRow = { c: ListCampaign; j: ListedJson; lapsedWin: boolean }

/** The campaigns of a memberCampaignsWithSession read. */
function listedOf(rows: MemberListRow[]): ListedRow[] {
  const items = rows.length === 0 ? [] : json<ListedJson[]>(rows[0].items)
  return items.map((j) => ({
    j,
    lapsedWin: j.lapsedWin,
    c: {
      id: j.id,
      mode: j.mode,
      totalStock: j.totalStock,
      confirmHours: j.confirmHours,
      opensAt: new Date(j.opensAt),
      closesAt: new Date(j.closesAt),
      drawnAt: j.drawnAt === null ? null : new Date(j.drawnAt),
    },
  }))
}

/** A list item of the member's 福利 list (MemberCampaignItem). */
function toListItem({ c, j }: ListedRow, now: number): MemberCampaignItem {
  const wait: MyWaitlist | null = j.myWait
    ? {
        campaignId: c.id,
        state: j.myWait.state,
        position: j.myWait.state === 'waiting' ? Number(j.myWait.position) : null,
        length: Number(j.myWait.length),
        joinedAt: new Date(j.myWait.createdAt).toISOString(),
      }
    : null
  const mine = (j.mine ?? []).map((v) => ({
    ...v,
    validUntil: new Date(v.validUntil),
    confirmBy: v.confirmBy === null ? null : new Date(v.confirmBy),
    confirmedAt: v.confirmedAt === null ? null : new Date(v.confirmedAt),
  }))
  const entry = c.mode === 'lottery' && j.myEntry ? { id: j.myEntry.id, state: j.myEntry.state, createdAt: new Date(j.myEntry.createdAt) } : null
  const lapsed = mine.some((v) => v.source === 'lottery' && v.returnReason === 'unconfirmed')
  return {
    id: c.id,
    kind: j.kind,
    title: j.title,
    orgId: j.orgId,
    orgName: j.orgName,
    totalStock: c.totalStock,
    remaining: j.left,
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    mode: c.mode,
    phase: phaseOf(c, j.left, now),
    myVouchers: mine
      .filter((v) => stateOf(v, now) !== 'returned')
      .map((v) => ({ id: v.id, code: v.code, state: stateOf(v, now), confirmBy: confirmByOf(v, now) })),
    myEntry: entry ? entryView(entry, c, Number(j.myEntry!.entries), wait, lapsed) : null,
    myWaitlist: wait,
  }
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

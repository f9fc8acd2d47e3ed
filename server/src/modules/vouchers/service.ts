/**
 * 福利券: campaigns created by admins for their union subtree; verified members of the subtree claim free,
 * limited vouchers (first come, first served); venue staff redeem them.
 *
 * Inventory: a campaign's stock is split over up to 32 `voucher_stock` rows (shards). A claim takes one unit
 * from a random shard (another non-empty one when that is empty) in the same statement that inserts the
 * voucher, so concurrent claims lock different rows and the hot-row ceiling of a single stock counter goes
 * away; `remaining >= 0` is a CHECK. The per-member limit is a `voucher_quotas` counter upserted with
 * `used < limit` in the same transaction, and idempotency a UNIQUE (user_id, idempotency_key) on vouchers.
 *
 * Claims are not written to audit_log (the voucher row is the record, and it would cost a round trip on the
 * hottest path); campaign creation and redemptions are.
 *
 * Lottery (抽签): a secret seed is made at creation and its SHA-256 commitment published. Entries reserve the
 * member's quota (voucher_entries, UNIQUE per member). After closes_at the draw runs exactly once: the
 * transaction that wins `update … set drawn_at = now where drawn_at is null` draws (see ./draw.ts), issues
 * the winners' vouchers (to be confirmed within confirm_hours), gives the losers' quota back and puts them on
 * the waitlist in draw order. It runs on a timer (`settleDue`, every JOBS_INTERVAL_SECONDS, see ./jobs.ts), and
 * also on the first read after closing or by an admin, whichever comes first. The same settle returns winners'
 * unconfirmed vouchers once their confirm_by has passed.
 *
 * Waitlist (候补): a unit that comes back (return, unconfirmed lottery win) goes, in the same transaction, to
 * the first waiting row taken FOR UPDATE SKIP LOCKED (waiters at their limit meanwhile are skipped), else to stock.
 */
import { randomInt } from 'node:crypto'
import { alias } from 'drizzle-orm/pg-core'
import { and, asc, count, desc, eq, exists, inArray, isNotNull, isNull, like, lte, or, sql, sum } from 'drizzle-orm'
import type {
  Campaign,
  CampaignStats,
  ClaimResult,
  DrawRecord,
  EntryResult,
  MemberCampaign,
  MyEntry,
  MyWaitlist,
  RedeemBatchItem,
  RedeemBatchResult,
  Redemption,
  Venue,
  VenueStock,
  StaffVenue,
  Voucher,
} from '@contract/vouchers/schemas'
import { type CampaignInput as CampaignInputSchema, isStockByVenue } from '@contract/vouchers/schemas'
import {
  CAMPAIGN_KINDS,
  VOUCHER_STATES,
  type CampaignPhase,
  type VoucherState,
} from '@contract/vouchers/labels'
import { LOTTERY_DRAW_ALGORITHM, LOTTERY_DRAW_ALGORITHM_V1 } from '@contract/vouchers/draw-algorithm'
import { chinaTime, chinaMonth, chinaDay } from '../../time'
import type { AppDeps } from '../../http/deps'
import { rowsOf, type DbOrTx, type Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { memberDirectory as memberships } from '../membership'
import { voucherCampaigns, voucherCampaignVenues, voucherEntries, voucherQuotas, voucherRedeemRequests, voucherStock, voucherWaitlist, vouchers, type VenueRecord, type VoucherCampaignRow, type VoucherEntryRow, type VoucherRow } from '../../db/schema/vouchers'
import { managersOnly } from './targets'
import { ClaimBatcher, claimBatch, type ClaimOutcome } from './claim'
import { audit } from '../../audit'
import { authorize, can, inSubtree, scopesFor } from '../../auth/policy'
import {
  campaignWithVenues,
  notBound,
  redeemVenuesOf,
  redeemsAt,
  resolveCampaignVenues,
  venuesForCampaignOrg,
  type CampaignRow,
} from './venues'
import { venues as venueRegistry, type VenueRow as VenueRegistryRow } from '../../db/schema/venues'
import type { AuthUser, TokenUser } from '../../auth/sessions'
import { AppError, Errors } from '../../errors'
import { ErrorCodes } from '@contract/errors'
import { notify } from '../notifications'
import { commitmentOf, drawOrder, newSeed } from './draw'


const memberOrgs = alias(orgs, 'member_orgs')

export const MAX_SHARDS = 32
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
/** Lottery campaigns stay in the member's list this long after closing, so entrants see their result. */
const RECENT_LOTTERY_MS = 7 * DAY_MS
/**
 * Offline scans: judged at the device's scan time, which may be no earlier than the phone's last sync and never more
 * than this before the server receives it (a scan claimed older than that is refused, not clamped).
 */
const MAX_OFFLINE_MS = 24 * HOUR_MS
/** Drawn lotteries' public records kept in memory (they never change once drawn). */
const DRAW_CACHE_MAX = 200
const MINE_LINK = '/packages/vouchers/mine/index'

/** Chinese wall-clock time, e.g. 2026-11-23 10:00. */

export function newVoucherCode(): string {
  let s = ''
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return s
}

/** The shard sizes for `stock` units over `shards` rows (the first ones get the remainder). */
export function shardSizes(stock: number, shards: number): number[] {
  const base = Math.floor(stock / shards)
  return Array.from({ length: shards }, (_, i) => base + (i < stock % shards ? 1 : 0))
}

/** How long the claim may reuse a campaign row for its reply (display fields only). */
const DISPLAY_CACHE_MS = 2_000

function quotaScope(c: VoucherCampaignRow, nowMs: number): string {
  return c.limitPeriod === 'calendar_month' ? `${c.kind}:${chinaMonth(nowMs)}` : `c:${c.id}`
}

/** A voucher scanned at a venue that is not one of its campaign's, or not its own venue when the stock is split. */
function wrongVenueText(c: CampaignRow, v: { venueId: number | null }): string {
  const own = v.venueId ? c.venues.find((x) => x.id === v.venueId) : undefined
  if (own) return `该券（${c.title}）仅限在「${own.name}」使用，不能在本场馆核销`
  return `该券（${c.title}）不能在本场馆使用，可用场馆：${c.venues.map((x) => x.name).join('、')}`
}

/** A voucher of a split campaign is for its own venue only. */
function venueAllows(v: { venueId: number | null }, venue: { id: number }): boolean {
  return v.venueId === null || v.venueId === venue.id
}

function limitMessage(c: VoucherCampaignRow): string {
  const kind = CAMPAIGN_KINDS[c.kind]
  if (c.limitPeriod === 'calendar_month') {
    return c.limitCount === 1 ? `本月已领取过${kind}券` : `本月${kind}券已领满 ${c.limitCount} 张`
  }
  return c.limitCount === 1 ? '您已领取过本活动的券' : `本活动每人限领 ${c.limitCount} 张，您已领满`
}

/** What one `settleDue` run did: campaigns selected, lotteries drawn, wins lapsed, and of those given to a waiter. */
export interface SettleDueResult {
  campaigns: number
  drawn: number
  lapsed: number
  handedOn: number
}

export interface CreateCampaignOptions {
  /** Stock rows; default min(stock, 32). The bench passes 1 for the single-hot-row comparison. */
  shards?: number
}

/** Inserts a campaign and its stock rows (validated input; authorization is the caller's). */
export async function insertCampaign(
  tx: Tx,
  input: ReturnType<typeof CampaignInputSchema.parse>,
  createdBy: number | null,
  options: CreateCampaignOptions = {},
): Promise<CampaignRow> {
  const [org] = await tx.select({ id: orgs.id, path: orgs.path }).from(orgs).where(eq(orgs.id, input.orgId))
  if (!org) throw Errors.validation({ orgId: '所选工会不存在' })
  // Registry venues (new ones added under the campaign's union).
  const picked = await resolveCampaignVenues(tx, org, input.venues)
  // A lottery's stock is only taken by its one draw: a single row is enough. Split per venue: each venue gets its
  // share of the shard rows (at least one, at most its own stock), numbered on from the previous venue's.
  const byVenue = isStockByVenue(input)
  const want = Math.max(1, options.shards ?? MAX_SHARDS)
  const rows: { shard: number; remaining: number; venueId: number | null }[] = []
  if (input.mode === 'lottery') rows.push({ shard: 0, remaining: input.totalStock, venueId: null })
  else if (!byVenue) {
    shardSizes(input.totalStock, Math.min(want, input.totalStock)).forEach((remaining, shard) => rows.push({ shard, remaining, venueId: null }))
  } else {
    picked.forEach((venue) => {
      const stock = venue.stock!
      const n = Math.max(1, Math.min(stock, Math.floor(want / picked.length)))
      for (const remaining of shardSizes(stock, n)) rows.push({ shard: rows.length, remaining, venueId: venue.id })
    })
  }
  const seed = input.mode === 'lottery' ? newSeed() : null
  const [row] = await tx
    .insert(voucherCampaigns)
    .values({
      kind: input.kind,
      title: input.title,
      rules: input.rules,
      orgId: input.orgId,
      totalStock: input.totalStock,
      shards: rows.length,
      stockByVenue: byVenue,
      opensAt: new Date(input.opensAt),
      closesAt: new Date(input.closesAt),
      voucherValidDays: input.voucherValidDays,
      mode: input.mode,
      limitCount: input.perMemberLimit.count,
      limitPeriod: input.perMemberLimit.period,
      eligibleEmploymentTypes: input.eligibleEmploymentTypes,
      createdBy,
      seed,
      commitment: seed ? commitmentOf(seed) : null,
      confirmHours: input.confirmHours,
    })
    .returning()
  await tx
    .insert(voucherCampaignVenues)
    .values(picked.map((v, position) => ({ campaignId: row.id, venueId: v.id, position, stock: byVenue ? v.stock : null })))
  await tx
    .insert(voucherStock)
    .values(rows.map((r) => ({ campaignId: row.id, ...r })))
  const [withVenues] = await tx.select(campaignWithVenues).from(voucherCampaigns).where(eq(voucherCampaigns.id, row.id))
  return withVenues
}

export class VoucherService {
  private readonly displayCache = new Map<number, { row: CampaignRow; until: number }>()
  /** Public records of drawn lotteries (immutable once drawn): no re-read of every entry, no re-hash per request. */
  private readonly drawCache = new Map<number, DrawRecord>()
  private readonly venueLeftCache = new Map<number, { left: Map<number, number>; until: number }>()

  /** First-come taps gathered per campaign into one database call (claim.ts). */
  private readonly claims: ClaimBatcher

  constructor(private readonly deps: AppDeps) {
    this.claims = new ClaimBatcher((campaignId, requests, venueId) => {
      const now = deps.now()
      return claimBatch(deps.db, campaignId, requests, { now: new Date(now), month: chinaMonth(now) }, venueId)
    })
  }

  // ---------- members ----------

  async list(user: AuthUser): Promise<{ items: MemberCampaign[]; serverTime: string }> {
    const now = this.deps.now()
    const read = () =>
      this.deps.db.transaction(async (tx) => {
        const path = await this.memberOrgPath(tx, user.userId)
        // Campaigns whose union is the member's union or one of its ancestors; staff without a membership see none.
        const ancestorIds = path ? path.split('/').filter(Boolean).map(Number) : []
        if (ancestorIds.length === 0) return []
        return tx
          .select({ c: campaignWithVenues, orgName: orgs.name })
          .from(voucherCampaigns)
          .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
          .where(
            and(
              inArray(voucherCampaigns.orgId, ancestorIds),
              or(
                sql`${voucherCampaigns.closesAt} > ${new Date(now)}`,
                and(
                  eq(voucherCampaigns.mode, 'lottery'),
                  sql`${voucherCampaigns.closesAt} > ${new Date(now - RECENT_LOTTERY_MS)}`,
                ),
              ),
            ),
          )
          .orderBy(voucherCampaigns.opensAt, voucherCampaigns.id)
      })
    let rows = await read()
    const due = await this.dueForSettle(rows.map((r) => r.c), now)
    if (due.length > 0) {
      for (const id of due) await this.settle(id)
      rows = await read()
    }
    const items = await this.deps.db.transaction((tx) => this.memberViews(tx, user.userId, rows, now))
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
        const path = await this.memberOrgPath(tx, user.userId)
        const visible = row && ((path && inSubtree(row.orgPath, path)) || can(user, 'campaigns.manage', row.orgPath))
        if (!visible) throw Errors.notFound('活动不存在')
        return row
      })
    let row = await read()
    if ((await this.dueForSettle([row.c], now)).length > 0) {
      await this.settle(campaignId)
      row = await read()
    }
    const [campaign] = await this.deps.db.transaction((tx) => this.memberViews(tx, user.userId, [row], now))
    return { campaign, serverTime: new Date(now).toISOString() }
  }

  // ---------- lottery ----------

  /**
   * Enter a lottery while its window is open: one entry per member (UNIQUE), the per-member limit reserved now
   * (given back if the entry loses). A second call returns the first entry.
   */
  async enter(user: AuthUser, campaignId: number): Promise<EntryResult> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const c = await loadForMember(tx, user.userId, campaignId)
      if (c.mode !== 'lottery') throw Errors.conflict('本活动为先到先得，请直接领取')
      if (now < c.opensAt.getTime()) throw Errors.conflict(`报名尚未开始，将于 ${chinaTime(c.opensAt.getTime())} 开始报名`)
      if (now >= c.closesAt.getTime()) throw Errors.conflict('报名已截止')
      const scope = quotaScope(c, now)
      const [entry] = await tx
        .insert(voucherEntries)
        .values({ campaignId: c.id, userId: user.userId, quotaScope: scope, createdAt: new Date(now) })
        .onConflictDoNothing()
        .returning()
      if (!entry) {
        const [existing] = await tx
          .select()
          .from(voucherEntries)
          .where(and(eq(voucherEntries.campaignId, c.id), eq(voucherEntries.userId, user.userId)))
        return { entry: entryView(existing, c, 0, null, null), replayed: true }
      }
      if (!(await takeQuota(tx, user.userId, scope, c.limitCount))) throw Errors.conflict(limitMessage(c))
      return { entry: entryView(entry, c, 0, null, null), replayed: false }
    })
  }

  /**
   * 撤销报名: remove the caller's entry while the window is open and give back the limit it reserved. The campaign
   * row is read FOR SHARE, which waits for (and is waited for by) the draw's lock on it: a withdrawal either lands
   * before the draw or finds it done.
   */
  async withdrawEntry(user: AuthUser, campaignId: number): Promise<{ campaignId: number; entries: number }> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const c = await loadForMember(tx, user.userId, campaignId)
      if (c.mode !== 'lottery') throw Errors.conflict('本活动为先到先得，没有报名可撤销')
      await tx.execute(sql`select id from voucher_campaigns where id = ${c.id} for share`)
      const [entry] = await tx
        .select()
        .from(voucherEntries)
        .where(and(eq(voucherEntries.campaignId, c.id), eq(voucherEntries.userId, user.userId)))
      if (!entry) throw Errors.notFound('您未报名本次抽签')
      if (entry.state !== 'entered' || now >= c.closesAt.getTime()) {
        throw Errors.conflict('报名已截止，不能撤销；开奖结果会通知您')
      }
      await tx.delete(voucherEntries).where(eq(voucherEntries.id, entry.id))
      await giveQuota(tx, user.userId, entry.quotaScope)
      const [{ n }] = await tx.select({ n: count() }).from(voucherEntries).where(eq(voucherEntries.campaignId, c.id))
      return { campaignId: c.id, entries: Number(n) }
    })
  }

  /** The public draw record; a closed lottery is drawn first. `admin`: the explicit draw by campaigns.manage. */
  async drawRecord(user: AuthUser, campaignId: number, admin = false): Promise<DrawRecord> {
    const now = this.deps.now()
    const read = async () => {
      const [row] = await this.deps.db
        .select({ c: voucherCampaigns, orgPath: orgs.path })
        .from(voucherCampaigns)
        .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
        .where(eq(voucherCampaigns.id, campaignId))
      return row
    }
    let row = await read()
    if (!row) throw Errors.notFound('活动不存在')
    if (admin) {
      if (!can(user, 'campaigns.manage', row.orgPath)) throw Errors.notFound('活动不存在')
    } else {
      const path = await this.memberOrgPath(this.deps.db, user.userId)
      const staff =
        can(user, 'campaigns.manage', row.orgPath) || can(user, 'staff.view', row.orgPath)
      if (!staff && !(path && inSubtree(row.orgPath, path))) throw Errors.notFound('活动不存在')
    }
    if (row.c.mode !== 'lottery') throw Errors.conflict('本活动不是抽签活动')
    if (admin && now < row.c.closesAt.getTime()) {
      throw Errors.conflict(`报名尚未截止（${chinaTime(row.c.closesAt.getTime())} 截止），截止后才能开奖`)
    }
    // Once drawn the record never changes: served from memory, without re-reading and re-hashing every entry.
    const cached = this.drawCache.get(campaignId)
    if (cached) return cached
    if ((await this.dueForSettle([row.c], now)).length > 0) {
      await this.settle(campaignId)
      row = (await read())!
    }
    const c = row.c
    const closed = now >= c.closesAt.getTime()
    const entries = closed
      ? await this.deps.db
          .select({ entryId: voucherEntries.id, userId: voucherEntries.userId, state: voucherEntries.state, name: memberships.name })
          .from(voucherEntries)
          .leftJoin(memberships, eq(memberships.userId, voucherEntries.userId))
          .where(eq(voucherEntries.campaignId, c.id))
          .orderBy(asc(voucherEntries.id))
      : []
    const drawn = Boolean(c.drawnAt && c.seed)
    // Entry numbers in draw order (version 1 draws were scored over user ids, which stay on the server).
    const winners = drawn
      ? drawOrder(c.seed!, entries, c.drawVersion)
          .filter((e) => e.state === 'won')
          .map((e) => e.entryId)
      : []
    const record: DrawRecord = {
      campaignId: c.id,
      title: c.title,
      totalStock: c.totalStock,
      commitment: c.commitment ?? '',
      seed: drawn ? c.seed : null,
      drawnAt: c.drawnAt ? c.drawnAt.toISOString() : null,
      closesAt: c.closesAt.toISOString(),
      algorithm: c.drawVersion === 1 ? LOTTERY_DRAW_ALGORITHM_V1 : LOTTERY_DRAW_ALGORITHM,
      entries: entries.map((e) => ({ entryId: e.entryId, name: maskName(e.name ?? ''), state: e.state })),
      winners,
    }
    if (drawn) {
      if (this.drawCache.size >= DRAW_CACHE_MAX) this.drawCache.delete(this.drawCache.keys().next().value!)
      this.drawCache.set(campaignId, record)
    }
    return record
  }

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
  private async dueForSettle(cs: VoucherCampaignRow[], now: number): Promise<number[]> {
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
   * Draw a closed lottery (if nobody has) and return unconfirmed wins past their deadline to the waitlist,
   * in one transaction. Safe to call concurrently: the draw is claimed by the conditional UPDATE on drawn_at,
   * and a lapsed voucher by the UPDATE that moves it from 'unused'.
   */
  private async settle(campaignId: number): Promise<{ drawn: boolean; lapsed: number; handedOn: number }> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      // Serialise settles of one campaign (concurrent sweeps would otherwise lock lapsed vouchers in competing
      // orders). NO KEY UPDATE does not block inserts that reference the campaign (their FK takes KEY SHARE).
      await tx.execute(sql`select id from voucher_campaigns where id = ${campaignId} for no key update`)
      const drawn = await this.drawTx(tx, campaignId, now)
      return { drawn, ...(await this.sweepUnconfirmedTx(tx, campaignId, now)) }
    })
  }

  private async drawTx(tx: Tx, campaignId: number, now: number): Promise<boolean> {
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
          link: `/packages/vouchers/campaign/index?id=${c.id}`,
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
  private async sweepUnconfirmedTx(tx: Tx, campaignId: number, now: number): Promise<{ lapsed: number; handedOn: number }> {
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
      if ((await this.releaseUnit(tx, c, v, now)) !== null) handedOn++
    }
    return { lapsed: lapsed.length, handedOn }
  }

  /**
   * A unit came back (return, lapsed win): in the caller's transaction it goes to the first waiting member
   * (FOR UPDATE SKIP LOCKED, so concurrent returns serve distinct waiters; waiters at their limit meanwhile are
   * skipped) who gets a voucher (for the same venue when the stock is split per venue) and a message, or back to
   * its stock row when nobody waits.
   */
  private async releaseUnit(
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

  // ---------- waitlist ----------

  /** Join the waitlist of a sold-out first-come campaign; idempotent (one waiting place per member). */
  async joinWaitlist(user: AuthUser, campaignId: number): Promise<MyWaitlist> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const c = await loadForMember(tx, user.userId, campaignId)
      if (c.mode !== 'first_come') throw Errors.conflict('抽签活动不能手动候补：未中签者已按抽签顺序自动进入候补')
      if (now < c.opensAt.getTime()) throw Errors.conflict(`活动尚未开始，将于 ${chinaTime(c.opensAt.getTime())} 开抢`)
      if (now >= c.closesAt.getTime()) throw Errors.conflict('活动已结束，不能候补')
      const left = (await remainingOf(tx, [c.id])).get(c.id) ?? 0
      if (left > 0) throw Errors.conflict('还有券可领，请直接领取')
      const [q] = await tx
        .select({ used: voucherQuotas.used })
        .from(voucherQuotas)
        .where(and(eq(voucherQuotas.userId, user.userId), eq(voucherQuotas.scope, quotaScope(c, now))))
      if (q && q.used >= c.limitCount) throw Errors.conflict(limitMessage(c))
      await tx.execute(sql`
        insert into voucher_waitlist (campaign_id, user_id, state, created_at)
        values (${c.id}, ${user.userId}, 'waiting', ${new Date(now)})
        on conflict (campaign_id, user_id) where state = 'waiting' do nothing`)
      return (await waitlistOf(tx, user.userId, [c.id])).get(c.id)!
    })
  }

  async leaveWaitlist(user: AuthUser, campaignId: number): Promise<MyWaitlist> {
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
        if (current?.state === 'granted') throw Errors.conflict('候补已成功，券已发到「我的券」，如不需要可在那里退回')
        throw Errors.notFound('您不在候补队列中')
      }
      return current!
    })
  }

  /**
   * First come: the tap joins its campaign's next batch (`ClaimBatcher`, claim.ts), one call of the database
   * function `voucher_claim_batch` (migration 0010) that checks each member, the window and the limit, takes units
   * from the stock shards and inserts the vouchers — atomically, one round trip and one commit for all the taps
   * that arrived together. A retried Idempotency-Key gets the first voucher back: found by the function, or, when
   * the two race, the loser meets the member's used limit (or the key's UNIQUE index) and then the winner's voucher.
   */
  async claim(user: TokenUser, campaignId: number, idempotencyKey: string | null, venueId: number | null = null): Promise<ClaimResult> {
    const now = this.deps.now()
    const code = newVoucherCode()
    // Stock split per venue: the tap joins its venue's batch (the split never changes after creation, so the cached
    // row may decide; the function checks the venue again). Shared stock: the venue is ignored.
    const display = await this.campaignForDisplay(campaignId).catch(() => null)
    const venue = display?.stockByVenue ? venueId : null
    const result = await this.claims.claim(campaignId, { sessionId: user.sessionId, userId: user.userId, key: idempotencyKey, code }, venue)
    if (result.outcome === 'replay' || (result.outcome === 'limit' && idempotencyKey)) {
      // 'limit' too: a retry racing its own first attempt waits on the member's quota row, then finds it used.
      const replay = idempotencyKey ? await this.byIdempotencyKey(this.deps.db, user.userId, idempotencyKey) : null
      if (replay) return replay
    }
    if (result.outcome !== 'ok') throw await this.claimRefusal(result, campaignId, venue)
    const c = display ?? (await this.campaignForDisplay(campaignId))
    const v: VoucherRow = {
      id: result.voucherId,
      campaignId,
      userId: user.userId,
      code,
      shard: result.shard,
      venueId: venue,
      quotaScope: quotaScope(c, now),
      state: 'unused',
      idempotencyKey,
      claimedAt: result.claimedAt,
      validUntil: result.validUntil,
      usedAt: null,
      usedVenueId: null,
      redeemLagSeconds: null,
      redeemedBy: null,
      returnedAt: null,
      source: 'claim',
      confirmBy: null,
      confirmedAt: null,
      returnReason: null,
    }
    return { voucher: toVoucher(v, c, now), replayed: false }
  }

  private async claimRefusal(
    result: Exclude<ClaimOutcome, { outcome: 'ok' }>,
    campaignId: number,
    venueId: number | null,
  ): Promise<AppError> {
    switch (result.outcome) {
      case 'unauthenticated':
        return Errors.invalidSession()
      case 'replay': // the voucher vanished between the function and the lookup (only if deleted): say so plainly
        return Errors.notFound('该券不存在')
      case 'not_found':
        return Errors.notFound('活动不存在')
      case 'not_member':
        return Errors.forbidden('仅限已入会的工会会员参加，请先申请入会')
      case 'not_eligible':
        return Errors.forbidden('本活动仅限特定就业形态的会员参加，您不在范围内')
      case 'lottery':
        return Errors.conflict('本活动为抽签发放，请在活动页报名抽签')
      case 'not_open':
        return Errors.conflict(`活动尚未开始，将于 ${chinaTime(result.opensAt.getTime())} 开抢`)
      case 'closed':
        return Errors.conflict('活动已结束')
      case 'limit':
        return Errors.conflict(limitMessage(await this.campaignForDisplay(campaignId)))
      case 'venue_required':
        return Errors.validation({ venueId: '请选择场馆' }, '本活动按场馆分配，请先选择场馆')
      case 'venue_unknown':
        return Errors.validation({ venueId: '该场馆不在本活动中' })
      case 'sold_out': {
        const c = await this.campaignForDisplay(campaignId)
        const venue = venueId ? c.venues.find((v) => v.id === venueId) : undefined
        if (!venue) return new AppError(409, ErrorCodes.CONFLICT, `已领完：${c.title}的券已被领完，下次早点来`)
        // Split per venue: say where some are still left (read at most once a second per campaign).
        const left = await this.venueLeftForMessage(campaignId)
        const others = c.venues.filter((v) => v.id !== venue.id && (left.get(v.id) ?? 0) > 0)
        const hint = others.length
          ? `，${others.map((v) => `「${v.name}」还剩 ${left.get(v.id)} 张`).join('，')}，可改选其他场馆`
          : '，其他场馆也已领完，下次早点来'
        return new AppError(409, ErrorCodes.CONFLICT, `已领完：「${venue.name}」的券已被领完${hint}`)
      }
    }
  }

  /** Remaining per venue for the sold-out message, cached for a second (a crowd keeps tapping a sold-out venue). */
  private async venueLeftForMessage(campaignId: number): Promise<Map<number, number>> {
    const cached = this.venueLeftCache.get(campaignId)
    if (cached && cached.until > Date.now()) return cached.left
    const left = (await venueRemainingOf(this.deps.db, [campaignId])).get(campaignId) ?? new Map<number, number>()
    if (this.venueLeftCache.size > 500) this.venueLeftCache.clear()
    this.venueLeftCache.set(campaignId, { left, until: Date.now() + 1_000 })
    return left
  }

  /**
   * A campaign row for the claim's reply and messages (title, kind, venues, limit): cached for a moment, because
   * during a flash crowd every claim of the same campaign would read the same row. Rules never read it.
   */
  private async campaignForDisplay(campaignId: number): Promise<CampaignRow> {
    const cached = this.displayCache.get(campaignId)
    if (cached && cached.until > Date.now()) return cached.row
    const [row] = await this.deps.db.select(campaignWithVenues).from(voucherCampaigns).where(eq(voucherCampaigns.id, campaignId))
    if (!row) throw Errors.notFound('活动不存在')
    if (this.displayCache.size > 500) this.displayCache.clear()
    this.displayCache.set(campaignId, { row, until: Date.now() + DISPLAY_CACHE_MS })
    return row
  }

  private async byIdempotencyKey(db: DbOrTx, userId: number, key: string): Promise<ClaimResult | null> {
    const [existing] = await db
      .select({ v: vouchers, c: campaignWithVenues })
      .from(vouchers)
      .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
      .where(and(eq(vouchers.userId, userId), eq(vouchers.idempotencyKey, key)))
    return existing ? { voucher: toVoucher(existing.v, existing.c, this.deps.now()), replayed: true } : null
  }



  async mine(user: AuthUser): Promise<{ items: Voucher[]; serverTime: string }> {
    const now = this.deps.now()
    const read = () =>
      this.deps.db
        .select({ v: vouchers, c: campaignWithVenues })
        .from(vouchers)
        .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
        .where(eq(vouchers.userId, user.userId))
        .orderBy(desc(vouchers.claimedAt), desc(vouchers.id))
    let rows = await read()
    // A lottery win past its confirmation deadline is handed on now (its campaign is settled), then re-read.
    const lapsed = [...new Set(rows.filter((r) => lapsedWin(r.v, now)).map((r) => r.c.id))]
    if (lapsed.length > 0) {
      for (const id of lapsed) await this.settle(id)
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
      const [row] = await tx
        .select({ v: vouchers, c: campaignWithVenues })
        .from(vouchers)
        .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
        .where(and(eq(vouchers.id, voucherId), eq(vouchers.userId, user.userId)))
        .for('update', { of: vouchers })
      if (!row) throw Errors.notFound('券不存在')
      const state = stateOf(row.v, now)
      if (state !== 'unused') throw Errors.conflict(`该券${STATE_TEXT[state]}，不能退回`)
      const [v] = await tx
        .update(vouchers)
        .set({ state: 'returned', returnedAt: new Date(now), returnReason: 'cancelled' })
        .where(eq(vouchers.id, voucherId))
        .returning()
      await giveQuota(tx, user.userId, row.v.quotaScope)
      await this.releaseUnit(tx, row.c, row.v, now)
      return toVoucher(v, row.c, now)
    })
  }

  /** Confirm a lottery win before its deadline (idempotent). */
  async confirm(user: AuthUser, voucherId: number): Promise<Voucher> {
    const now = this.deps.now()
    const result = await this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ v: vouchers, c: campaignWithVenues })
        .from(vouchers)
        .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
        .where(and(eq(vouchers.id, voucherId), eq(vouchers.userId, user.userId)))
        .for('update', { of: vouchers })
      if (!row) throw Errors.notFound('券不存在')
      const { v, c } = row
      if (v.source !== 'lottery' || !v.confirmBy) throw Errors.conflict('该券无需确认')
      if (v.confirmedAt) return { voucher: toVoucher(v, c, now) }
      if (lapsedWin(v, now)) return { lapsed: { campaignId: c.id, confirmBy: v.confirmBy.getTime() } }
      const state = stateOf(v, now)
      if (state !== 'unused') throw Errors.conflict(`该券${STATE_TEXT[state]}，无需确认`)
      const [u] = await tx.update(vouchers).set({ confirmedAt: new Date(now) }).where(eq(vouchers.id, v.id)).returning()
      return { voucher: toVoucher(u, c, now) }
    })
    if ('lapsed' in result && result.lapsed) {
      await this.settle(result.lapsed.campaignId)
      throw Errors.conflict(`已超过确认时限（${chinaTime(result.lapsed.confirmBy)}），券已转给候补会员`)
    }
    return result.voucher!
  }

  // ---------- staff ----------

  /** The registry venues where the caller may redeem (GET /api/vouchers/redeem/venues). */
  async myRedeemVenues(user: AuthUser): Promise<StaffVenue[]> {
    return redeemVenuesOf(this.deps.db, user)
  }

  /** Active registry venues a campaign of this union may list (GET /api/vouchers/manage/venues). */
  async venuesForCampaign(user: AuthUser, orgId: number): Promise<StaffVenue[]> {
    const [org] = await this.deps.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId))
    if (!org) throw Errors.validation({ orgId: '所选工会不存在' })
    authorize(user, 'campaigns.manage', org.path)
    return venuesForCampaignOrg(this.deps.db, org.path)
  }

  /**
   * The registry venues of a redemption request, after the binding check: at a venue its role is not bound to, a
   * venue_staff member is refused (403) before any code is looked at, so the answer says nothing about the codes.
   */
  private async redeemVenues(user: AuthUser, ids: number[]): Promise<Map<number, VenueRegistryRow>> {
    if (ids.some((id) => !redeemsAt(user, id))) throw notBound()
    const rows = await this.deps.db.select().from(venueRegistry).where(inArray(venueRegistry.id, [...new Set(ids)]))
    return new Map(rows.map((r) => [r.id, r]))
  }

  async redeem(user: AuthUser, body: { code: string; venueId: number }): Promise<Redemption> {
    const now = this.deps.now()
    const code = body.code.trim().toUpperCase()
    const at = (await this.redeemVenues(user, [body.venueId])).get(body.venueId)
    if (!at) throw Errors.notFound('核销场馆不存在')
    if (!at.active) throw Errors.conflict(`「${at.name}」已停用，不能核销`)
    return this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ v: vouchers, c: campaignWithVenues, orgPath: orgs.path })
        .from(vouchers)
        .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
        .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
        .where(eq(vouchers.code, code))
        .for('update', { of: vouchers })
      // The campaign's union must be in the staff member's, and (for venue staff) the venue one of theirs.
      if (!row || !can(user, 'vouchers.redeem', { orgPath: row.orgPath, venueId: at.id })) {
        throw Errors.notFound('券码无效，请核对后重试')
      }
      const { v, c } = row
      const venue = c.venues.find((x) => x.id === at.id)
      const state = stateOf(v, now)
      if (state === 'used') {
        const where = c.venues.find((x) => x.id === v.usedVenueId)?.name ?? '未知场馆'
        throw Errors.conflict(`该券已于 ${chinaTime(v.usedAt!.getTime())} 在${where}使用，不能重复核销`)
      }
      if (state === 'returned') throw Errors.conflict(returnedText(v))
      if (state === 'expired') throw Errors.conflict(`该券已过期（有效期至 ${chinaTime(v.validUntil.getTime())}）`)
      if (!venue || !venueAllows(v, venue)) throw Errors.conflict(wrongVenueText(c, v))
      const [used] = await tx
        .update(vouchers)
        .set({
          state: 'used',
          usedAt: new Date(now),
          usedVenueId: venue.id,
          redeemedBy: user.userId,
          // Showing up with an unconfirmed lottery win is confirmation enough.
          confirmedAt: v.confirmedAt ?? (v.confirmBy ? new Date(now) : null),
        })
        .where(and(eq(vouchers.id, v.id), eq(vouchers.state, 'unused')))
        .returning()
      await audit(tx, {
        actorUserId: user.userId,
        action: 'vouchers.redeem',
        subjectType: 'voucher',
        subjectId: v.id,
        detail: { campaignId: c.id, venueId: venue.id },
      })
      return {
        voucherId: used.id,
        code: used.code,
        title: c.title,
        kind: c.kind,
        venue: publicVenue(venue),
        usedAt: new Date(now).toISOString(),
        lagSeconds: null,
      }
    })
  }

  /**
   * The staff phone's offline queue: each scan on its own, in order, idempotent per (staff user, clientId).
   * A code already used — by another staff, or by this phone's own earlier scan of the same code — comes back as
   * already_used with when and where: a double redemption in the offline gap is reported, never accepted. Every
   * venue must be one of the caller's (else 403 for the whole batch). A scan is judged at its device time, which must
   * be credible: no earlier than the phone's last sync (`lastSyncAt`), at most MAX_OFFLINE_MS before arrival, not
   * before the voucher was claimed — otherwise it is refused ('stale'), never clamped into validity.
   */
  async redeemBatch(user: AuthUser, body: { lastSyncAt: string; items: RedeemBatchItem[] }): Promise<RedeemBatchResult[]> {
    const at = await this.redeemVenues(user, body.items.map((i) => i.venueId))
    const lastSync = Date.parse(body.lastSyncAt)
    const out: RedeemBatchResult[] = []
    for (const item of body.items) out.push(await this.redeemOne(user, item, lastSync, at.get(item.venueId) ?? null))
    return out
  }

  private async redeemOne(
    user: AuthUser,
    item: RedeemBatchItem,
    lastSync: number,
    at: VenueRegistryRow | null,
  ): Promise<RedeemBatchResult> {
    const now = this.deps.now()
    const code = item.code.trim().toUpperCase()
    return this.deps.db.transaction(async (tx) => {
      // The request row first: a concurrent resend of the same clientId waits on it, then replays the outcome.
      const [fresh] = await tx
        .insert(voucherRedeemRequests)
        .values({ staffUserId: user.userId, clientId: item.clientId, createdAt: new Date(now) })
        .onConflictDoNothing()
        .returning()
      if (!fresh) {
        const [prev] = await tx
          .select()
          .from(voucherRedeemRequests)
          .where(and(eq(voucherRedeemRequests.staffUserId, user.userId), eq(voucherRedeemRequests.clientId, item.clientId)))
        return { ...(prev.outcome as unknown as RedeemBatchResult), replayed: true }
      }
      const base = {
        clientId: item.clientId,
        code,
        replayed: false,
        redemption: null,
        usedAt: null,
        usedVenue: null,
        usedByMe: null,
      }
      const result = await (async (): Promise<RedeemBatchResult> => {
        const [row] =
          code.length >= 4 && at
            ? await tx
                .select({ v: vouchers, c: campaignWithVenues, orgPath: orgs.path })
                .from(vouchers)
                .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
                .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
                .where(eq(vouchers.code, code))
                .for('update', { of: vouchers })
            : []
        if (!row || !at || !can(user, 'vouchers.redeem', { orgPath: row.orgPath, venueId: at.id })) {
          return { ...base, outcome: 'not_found', message: '券码无效，请核对后重试' }
        }
        const { v, c } = row
        if (v.state === 'used') {
          const found = c.venues.find((x) => x.id === v.usedVenueId)
          const usedVenue = found ? publicVenue(found) : null
          const usedByMe = v.redeemedBy === user.userId
          return {
            ...base,
            outcome: 'already_used',
            message: `该券已于 ${chinaTime(v.usedAt!.getTime())} 在${usedVenue?.name ?? '未知场馆'}使用（${
              usedByMe ? '本账号此前已核销过' : '由其他核销员核销'
            }），本次未核销`,
            usedAt: v.usedAt!.toISOString(),
            usedVenue,
            usedByMe,
          }
        }
        const scannedAt = Date.parse(item.scannedAt)
        const when = chinaTime(scannedAt)
        if (scannedAt < now - MAX_OFFLINE_MS) {
          return { ...base, outcome: 'stale', message: `扫码时间 ${when} 距今已超过 24 小时，离线核销不予受理，请会员重新出示券码` }
        }
        if (scannedAt < lastSync) {
          return {
            ...base,
            outcome: 'stale',
            message: `扫码时间 ${when} 早于本机上次同步时间 ${chinaTime(lastSync)}，记录不可信，本次未核销`,
          }
        }
        // A device clock running ahead is read as now.
        const scanned = Math.min(now, scannedAt)
        if (v.claimedAt.getTime() > scanned) {
          return { ...base, outcome: 'stale', message: `扫码时间 ${when} 早于该券的领取时间，记录不可信，本次未核销` }
        }
        const state = stateOf(v, scanned)
        if (state === 'returned') return { ...base, outcome: 'not_found', message: returnedText(v) }
        if (state === 'expired') {
          return {
            ...base,
            outcome: 'expired',
            message: `该券在扫码时（${when}）已过期（有效期至 ${chinaTime(v.validUntil.getTime())}）`,
          }
        }
        if (!at.active) return { ...base, outcome: 'wrong_venue', message: `「${at.name}」已停用，不能核销` }
        const venue = c.venues.find((x) => x.id === at.id)
        if (!venue || !venueAllows(v, venue)) return { ...base, outcome: 'wrong_venue', message: wrongVenueText(c, v) }
        const lagSeconds = Math.max(0, Math.round((now - scanned) / 1000))
        await tx
          .update(vouchers)
          .set({
            state: 'used',
            usedAt: new Date(scanned),
            usedVenueId: venue.id,
            redeemLagSeconds: lagSeconds,
            redeemedBy: user.userId,
            confirmedAt: v.confirmedAt ?? (v.confirmBy ? new Date(scanned) : null),
          })
          .where(and(eq(vouchers.id, v.id), eq(vouchers.state, 'unused')))
        await audit(tx, {
          actorUserId: user.userId,
          action: 'vouchers.redeem',
          subjectType: 'voucher',
          subjectId: v.id,
          detail: { campaignId: c.id, venueId: venue.id, clientId: item.clientId, scannedAt: item.scannedAt, lagSeconds, offline: true },
        })
        return {
          ...base,
          outcome: 'redeemed',
          message: `核销成功：${c.title}`,
          redemption: {
            voucherId: v.id,
            code: v.code,
            title: c.title,
            kind: c.kind,
            venue: publicVenue(venue),
            usedAt: new Date(scanned).toISOString(),
            lagSeconds,
          },
        }
      })()
      await tx
        .update(voucherRedeemRequests)
        .set({ outcome: result as unknown as Record<string, unknown> })
        .where(and(eq(voucherRedeemRequests.staffUserId, user.userId), eq(voucherRedeemRequests.clientId, item.clientId)))
      return result
    })
  }

  async createCampaign(user: AuthUser, input: ReturnType<typeof CampaignInputSchema.parse>): Promise<Campaign> {
    return this.deps.db.transaction(async (tx) => {
      const [org] = await tx.select().from(orgs).where(eq(orgs.id, input.orgId))
      if (!org) throw Errors.validation({ orgId: '所选工会不存在' })
      authorize(user, 'campaigns.manage', org.path)
      if (input.mode === 'lottery' && Date.parse(input.opensAt) <= this.deps.now()) {
        // The commitment must be public before entries open.
        throw Errors.validation({ opensAt: '抽签活动的报名开始时间须晚于现在，以便先公布抽签承诺值' })
      }
      const row = await insertCampaign(tx, input, user.userId)
      await audit(tx, {
        actorUserId: user.userId,
        action: 'campaigns.create',
        subjectType: 'voucher_campaign',
        subjectId: row.id,
        detail: { kind: row.kind, mode: row.mode, totalStock: row.totalStock, orgId: row.orgId, commitment: row.commitment },
      })
      const venueLeft = new Map(row.venues.map((v) => [v.id, v.stock ?? 0]))
      return toCampaign(row, org.name, row.totalStock, this.deps.now(), { entries: 0, waitlist: 0, venueLeft })
    })
  }

  async listManaged(user: AuthUser): Promise<Campaign[]> {
    const scopes = scopesFor(user, 'campaigns.manage')
    if (scopes.length === 0) return []
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const rows = await tx
        .select({ c: campaignWithVenues, orgName: orgs.name })
        .from(voucherCampaigns)
        .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
        .where(or(...scopes.map((p) => like(orgs.path, `${p}%`))))
        .orderBy(desc(voucherCampaigns.opensAt), desc(voucherCampaigns.id))
      const ids = rows.map((r) => r.c.id)
      const left = await remainingOf(tx, ids)
      const extra = await extrasOf(tx, ids)
      await addVenueLeft(tx, extra, rows.map((r) => r.c))
      return rows.map((r) => toCampaign(r.c, r.orgName, left.get(r.c.id) ?? 0, now, extra.get(r.c.id)))
    })
  }

  /**
   * A campaign's figures and its export are for its managers (`campaigns.manage` over its union). Redeeming staff of
   * the union are told so (403): a venue's staff never see every holder and code; anyone else gets 404.
   */
  private async managedCampaign(user: AuthUser, campaignId: number) {
    const [row] = await this.deps.db
      .select({ c: campaignWithVenues, orgPath: orgs.path })
      .from(voucherCampaigns)
      .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
      .where(eq(voucherCampaigns.id, campaignId))
    if (row && can(user, 'campaigns.manage', row.orgPath)) return row
    if (row && scopesFor(user, 'vouchers.redeem').some((p) => inSubtree(p, row.orgPath))) {
      throw managersOnly()
    }
    throw Errors.notFound('活动不存在')
  }

  async stats(user: AuthUser, campaignId: number): Promise<CampaignStats> {
    const now = this.deps.now()
    const first = await this.managedCampaign(user, campaignId)
    if ((await this.dueForSettle([first.c], now)).length > 0) await this.settle(campaignId)
    return this.deps.db.transaction(async (tx) => {
      const [c] = await tx.select(campaignWithVenues).from(voucherCampaigns).where(eq(voucherCampaigns.id, campaignId))
      const left = await remainingOf(tx, [campaignId])
      const [counts] = rowsOf<{ claims: number; unused: number; used: number; returned: number; expired: number }>(
        await tx.execute(sql`
          select count(*)::int as claims,
                 (count(*) filter (where state = 'unused' and valid_until > ${new Date(now)}))::int as unused,
                 (count(*) filter (where state = 'used'))::int as used,
                 (count(*) filter (where state = 'returned'))::int as returned,
                 (count(*) filter (where state = 'unused' and valid_until <= ${new Date(now)}))::int as expired
          from vouchers where campaign_id = ${campaignId}`),
      )
      const extra = (await extrasOf(tx, [campaignId])).get(campaignId)
      const venueLeft = c.stockByVenue ? (await venueRemainingOf(tx, [campaignId])).get(campaignId) : undefined
      const byVenue = await tx
        .select({ venueId: vouchers.usedVenueId, n: count() })
        .from(vouchers)
        .where(and(eq(vouchers.campaignId, campaignId), eq(vouchers.state, 'used')))
        .groupBy(vouchers.usedVenueId)
      return {
        campaignId,
        totalStock: c.totalStock,
        remaining: left.get(campaignId) ?? 0,
        claims: counts.claims,
        unused: counts.unused,
        redemptions: counts.used,
        returned: counts.returned,
        expired: counts.expired,
        serverTime: new Date(now).toISOString(),
        waitlist: extra?.waitlist ?? 0,
        entries: extra?.entries ?? 0,
        drawnAt: c.drawnAt ? c.drawnAt.toISOString() : null,
        perVenue: c.venues.map((v) => ({
          venueId: v.id,
          venueName: v.name,
          redemptions: Number(byVenue.find((b) => b.venueId === v.id)?.n ?? 0),
          stock: c.stockByVenue ? (v.stock ?? 0) : null,
          remaining: c.stockByVenue ? (venueLeft?.get(v.id) ?? 0) : null,
        })),
      }
    })
  }

  /**
   * The campaign's vouchers as CSV (UTF-8 with BOM for Excel), times in Asia/Shanghai, holders' names masked and codes
   * masked (an export is a report, never a way to spend vouchers).
   */
  async exportCsv(user: AuthUser, campaignId: number): Promise<{ filename: string; csv: string }> {
    const now = this.deps.now()
    const { c } = await this.managedCampaign(user, campaignId)
    return this.deps.db.transaction(async (tx) => {
      const rows = await tx
        .select({ v: vouchers, name: memberships.name })
        .from(vouchers)
        .leftJoin(memberships, eq(memberships.userId, vouchers.userId))
        .where(eq(vouchers.campaignId, campaignId))
        .orderBy(asc(vouchers.id))
      const lines = [['券码', '领取人', '状态', '领取时间', '使用时间', '使用场馆']]
      for (const { v, name } of rows) {
        lines.push([
          maskCode(v.code),
          maskName(name ?? ''),
          VOUCHER_STATES[stateOf(v, now)],
          chinaTime(v.claimedAt.getTime()),
          v.usedAt ? chinaTime(v.usedAt.getTime()) : '',
          c.venues.find((x) => x.id === v.usedVenueId)?.name ?? '',
        ])
      }
      await audit(tx, {
        actorUserId: user.userId,
        action: 'vouchers.export',
        subjectType: 'voucher_campaign',
        subjectId: campaignId,
        detail: { rows: rows.length },
      })
      const csv = '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n'
      return { filename: `${c.title}-券码-${chinaDay(now)}.csv`, csv }
    })
  }

  // ---------- helpers ----------

  private async memberOrgPath(tx: DbOrTx, userId: number): Promise<string | null> {
    const [m] = await tx
      .select({ path: orgs.path })
      .from(memberships)
      .innerJoin(orgs, eq(orgs.id, memberships.orgId))
      .where(eq(memberships.userId, userId))
    return m?.path ?? null
  }

  private async memberViews(
    tx: Tx,
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

/**
 * The campaign and the caller's membership in one round trip, with the member checks every member action
 * shares: a member of the campaign's subtree, of an eligible employment type.
 */
async function loadForMember(tx: Tx, userId: number, campaignId: number): Promise<VoucherCampaignRow> {
  const [row] = await tx
    .select({
      c: voucherCampaigns,
      orgPath: orgs.path,
      employmentType: memberships.employmentType,
      memberOrgPath: memberOrgs.path,
    })
    .from(voucherCampaigns)
    .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
    .leftJoin(memberships, eq(memberships.userId, userId))
    .leftJoin(memberOrgs, eq(memberOrgs.id, memberships.orgId))
    .where(eq(voucherCampaigns.id, campaignId))
  if (!row) throw Errors.notFound('活动不存在')
  const c = row.c
  const member = row.employmentType && row.memberOrgPath ? { employmentType: row.employmentType, orgPath: row.memberOrgPath } : null
  if (!member) throw Errors.forbidden('仅限已入会的工会会员参加，请先申请入会')
  if (!inSubtree(row.orgPath, member.orgPath)) throw Errors.notFound('活动不存在')
  if (c.eligibleEmploymentTypes && !c.eligibleEmploymentTypes.includes(member.employmentType)) {
    throw Errors.forbidden('本活动仅限特定就业形态的会员参加，您不在范围内')
  }
  return c
}

/** Takes one unit of the member's limit (false: limit reached). The row lock serialises one member's actions. */
async function takeQuota(tx: Tx, userId: number, scope: string, limit: number): Promise<boolean> {
  const rows = rowsOf<{ used: number }>(
    await tx.execute(sql`
      insert into voucher_quotas (user_id, scope, used) values (${userId}, ${scope}, 1)
      on conflict (user_id, scope) do update set used = voucher_quotas.used + 1
        where voucher_quotas.used < ${limit}
      returning used`),
  )
  return rows.length > 0
}

async function giveQuota(tx: Tx, userId: number, scope: string): Promise<void> {
  await tx.execute(sql`update voucher_quotas set used = used - 1
    where user_id = ${userId} and scope = ${scope} and used > 0`)
}

/** A PostgreSQL array literal parameter, e.g. intArray([1, 2]) → '{1,2}'::int[]. */
const intArray = (xs: number[]) => sql`${`{${xs.map((x) => Math.trunc(x)).join(',')}}`}::int[]`
const textArray = (xs: string[]) => sql`${`{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`

function chunks<T>(xs: T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}

/** A voucher code as reports show it: the first 4 and last 2 characters, e.g. ABCD******XY (unusable at a venue). */
export function maskCode(code: string): string {
  if (code.length <= 6) return '*'.repeat(code.length)
  return `${code.slice(0, 4)}${'*'.repeat(code.length - 6)}${code.slice(-2)}`
}

/** 李小梅 → 李*梅, 李梅 → 李*, 欧阳小梅 → 欧**梅. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.join('') || '—'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** A CSV cell: quoted when needed, and formula-looking text defused for Excel. */
function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

/** A lottery win still unused and unconfirmed at its confirm_by (to be handed on by a settle). */
function lapsedWinAt(at: Date) {
  return and(eq(vouchers.state, 'unused'), isNull(vouchers.confirmedAt), lte(vouchers.confirmBy, at))
}

/**
 * Lottery campaigns that may need the draw (closed, undrawn) or the unconfirmed-wins sweep (past the deadline);
 * `dueForSettle` narrows the latter to those that still hold such a win.
 */
function needsSettle(c: VoucherCampaignRow, now: number): boolean {
  if (c.mode !== 'lottery') return false
  if (!c.drawnAt) return now >= c.closesAt.getTime()
  return now >= c.drawnAt.getTime() + c.confirmHours * HOUR_MS
}

async function remainingOf(tx: Tx, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map()
  const rows = await tx
    .select({ id: voucherStock.campaignId, left: sum(voucherStock.remaining).mapWith(Number) })
    .from(voucherStock)
    .where(inArray(voucherStock.campaignId, ids))
    .groupBy(voucherStock.campaignId)
  return new Map(rows.map((r) => [r.id, r.left]))
}

/** Stock split per venue: what is left per venue (campaign id → venue id → remaining); shared stock has no entry. */
async function venueRemainingOf(tx: DbOrTx, ids: number[]): Promise<Map<number, Map<number, number>>> {
  const out = new Map<number, Map<number, number>>()
  if (ids.length === 0) return out
  const rows = await tx
    .select({ id: voucherStock.campaignId, venueId: voucherStock.venueId, left: sum(voucherStock.remaining).mapWith(Number) })
    .from(voucherStock)
    .where(and(inArray(voucherStock.campaignId, ids), isNotNull(voucherStock.venueId)))
    .groupBy(voucherStock.campaignId, voucherStock.venueId)
  for (const r of rows) {
    if (!out.has(r.id)) out.set(r.id, new Map())
    out.get(r.id)!.set(r.venueId!, r.left)
  }
  return out
}

/** Adds each split campaign's remaining per venue to its Extras. */
async function addVenueLeft(tx: Tx, extras: Map<number, Extras>, cs: VoucherCampaignRow[]): Promise<void> {
  const split = cs.filter((c) => c.stockByVenue).map((c) => c.id)
  if (split.length === 0) return
  const left = await venueRemainingOf(tx, split)
  for (const id of split) {
    const e = extras.get(id) ?? { entries: 0, waitlist: 0 }
    e.venueLeft = left.get(id) ?? new Map()
    extras.set(id, e)
  }
}

/** Campaign.venueStock: each venue's allotment and what is left, or null when the stock is shared. */
function venueStockOf(c: CampaignRow, left: Map<number, number> | undefined): VenueStock[] | null {
  if (!c.stockByVenue) return null
  return c.venues.map((v) => ({ venueId: v.id, stock: v.stock ?? 0, remaining: left?.get(v.id) ?? 0 }))
}

interface Extras {
  entries: number
  waitlist: number
  /** Stock split per venue: remaining per venue id. */
  venueLeft?: Map<number, number>
}

/** Lottery entry counts and waitlist lengths per campaign. */
async function extrasOf(tx: Tx, ids: number[]): Promise<Map<number, Extras>> {
  const out = new Map<number, Extras>(ids.map((id) => [id, { entries: 0, waitlist: 0 }]))
  if (ids.length === 0) return out
  const waiting = await tx
    .select({ id: voucherWaitlist.campaignId, n: count() })
    .from(voucherWaitlist)
    .where(and(inArray(voucherWaitlist.campaignId, ids), eq(voucherWaitlist.state, 'waiting')))
    .groupBy(voucherWaitlist.campaignId)
  const entered = await tx
    .select({ id: voucherEntries.campaignId, n: count() })
    .from(voucherEntries)
    .where(inArray(voucherEntries.campaignId, ids))
    .groupBy(voucherEntries.campaignId)
  for (const w of waiting) out.get(w.id)!.waitlist = Number(w.n)
  for (const e of entered) out.get(e.id)!.entries = Number(e.n)
  return out
}

/** The member's latest waitlist row per campaign, with the place in line (members still waiting ahead + 1). */
async function waitlistOf(tx: Tx, userId: number, ids: number[]): Promise<Map<number, MyWaitlist>> {
  const out = new Map<number, MyWaitlist>()
  if (ids.length === 0) return out
  const rows = await tx
    .select({
      w: voucherWaitlist,
      // Qualified by hand: drizzle renders a single-table select's columns unqualified, which the subquery would
      // resolve against x.
      position: sql<number>`(select count(*)::int from voucher_waitlist x
        where x.campaign_id = "voucher_waitlist"."campaign_id" and x.state = 'waiting' and x.id <= "voucher_waitlist"."id")`,
      length: sql<number>`(select count(*)::int from voucher_waitlist x
        where x.campaign_id = "voucher_waitlist"."campaign_id" and x.state = 'waiting')`,
    })
    .from(voucherWaitlist)
    .where(and(eq(voucherWaitlist.userId, userId), inArray(voucherWaitlist.campaignId, ids)))
    .orderBy(desc(voucherWaitlist.id))
  for (const r of rows) {
    if (out.has(r.w.campaignId)) continue
    out.set(r.w.campaignId, {
      campaignId: r.w.campaignId,
      state: r.w.state,
      position: r.w.state === 'waiting' ? Number(r.position) : null,
      length: Number(r.length),
      joinedAt: r.w.createdAt.toISOString(),
    })
  }
  return out
}

function entryView(
  e: VoucherEntryRow,
  c: VoucherCampaignRow,
  entries: number,
  wait: MyWaitlist | null,
  lapsed: boolean | null,
): MyEntry {
  const odds = `${entries} 人报名 ${c.totalStock} 张券`
  let reason: string | null = null
  if (e.state === 'won') {
    reason = lapsed ? `中签（${odds}），但未在时限内确认，券已转给候补会员` : `中签：${odds}，请在「我的券」确认`
  } else if (e.state === 'lost') {
    reason = `未中签：${odds}，按公开种子抽签，可在开奖记录中核对`
    if (wait?.state === 'waiting') reason += `；您在候补第 ${wait.position} 位，有人放弃时自动补发给您`
    else if (wait?.state === 'granted') reason += '；候补成功，券已发到「我的券」'
    else if (wait?.state === 'left') reason += '；您已退出候补'
    else if (wait?.state === 'skipped') reason += '；轮到您候补时您已达领取上限，已跳过'
  }
  return { entryId: e.id, state: e.state, enteredAt: e.createdAt.toISOString(), reason }
}

/** A lottery win not confirmed by its deadline (handed on by the next settle). */
function lapsedWin(v: VoucherRow, now: number): boolean {
  return v.state === 'unused' && !!v.confirmBy && !v.confirmedAt && v.confirmBy.getTime() <= now
}

function returnedText(v: VoucherRow): string {
  return v.returnReason === 'unconfirmed' || (v.state === 'unused' && v.confirmBy)
    ? '该券中签后未按时确认，已失效，不能核销'
    : '该券已被会员退回，不能核销'
}

const STATE_TEXT: Record<VoucherState, string> = { unused: '未使用', used: '已使用', expired: '已过期', returned: '已退回' }

function stateOf(v: VoucherRow, now: number): VoucherState {
  if (lapsedWin(v, now)) return 'returned'
  if (v.state === 'unused' && v.validUntil.getTime() <= now) return 'expired'
  return v.state
}

function phaseOf(c: VoucherCampaignRow, remaining: number, now: number): CampaignPhase {
  if (now >= c.closesAt.getTime()) return 'closed'
  if (now < c.opensAt.getTime()) return 'upcoming'
  return remaining > 0 ? 'open' : 'sold_out'
}

function toCampaign(
  c: CampaignRow,
  orgName: string,
  remaining: number,
  now: number,
  extra: Extras = { entries: 0, waitlist: 0 },
): Campaign {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    rules: c.rules,
    orgId: c.orgId,
    orgName,
    venues: c.venues.map(publicVenue),
    totalStock: c.totalStock,
    remaining,
    venueStock: venueStockOf(c, extra.venueLeft),
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    voucherValidDays: c.voucherValidDays,
    mode: c.mode,
    perMemberLimit: { count: c.limitCount, period: c.limitPeriod },
    eligibleEmploymentTypes: (c.eligibleEmploymentTypes as Campaign['eligibleEmploymentTypes']) ?? null,
    phase: phaseOf(c, remaining, now),
    lottery:
      c.mode === 'lottery' && c.commitment
        ? {
            commitment: c.commitment,
            seed: c.drawnAt ? c.seed : null,
            drawnAt: c.drawnAt ? c.drawnAt.toISOString() : null,
            entries: extra.entries,
            confirmHours: c.confirmHours,
          }
        : null,
    waitlistLength: extra.waitlist,
  }
}

/** A lottery win still awaiting confirmation: its deadline. */
function confirmByOf(v: VoucherRow, now: number): string | null {
  return v.confirmBy && !v.confirmedAt && v.state === 'unused' && !lapsedWin(v, now) && v.validUntil.getTime() > now
    ? v.confirmBy.toISOString()
    : null
}

/** A venue as members see it (the per-venue allotment is in Campaign.venueStock). */
function publicVenue(v: VenueRecord): Venue {
  return { id: v.id, name: v.name, address: v.address, lat: v.lat, lng: v.lng }
}

function toVoucher(v: VoucherRow, c: CampaignRow, now: number): Voucher {
  const venue = (id: number | null): Venue | null => {
    const found = c.venues.find((x) => x.id === id)
    return found ? publicVenue(found) : null
  }
  return {
    id: v.id,
    campaignId: c.id,
    kind: c.kind,
    title: c.title,
    code: v.code,
    state: stateOf(v, now),
    venues: v.venueId ? [venue(v.venueId)].filter((x): x is Venue => x !== null) : c.venues.map(publicVenue),
    venueId: v.venueId ?? null,
    claimedAt: v.claimedAt.toISOString(),
    validUntil: v.validUntil.toISOString(),
    usedAt: v.usedAt ? v.usedAt.toISOString() : null,
    usedVenue: venue(v.usedVenueId),
    source: v.source,
    confirmBy: confirmByOf(v, now),
    returnedAt: v.returnedAt ? v.returnedAt.toISOString() : v.confirmBy && lapsedWin(v, now) ? v.confirmBy.toISOString() : null,
    returnReason: v.returnReason ?? (lapsedWin(v, now) ? 'unconfirmed' : null),
  }
}

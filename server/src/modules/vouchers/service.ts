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
 */
import { randomInt } from 'node:crypto'
import { alias } from 'drizzle-orm/pg-core'
import { and, desc, eq, inArray, like, or, sql, sum } from 'drizzle-orm'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import type {
  Campaign,
  CampaignStats,
  ClaimResult,
  MemberCampaign,
  Redemption,
  Voucher,
} from '@contract/vouchers/schemas'
import { type CampaignInput as CampaignInputSchema } from '@contract/vouchers/schemas'
import { CAMPAIGN_KINDS, type CampaignPhase, type VoucherState } from '@contract/vouchers/labels'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx, Tx } from '../../db'
import {
  memberships,
  orgs,
  voucherCampaigns,
  voucherStock,
  vouchers,
  type VenueRecord,
  type VoucherCampaignRow,
  type VoucherRow,
} from '../../db/schema'
import { audit } from '../../audit'
import { authorize, can, inSubtree, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { AppError, Errors } from '../../errors'
import { ErrorCodes } from '@contract/errors'

dayjs.extend(utc)

const memberOrgs = alias(orgs, 'member_orgs')

export const MAX_SHARDS = 32
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const DAY_MS = 86_400_000

/** Chinese wall-clock time, e.g. 2026-11-23 10:00. */
export const chinaTime = (ms: number) => dayjs(ms).utcOffset(480).format('YYYY-MM-DD HH:mm')
const chinaMonth = (ms: number) => dayjs(ms).utcOffset(480).format('YYYY-MM')

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

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === '23505') return true
  }
  return false
}

function quotaScope(c: VoucherCampaignRow, nowMs: number): string {
  return c.limitPeriod === 'calendar_month' ? `${c.kind}:${chinaMonth(nowMs)}` : `c:${c.id}`
}

function limitMessage(c: VoucherCampaignRow): string {
  const kind = CAMPAIGN_KINDS[c.kind]
  if (c.limitPeriod === 'calendar_month') {
    return c.limitCount === 1 ? `本月已领取过${kind}券` : `本月${kind}券已领满 ${c.limitCount} 张`
  }
  return c.limitCount === 1 ? '您已领取过本活动的券' : `本活动每人限领 ${c.limitCount} 张，您已领满`
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
): Promise<VoucherCampaignRow> {
  const shards = Math.max(1, Math.min(options.shards ?? MAX_SHARDS, input.totalStock))
  const [row] = await tx
    .insert(voucherCampaigns)
    .values({
      kind: input.kind,
      title: input.title,
      rules: input.rules,
      orgId: input.orgId,
      venues: input.venues.map((v, i) => ({ id: i + 1, ...v })),
      totalStock: input.totalStock,
      shards,
      opensAt: new Date(input.opensAt),
      closesAt: new Date(input.closesAt),
      voucherValidDays: input.voucherValidDays,
      mode: input.mode,
      limitCount: input.perMemberLimit.count,
      limitPeriod: input.perMemberLimit.period,
      eligibleEmploymentTypes: input.eligibleEmploymentTypes,
      createdBy,
    })
    .returning()
  await tx
    .insert(voucherStock)
    .values(shardSizes(input.totalStock, shards).map((remaining, shard) => ({ campaignId: row.id, shard, remaining })))
  return row
}

export class VoucherService {
  constructor(private readonly deps: AppDeps) {}

  // ---------- members ----------

  async list(user: AuthUser): Promise<{ items: MemberCampaign[]; serverTime: string }> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const path = await this.memberOrgPath(tx, user.userId)
      // Campaigns whose union is the member's union or one of its ancestors; staff without a membership see none.
      const ancestorIds = path ? path.split('/').filter(Boolean).map(Number) : []
      if (ancestorIds.length === 0) return { items: [], serverTime: new Date(now).toISOString() }
      const rows = await tx
        .select({ c: voucherCampaigns, orgName: orgs.name })
        .from(voucherCampaigns)
        .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
        .where(and(inArray(voucherCampaigns.orgId, ancestorIds), sql`${voucherCampaigns.closesAt} > ${new Date(now)}`))
        .orderBy(voucherCampaigns.opensAt, voucherCampaigns.id)
      const items = await this.memberViews(tx, user.userId, rows, now)
      return { items, serverTime: new Date(now).toISOString() }
    })
  }

  async detail(user: AuthUser, campaignId: number): Promise<{ campaign: MemberCampaign; serverTime: string }> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ c: voucherCampaigns, orgName: orgs.name, orgPath: orgs.path })
        .from(voucherCampaigns)
        .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
        .where(eq(voucherCampaigns.id, campaignId))
      const path = await this.memberOrgPath(tx, user.userId)
      const visible = row && ((path && inSubtree(row.orgPath, path)) || can(user, 'campaigns.manage', row.orgPath))
      if (!visible) throw Errors.notFound('活动不存在')
      const [campaign] = await this.memberViews(tx, user.userId, [row], now)
      return { campaign, serverTime: new Date(now).toISOString() }
    })
  }

  /**
   * One claim, one transaction: eligibility → per-member limit (voucher_quotas) → one unit from a shard +
   * the voucher insert in one statement. A retry with the same idempotency key returns the first voucher,
   * also when the two race (the loser hits the UNIQUE index or the limit, then finds the winner's voucher).
   */
  async claim(user: AuthUser, campaignId: number, idempotencyKey: string | null): Promise<ClaimResult> {
    try {
      return await this.deps.db.transaction((tx) => this.claimTx(tx, user.userId, campaignId, idempotencyKey))
    } catch (err) {
      if (idempotencyKey && (isUniqueViolation(err) || err instanceof AppError)) {
        const replay = await this.byIdempotencyKey(this.deps.db, user.userId, idempotencyKey)
        if (replay) return replay
      }
      throw err
    }
  }

  private async byIdempotencyKey(db: DbOrTx, userId: number, key: string): Promise<ClaimResult | null> {
    const [existing] = await db
      .select({ v: vouchers, c: voucherCampaigns })
      .from(vouchers)
      .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
      .where(and(eq(vouchers.userId, userId), eq(vouchers.idempotencyKey, key)))
    return existing ? { voucher: toVoucher(existing.v, existing.c, this.deps.now()), replayed: true } : null
  }

  private async claimTx(tx: Tx, userId: number, campaignId: number, key: string | null): Promise<ClaimResult> {
    const now = this.deps.now()
    // A retried key is not looked up first: its second insert hits UNIQUE (user_id, idempotency_key) or the
    // limit, and `claim` then returns the first voucher. That keeps the first attempt at five round trips.
    // Campaign + the member's membership in one round trip.
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
    if (!member) throw Errors.forbidden('仅限已入会的工会会员领取，请先申请入会')
    if (!inSubtree(row.orgPath, member.orgPath)) throw Errors.notFound('活动不存在')
    if (c.eligibleEmploymentTypes && !c.eligibleEmploymentTypes.includes(member.employmentType)) {
      throw Errors.forbidden('本活动仅限特定就业形态的会员领取，您不在领取范围内')
    }
    if (c.mode !== 'first_come') throw Errors.conflict('本活动为抽签发放，暂未开放报名')
    if (now < c.opensAt.getTime()) throw Errors.conflict(`活动尚未开始，将于 ${chinaTime(c.opensAt.getTime())} 开抢`)
    if (now >= c.closesAt.getTime()) throw Errors.conflict('活动已结束')

    const scope = quotaScope(c, now)
    const quota = rowsOf<{ used: number }>(
      await tx.execute(sql`
        insert into voucher_quotas (user_id, scope, used) values (${userId}, ${scope}, 1)
        on conflict (user_id, scope) do update set used = voucher_quotas.used + 1
          where voucher_quotas.used < ${c.limitCount}
        returning used`),
    )
    if (quota.length === 0) throw Errors.conflict(limitMessage(c))

    const claimedAt = new Date(now)
    const validUntil = new Date(Math.min(now + c.voucherValidDays * DAY_MS, Number.MAX_SAFE_INTEGER))
    const insertFrom = (stockUpdate: ReturnType<typeof sql>) => sql`
      with s as (${stockUpdate})
      insert into vouchers (campaign_id, user_id, code, shard, quota_scope, idempotency_key, claimed_at, valid_until)
      select ${c.id}, ${userId}, ${newVoucherCode()}, s.shard, ${scope}, ${key}, ${claimedAt}, ${validUntil} from s
      returning id, code, shard`
    // 1) a random shard (blocking if another claim holds it); with one shard this is the classic single-row update.
    const first = randomInt(c.shards)
    let inserted = rowsOf<{ id: number; code: string; shard: number }>(
      await tx.execute(
        insertFrom(sql`update voucher_stock set remaining = remaining - 1
          where campaign_id = ${c.id} and shard = ${first} and remaining > 0 returning shard`),
      ),
    )
    // 2) that shard was empty (or emptied while we waited): another non-empty shard, starting at a random one.
    //    No row is locked by a failed attempt, so a claim holds at most one stock row, only after taking its unit,
    //    and claims cannot deadlock on stock.
    for (let attempt = 0; inserted.length === 0 && attempt < 8; attempt++) {
      const offset = randomInt(c.shards)
      inserted = rowsOf<{ id: number; code: string; shard: number }>(
        await tx.execute(
          insertFrom(sql`update voucher_stock set remaining = remaining - 1
            where campaign_id = ${c.id} and remaining > 0 and shard = (
              select shard from voucher_stock where campaign_id = ${c.id} and remaining > 0
              order by (shard + ${offset}) % ${c.shards} limit 1)
            returning shard`),
        ),
      )
      if (inserted.length === 0) {
        const [{ left }] = await tx
          .select({ left: sum(voucherStock.remaining).mapWith(Number) })
          .from(voucherStock)
          .where(eq(voucherStock.campaignId, c.id))
        if (!left) break
      }
    }
    if (inserted.length === 0) throw new AppError(409, ErrorCodes.CONFLICT, `已领完：${c.title}的券已被领完，下次早点来`)
    const v: VoucherRow = {
      id: inserted[0].id,
      campaignId: c.id,
      userId,
      code: inserted[0].code,
      shard: inserted[0].shard,
      quotaScope: scope,
      state: 'unused',
      idempotencyKey: key,
      claimedAt,
      validUntil,
      usedAt: null,
      usedVenueId: null,
      redeemedBy: null,
      returnedAt: null,
      source: 'claim',
      confirmBy: null,
      confirmedAt: null,
      returnReason: null,
    }
    return { voucher: toVoucher(v, c, now), replayed: false }
  }

  async mine(user: AuthUser): Promise<{ items: Voucher[]; serverTime: string }> {
    const now = this.deps.now()
    const rows = await this.deps.db
      .select({ v: vouchers, c: voucherCampaigns })
      .from(vouchers)
      .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
      .where(eq(vouchers.userId, user.userId))
      .orderBy(desc(vouchers.claimedAt), desc(vouchers.id))
    return { items: rows.map((r) => toVoucher(r.v, r.c, now)), serverTime: new Date(now).toISOString() }
  }

  /** Return an unused, unexpired voucher: its unit goes back to its shard and the member's limit is given back. */
  async cancel(user: AuthUser, voucherId: number): Promise<Voucher> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ v: vouchers, c: voucherCampaigns })
        .from(vouchers)
        .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
        .where(and(eq(vouchers.id, voucherId), eq(vouchers.userId, user.userId)))
        .for('update', { of: vouchers })
      if (!row) throw Errors.notFound('券不存在')
      const state = stateOf(row.v, now)
      if (state !== 'unused') throw Errors.conflict(`该券${STATE_TEXT[state]}，不能退回`)
      const [v] = await tx
        .update(vouchers)
        .set({ state: 'returned', returnedAt: new Date(now) })
        .where(eq(vouchers.id, voucherId))
        .returning()
      await tx.execute(sql`update voucher_stock set remaining = remaining + 1
        where campaign_id = ${row.c.id} and shard = ${row.v.shard}`)
      await tx.execute(sql`update voucher_quotas set used = used - 1
        where user_id = ${user.userId} and scope = ${row.v.quotaScope} and used > 0`)
      return toVoucher(v, row.c, now)
    })
  }

  // ---------- staff ----------

  async redeem(user: AuthUser, body: { code: string; venueId: number }): Promise<Redemption> {
    const now = this.deps.now()
    const code = body.code.trim().toUpperCase()
    return this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ v: vouchers, c: voucherCampaigns, orgPath: orgs.path })
        .from(vouchers)
        .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
        .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
        .where(eq(vouchers.code, code))
        .for('update', { of: vouchers })
      if (!row || !can(user, 'vouchers.redeem', row.orgPath)) throw Errors.notFound('券码无效，请核对后重试')
      const { v, c } = row
      const venue = c.venues.find((x) => x.id === body.venueId)
      const state = stateOf(v, now)
      if (state === 'used') {
        const where = c.venues.find((x) => x.id === v.usedVenueId)?.name ?? '未知场馆'
        throw Errors.conflict(`该券已于 ${chinaTime(v.usedAt!.getTime())} 在${where}使用，不能重复核销`)
      }
      if (state === 'returned') throw Errors.conflict('该券已被会员退回，不能核销')
      if (state === 'expired') throw Errors.conflict(`该券已过期（有效期至 ${chinaTime(v.validUntil.getTime())}）`)
      if (!venue) {
        throw Errors.conflict(`该券不能在本场馆使用，可用场馆：${c.venues.map((x) => x.name).join('、')}`)
      }
      const [used] = await tx
        .update(vouchers)
        .set({ state: 'used', usedAt: new Date(now), usedVenueId: venue.id, redeemedBy: user.userId })
        .where(and(eq(vouchers.id, v.id), eq(vouchers.state, 'unused')))
        .returning()
      await audit(tx, {
        actorUserId: user.userId,
        action: 'vouchers.redeem',
        subjectType: 'voucher',
        subjectId: v.id,
        detail: { campaignId: c.id, venueId: venue.id },
      })
      return { voucherId: used.id, code: used.code, title: c.title, kind: c.kind, venue, usedAt: new Date(now).toISOString() }
    })
  }

  async createCampaign(user: AuthUser, input: ReturnType<typeof CampaignInputSchema.parse>): Promise<Campaign> {
    return this.deps.db.transaction(async (tx) => {
      const [org] = await tx.select().from(orgs).where(eq(orgs.id, input.orgId))
      if (!org) throw Errors.validation({ orgId: '所选工会不存在' })
      authorize(user, 'campaigns.manage', org.path)
      if (input.mode !== 'first_come') throw Errors.validation({ mode: '抽签发放暂未开放，请选择先到先得' })
      const row = await insertCampaign(tx, input, user.userId)
      await audit(tx, {
        actorUserId: user.userId,
        action: 'campaigns.create',
        subjectType: 'voucher_campaign',
        subjectId: row.id,
        detail: { kind: row.kind, totalStock: row.totalStock, orgId: row.orgId },
      })
      return toCampaign(row, org.name, row.totalStock, this.deps.now())
    })
  }

  async listManaged(user: AuthUser): Promise<Campaign[]> {
    const scopes = scopesFor(user, 'campaigns.manage')
    if (scopes.length === 0) return []
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const rows = await tx
        .select({ c: voucherCampaigns, orgName: orgs.name })
        .from(voucherCampaigns)
        .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
        .where(or(...scopes.map((p) => like(orgs.path, `${p}%`))))
        .orderBy(desc(voucherCampaigns.opensAt), desc(voucherCampaigns.id))
      const left = await remainingOf(tx, rows.map((r) => r.c.id))
      return rows.map((r) => toCampaign(r.c, r.orgName, left.get(r.c.id) ?? 0, now))
    })
  }

  async stats(user: AuthUser, campaignId: number): Promise<CampaignStats> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ c: voucherCampaigns, orgPath: orgs.path })
        .from(voucherCampaigns)
        .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
        .where(eq(voucherCampaigns.id, campaignId))
      if (!row || !(can(user, 'campaigns.manage', row.orgPath) || can(user, 'vouchers.redeem', row.orgPath))) {
        throw Errors.notFound('活动不存在')
      }
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
      return {
        campaignId,
        totalStock: row.c.totalStock,
        remaining: left.get(campaignId) ?? 0,
        claims: counts.claims,
        unused: counts.unused,
        redemptions: counts.used,
        returned: counts.returned,
        expired: counts.expired,
        serverTime: new Date(now).toISOString(),
        waitlist: 0,
        entries: 0,
        drawnAt: row.c.drawnAt ? row.c.drawnAt.toISOString() : null,
        perVenue: row.c.venues.map((v) => ({ venueId: v.id, venueName: v.name, redemptions: 0 })),
      }
    })
  }

  // ---------- helpers ----------

  private async memberOrgPath(tx: Tx, userId: number): Promise<string | null> {
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
    rows: { c: VoucherCampaignRow; orgName: string }[],
    now: number,
  ): Promise<MemberCampaign[]> {
    if (rows.length === 0) return []
    const ids = rows.map((r) => r.c.id)
    const left = await remainingOf(tx, ids)
    const mine = await tx
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.userId, userId), inArray(vouchers.campaignId, ids)))
      .orderBy(vouchers.id)
    return rows.map((r) => ({
      ...toCampaign(r.c, r.orgName, left.get(r.c.id) ?? 0, now),
      myVouchers: mine
        .filter((v) => v.campaignId === r.c.id && v.state !== 'returned')
        .map((v) => ({ id: v.id, code: v.code, state: stateOf(v, now), confirmBy: confirmByOf(v) })),
      myEntry: null,
      myWaitlist: null,
    }))
  }
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

const STATE_TEXT: Record<VoucherState, string> = { unused: '未使用', used: '已使用', expired: '已过期', returned: '已退回' }

function stateOf(v: VoucherRow, now: number): VoucherState {
  if (v.state === 'unused' && v.validUntil.getTime() <= now) return 'expired'
  return v.state
}

function phaseOf(c: VoucherCampaignRow, remaining: number, now: number): CampaignPhase {
  if (now >= c.closesAt.getTime()) return 'closed'
  if (now < c.opensAt.getTime()) return 'upcoming'
  return remaining > 0 ? 'open' : 'sold_out'
}

function toCampaign(c: VoucherCampaignRow, orgName: string, remaining: number, now: number): Campaign {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    rules: c.rules,
    orgId: c.orgId,
    orgName,
    venues: c.venues,
    totalStock: c.totalStock,
    remaining,
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
            entries: 0,
            confirmHours: c.confirmHours,
          }
        : null,
    waitlistLength: 0,
  }
}

/** A lottery win still awaiting confirmation: its deadline. */
function confirmByOf(v: VoucherRow): string | null {
  return v.confirmBy && !v.confirmedAt && v.state === 'unused' ? v.confirmBy.toISOString() : null
}

function toVoucher(v: VoucherRow, c: VoucherCampaignRow, now: number): Voucher {
  const venue = (id: number | null): VenueRecord | null => c.venues.find((x) => x.id === id) ?? null
  return {
    id: v.id,
    campaignId: c.id,
    kind: c.kind,
    title: c.title,
    code: v.code,
    state: stateOf(v, now),
    venues: c.venues,
    claimedAt: v.claimedAt.toISOString(),
    validUntil: v.validUntil.toISOString(),
    usedAt: v.usedAt ? v.usedAt.toISOString() : null,
    usedVenue: venue(v.usedVenueId),
    source: v.source,
    confirmBy: confirmByOf(v),
    returnedAt: v.returnedAt ? v.returnedAt.toISOString() : null,
    returnReason: v.returnReason,
  }
}



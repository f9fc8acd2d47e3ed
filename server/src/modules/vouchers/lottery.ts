/**
 * 抽签 as members and the public see it: a secret seed is made at creation and its SHA-256 commitment published;
 * entries reserve the member's limit (voucher_entries, UNIQUE per member) and may be withdrawn until closing; after
 * closing the draw (settle.ts) picks the winners, and its record lets anyone re-run it (./draw.ts).
 */
import { and, asc, count, eq, sql } from 'drizzle-orm'
import type { DrawRecord, EntryResult } from '@contract/vouchers/schemas'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { LOTTERY_DRAW_ALGORITHM, LOTTERY_DRAW_ALGORITHM_V1 } from '@contract/vouchers/draw-algorithm'
import { chinaTime } from '../../time'
import type { AppDeps } from '../../http/deps'
import { orgs } from '../../db/schema/core'
import { voucherCampaigns, voucherEntries } from '../../db/schema/vouchers'
import { can, inSubtree } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { memberDirectory, memberOf } from '../membership'
import { limitOf, quotaScope } from './common'
import { drawOrder } from './draw'
import { maskName } from './mask'
import { giveQuota, loadForMember, takeQuota } from './member-rules'
import type { Settlement } from './settle'
import { entryView } from './views'

/** Drawn lotteries' public records kept in memory (they never change once drawn). */
const DRAW_CACHE_MAX = 200

export class Lottery {
  /** Public records of drawn lotteries (immutable once drawn): no re-read of every entry, no re-hash per request. */
  private readonly drawCache = new Map<number, DrawRecord>()

  constructor(
    private readonly deps: AppDeps,
    private readonly settlement: Settlement,
  ) {}

  /**
   * Enter a lottery while its window is open: one entry per member (UNIQUE), the per-member limit reserved now
   * (given back if the entry loses). A second call returns the first entry.
   */
  async enter(user: AuthUser, campaignId: number): Promise<EntryResult> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      // The campaign's KEY SHARE first (the entry's foreign key takes it anyway): an entry waits for an edit or
      // 结束发放 in progress and then reads the window as changed (edit.ts), never entering after an early end.
      await tx.execute(sql`select id from voucher_campaigns where id = ${campaignId} for key share`)
      const c = await loadForMember(tx, user.userId, campaignId)
      if (c.mode !== 'lottery') throw refuse(VoucherReasons.FIRST_COME_ONLY, { action: '报名' })
      if (now < c.opensAt.getTime()) throw refuse(VoucherReasons.NOT_OPEN, { opensAt: chinaTime(c.opensAt.getTime()), action: 'enter' })
      if (now >= c.closesAt.getTime()) throw refuse(VoucherReasons.CLOSED, { action: 'enter' })
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
      if (!(await takeQuota(tx, user.userId, scope, c.limitCount))) throw refuse(VoucherReasons.LIMIT_REACHED, limitOf(c))
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
      if (c.mode !== 'lottery') throw refuse(VoucherReasons.FIRST_COME_ONLY, { action: '撤销' })
      await tx.execute(sql`select id from voucher_campaigns where id = ${c.id} for share`)
      const [entry] = await tx
        .select()
        .from(voucherEntries)
        .where(and(eq(voucherEntries.campaignId, c.id), eq(voucherEntries.userId, user.userId)))
      if (!entry) throw refuse(VoucherReasons.NOT_ENTERED)
      if (entry.state !== 'entered' || now >= c.closesAt.getTime()) throw refuse(VoucherReasons.CLOSED, { action: 'withdraw' })
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
    if (!row) throw refuse(VoucherReasons.CAMPAIGN_NOT_FOUND)
    if (admin) {
      if (!can(user, 'campaigns.manage', row.orgPath)) throw refuse(VoucherReasons.CAMPAIGN_NOT_FOUND)
    } else {
      const path = (await memberOf(this.deps.db, user.userId))?.orgPath ?? null
      const staff = can(user, 'campaigns.manage', row.orgPath) || can(user, 'staff.view', row.orgPath)
      if (!staff && !(path && inSubtree(row.orgPath, path))) throw refuse(VoucherReasons.CAMPAIGN_NOT_FOUND)
    }
    if (row.c.mode !== 'lottery') throw refuse(VoucherReasons.NOT_A_LOTTERY)
    if (admin && now < row.c.closesAt.getTime()) {
      throw refuse(VoucherReasons.DRAW_TOO_EARLY, { closesAt: chinaTime(row.c.closesAt.getTime()) })
    }
    // Once drawn the record never changes: served from memory, without re-reading and re-hashing every entry.
    const cached = this.drawCache.get(campaignId)
    if (cached) return cached
    if (await this.settlement.settleIfDue([row.c], now)) row = (await read())!
    const c = row.c
    const closed = now >= c.closesAt.getTime()
    const entries = closed
      ? await this.deps.db
          .select({ entryId: voucherEntries.id, userId: voucherEntries.userId, state: voucherEntries.state, name: memberDirectory.name })
          .from(voucherEntries)
          .leftJoin(memberDirectory, eq(memberDirectory.userId, voucherEntries.userId))
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
}

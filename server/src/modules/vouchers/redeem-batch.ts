/**
 * The staff phone's offline queue (离线核销): each scan on its own, in order, idempotent per (staff user, clientId).
 * A code already used — by another staff, or by this phone's own earlier scan of the same code — comes back as
 * already_used with when and where: a double redemption in the offline gap is reported, never accepted. Every venue
 * must be one of the caller's (else 403 for the whole batch). A scan is judged at its device time, which must be
 * credible: no earlier than the phone's last sync (`lastSyncAt`), at most MAX_OFFLINE_MS before arrival, not before
 * the voucher was claimed — otherwise it is refused ('stale'), never clamped into validity.
 *
 * Each result is a 200 item with an outcome and a Chinese message; where it is one of the module's refusals
 * (unknown code, returned, wrong or inactive venue), the message is that refusal's.
 */
import { and, eq } from 'drizzle-orm'
import type { RedeemBatchItem, RedeemBatchResult } from '@contract/vouchers/schemas'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { chinaTime } from '../../time'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { voucherRedeemRequests, vouchers } from '../../db/schema/vouchers'
import type { VenueRow as VenueRegistryRow } from '../../db/schema/venues'
import { audit } from '../../audit'
import { can } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { HOUR_MS, stateOf } from './common'
import { redeemVenues, returnedUnconfirmed, venueAllows, voucherByCodeForUpdate, wrongVenue } from './redeem'
import { publicVenue } from './views'

/**
 * Offline scans: judged at the device's scan time, which may be no earlier than the phone's last sync and never more
 * than this before the server receives it (a scan claimed older than that is refused, not clamped).
 */
const MAX_OFFLINE_MS = 24 * HOUR_MS

type Base = Omit<RedeemBatchResult, 'outcome' | 'message'>

export class OfflineRedeem {
  constructor(private readonly deps: AppDeps) {}

  async redeemBatch(user: AuthUser, body: { lastSyncAt: string; items: RedeemBatchItem[] }): Promise<RedeemBatchResult[]> {
    const at = await redeemVenues(this.deps.db, user, body.items.map((i) => i.venueId))
    const lastSync = Date.parse(body.lastSyncAt)
    const out: RedeemBatchResult[] = []
    for (const item of body.items) out.push(await this.redeemOne(user, item, lastSync, at.get(item.venueId) ?? null))
    return out
  }

  private async redeemOne(user: AuthUser, item: RedeemBatchItem, lastSync: number, at: VenueRegistryRow | null): Promise<RedeemBatchResult> {
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
      const base: Base = { clientId: item.clientId, code, replayed: false, redemption: null, usedAt: null, usedVenue: null, usedByMe: null }
      const result = await this.judge(tx, user, item, code, lastSync, at, now, base)
      await tx
        .update(voucherRedeemRequests)
        .set({ outcome: result as unknown as Record<string, unknown> })
        .where(and(eq(voucherRedeemRequests.staffUserId, user.userId), eq(voucherRedeemRequests.clientId, item.clientId)))
      return result
    })
  }

  /** One scan's outcome (and, when redeemed, the redemption), inside its own transaction. */
  private async judge(
    tx: Tx,
    user: AuthUser,
    item: RedeemBatchItem,
    code: string,
    lastSync: number,
    at: VenueRegistryRow | null,
    now: number,
    base: Base,
  ): Promise<RedeemBatchResult> {
    const row = code.length >= 4 && at ? await voucherByCodeForUpdate(tx, code) : undefined
    if (!row || !at || !can(user, 'vouchers.redeem', { orgPath: row.orgPath, venueId: at.id })) {
      return { ...base, outcome: 'not_found', message: VoucherReasons.CODE_NOT_FOUND.message() }
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
      return { ...base, outcome: 'stale', message: `扫码时间 ${when} 早于本机上次同步时间 ${chinaTime(lastSync)}，记录不可信，本次未核销` }
    }
    // A device clock running ahead is read as now.
    const scanned = Math.min(now, scannedAt)
    if (v.claimedAt.getTime() > scanned) {
      return { ...base, outcome: 'stale', message: `扫码时间 ${when} 早于该券的领取时间，记录不可信，本次未核销` }
    }
    const state = stateOf(v, scanned)
    if (state === 'returned') {
      return { ...base, outcome: 'not_found', message: VoucherReasons.VOUCHER_RETURNED.message({ unconfirmed: returnedUnconfirmed(v) }) }
    }
    if (state === 'expired') {
      return { ...base, outcome: 'expired', message: `该券在扫码时（${when}）已过期（有效期至 ${chinaTime(v.validUntil.getTime())}）` }
    }
    if (!at.active) return { ...base, outcome: 'wrong_venue', message: VoucherReasons.VENUE_INACTIVE.message({ name: at.name }) }
    const venue = c.venues.find((x) => x.id === at.id)
    if (!venue || !venueAllows(v, venue)) return { ...base, outcome: 'wrong_venue', message: VoucherReasons.WRONG_VENUE.message(wrongVenue(c, v)) }
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
      redemption: { voucherId: v.id, code: v.code, title: c.title, kind: c.kind, venue: publicVenue(venue), usedAt: new Date(scanned).toISOString(), lagSeconds },
    }
  }
}

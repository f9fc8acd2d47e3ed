/**
 * 抢券, the first-come claim as a use case: the tap joins its campaign's next batch (`ClaimBatcher`, claim.ts), one
 * call of the database function `voucher_claim_batch` that checks each member, the window and the limit, takes units
 * from the stock shards and inserts the vouchers — atomically, one round trip and one commit for all the taps that
 * arrived together. This file turns the tap's outcome into the reply or into the refusal the contract names for it
 * (CLAIM_OUTCOME_REASONS), worded from the campaign as cached for display (display-cache.ts).
 *
 * Claims are not written to audit_log (the voucher row is the record, and it would cost a round trip on the hottest
 * path).
 */
import { and, eq } from 'drizzle-orm'
import type { ClaimResult } from '@contract/vouchers/schemas'
import { CLAIM_OUTCOME_REASONS } from '@contract/vouchers/claim-outcomes'
import { CHOOSE_VENUE_FIELD, VoucherReasons } from '@contract/vouchers/reasons'
import { chinaMonth, chinaTime } from '../../time'
import type { AppDeps } from '../../http/deps'
import { voucherCampaigns, vouchers, type VoucherRow } from '../../db/schema/vouchers'
import type { TokenUser } from '../../auth/sessions'
import { Errors, refuse, type AppError } from '../../errors'
import { ClaimBatcher, claimBatch, type ClaimOutcome } from './claim'
import { limitOf, newVoucherCode, quotaScope } from './common'
import type { DisplayCache } from './display-cache'
import { campaignWithVenues } from './venues'
import { toVoucher } from './views'

export class Claiming {
  /** First-come taps gathered per campaign into one database call (claim.ts). One per app. */
  private readonly claims: ClaimBatcher

  constructor(
    private readonly deps: AppDeps,
    private readonly display: DisplayCache,
  ) {
    this.claims = new ClaimBatcher((campaignId, requests, venueId) => {
      const now = deps.now()
      return claimBatch(deps.db, campaignId, requests, { now: new Date(now), month: chinaMonth(now) }, venueId)
    })
  }

  /**
   * A retried Idempotency-Key gets the first voucher back: found by the function, or, when the two race, the loser
   * meets the member's used limit (or the key's UNIQUE index) and then the winner's voucher.
   */
  async claim(user: TokenUser, campaignId: number, idempotencyKey: string | null, venueId: number | null = null): Promise<ClaimResult> {
    const now = this.deps.now()
    const code = newVoucherCode()
    // Stock split per venue: the tap joins its venue's batch (the cached row picks the batch; the function checks the
    // venue again). Shared stock: the venue is ignored. The split changes only by an edit before opening (edit.ts):
    // a row cached from before it that says "shared" makes the function answer venue_required — read it afresh and
    // go again once.
    let display = await this.display.campaign(campaignId).catch(() => null)
    let venue = display?.stockByVenue ? venueId : null
    const tap = { sessionId: user.sessionId, userId: user.userId, key: idempotencyKey, code }
    let result = await this.claims.claim(campaignId, tap, venue)
    if (result.outcome === 'venue_required' && venueId !== null && venue === null) {
      this.display.forget(campaignId)
      display = await this.display.campaign(campaignId)
      venue = display.stockByVenue ? venueId : null
      if (venue !== null) result = await this.claims.claim(campaignId, tap, venue)
    }
    if (result.outcome === 'replay' || (result.outcome === 'limit' && idempotencyKey)) {
      // 'limit' too: a retry racing its own first attempt waits on the member's quota row, then finds it used.
      const replay = idempotencyKey ? await this.byIdempotencyKey(user.userId, idempotencyKey) : null
      if (replay) return replay
    }
    if (result.outcome !== 'ok') throw await this.refusal(result, campaignId, venue)
    const c = display ?? (await this.display.campaign(campaignId))
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
      expiryRemindedAt: null,
    }
    return { voucher: toVoucher(v, c, now), replayed: false }
  }

  /** The refusal the contract names for a tap's outcome, with what its message needs. */
  private async refusal(result: Exclude<ClaimOutcome, { outcome: 'ok' }>, campaignId: number, venueId: number | null): Promise<AppError> {
    // the voucher vanished between the function and the lookup (only if deleted): say so plainly
    if (result.outcome === 'replay') return refuse(VoucherReasons.CLAIMED_VOUCHER_GONE)
    if (result.outcome === 'not_open') {
      return refuse(VoucherReasons[CLAIM_OUTCOME_REASONS.not_open], { opensAt: chinaTime(result.opensAt.getTime()), action: 'claim' })
    }
    const reason = CLAIM_OUTCOME_REASONS[result.outcome]
    switch (reason) {
      case 'UNAUTHENTICATED':
        return Errors.invalidSession()
      case 'CLOSED':
        return refuse(VoucherReasons.CLOSED, { action: 'claim' })
      case 'LOTTERY_ONLY':
        return refuse(VoucherReasons.LOTTERY_ONLY, { action: 'claim' })
      case 'LIMIT_REACHED':
        return refuse(VoucherReasons.LIMIT_REACHED, limitOf(await this.display.campaign(campaignId)))
      case 'VENUE_REQUIRED':
        return refuse(VoucherReasons.VENUE_REQUIRED, undefined, { venueId: CHOOSE_VENUE_FIELD })
      case 'VENUE_UNKNOWN':
        return refuse(VoucherReasons.VENUE_UNKNOWN, undefined, { venueId: VoucherReasons.VENUE_UNKNOWN.message() })
      case 'SOLD_OUT':
        return this.soldOut(campaignId, venueId)
      default:
        return refuse(VoucherReasons[reason])
    }
  }

  /** Sold out; split per venue, say where some are still left (read at most once a second per campaign). */
  private async soldOut(campaignId: number, venueId: number | null): Promise<AppError> {
    const c = await this.display.campaign(campaignId)
    const venue = venueId ? c.venues.find((v) => v.id === venueId) : undefined
    if (!venue) return refuse(VoucherReasons.SOLD_OUT, { title: c.title })
    const left = await this.display.venueLeft(campaignId)
    const others = c.venues
      .filter((v) => v.id !== venue.id && (left.get(v.id) ?? 0) > 0)
      .map((v) => ({ name: v.name, left: left.get(v.id)! }))
    return refuse(VoucherReasons.SOLD_OUT, { venue: venue.name, others })
  }

  private async byIdempotencyKey(userId: number, key: string): Promise<ClaimResult | null> {
    const [existing] = await this.deps.db
      .select({ v: vouchers, c: campaignWithVenues })
      .from(vouchers)
      .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
      .where(and(eq(vouchers.userId, userId), eq(vouchers.idempotencyKey, key)))
    return existing ? { voucher: toVoucher(existing.v, existing.c, this.deps.now()), replayed: true } : null
  }
}

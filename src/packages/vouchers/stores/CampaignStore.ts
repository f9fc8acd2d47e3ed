/**
 * One campaign for a member: the detail, a server-corrected countdown to the opening instant, and the claim.
 * Pure TS (no Taro): the page calls `tick()` on an interval and renders what the getters say.
 *
 * Claiming: one Idempotency-Key per tap *intent*. The key is made on the first tap, kept (also on the device,
 * so a crash or a reload mid-claim resumes it) until the server gives a definite answer, and re-sent on every
 * retry after a network failure; a second tap while a claim is in flight joins that claim instead of starting
 * one with another key. So a member can never get two vouchers from a flaky network or a double tap.
 *
 * 分场馆库存: when the campaign's stock is split per venue (`venueStock`), the member picks a venue first and the
 * claim carries `{ venueId }`. The venue is kept with the key, so a retry re-sends the same key for the same venue.
 *
 * The detail is a Resource (`detail`: loading, error, retry — the page draws it with <ResourceView>); the claim,
 * the waitlist and the lottery change it in place.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { vouchersApi } from '@contract/vouchers/api'
import type { DrawRecord, MemberCampaign, VenueStock } from '@contract/vouchers/schemas'
import { IDEMPOTENCY_HEADER } from '@contract/vouchers/labels'
import type { ApiClient } from '../../../api/client'
import { isApiError, errorMessage } from '../../../api/errors'
import { Resource } from '../../../stores/Resource'
import type { KeyValueStorage } from '../../../stores/storage'
import { clockOffset, newIdempotencyKey } from './time'
import { classifyClaimError, type ClaimOutcome } from './claim-outcome'
import { PendingClaims } from './pending-claim'

export type { ClaimOutcome } from './claim-outcome'

export const CHOOSE_VENUE_MESSAGE = '请选择场馆'

/** What the page shows for the campaign right now (server time, without waiting for a reload). */
export type LivePhase = 'upcoming' | 'open' | 'sold_out' | 'closed'

export interface CampaignStoreDeps {
  api: ApiClient
  storage: KeyValueStorage
  userId: () => number | string | null
  now?: () => number
  random?: () => number
}

/** The campaign as loaded, with the clock offset measured by that very request. */
export interface CampaignDetail {
  campaign: MemberCampaign
  /** serverTime − device time. */
  offsetMs: number
}

export class CampaignStore {
  readonly detail: Resource<CampaignDetail>
  nowMs: number

  claiming = false
  outcome: ClaimOutcome | null = null
  /** Split stock: the venue the member picked, and what to say beside the venue choices (请选择场馆, server's field error). */
  venueId: number | null = null
  venueError: string | null = null
  /** Split stock: the venue of an unanswered claim; the retry goes to it, so the choice is locked meanwhile. */
  lockedVenueId: number | null = null
  /** 加入候补 / 退出候补 / 确认领取 in flight, and their failure. */
  waitlistBusy = false
  actionError: unknown = null
  /** The member withdrew her lottery entry on this page (shown until she enters again). */
  justWithdrawn = false
  /** 公平性说明: the public draw record (lottery), loaded on demand. */
  draw: DrawRecord | null = null
  drawError: unknown = null

  private inflight: Promise<void> | null = null
  private readonly now: () => number
  private readonly random: () => number
  private readonly pending: PendingClaims

  constructor(
    readonly campaignId: number,
    private readonly deps: CampaignStoreDeps,
  ) {
    this.now = deps.now ?? Date.now
    this.random = deps.random ?? Math.random
    this.nowMs = this.now()
    this.pending = new PendingClaims(deps.storage, deps.userId, campaignId)
    this.detail = new Resource(() => this.fetchDetail())
    makeAutoObservable<CampaignStore, 'deps' | 'inflight' | 'now' | 'random' | 'pending' | 'fetchDetail'>(this, {
      deps: false,
      inflight: false,
      now: false,
      random: false,
      pending: false,
      campaignId: false,
      detail: false,
      fetchDetail: false,
    })
  }

  get campaign(): MemberCampaign | null {
    return this.detail.data?.campaign ?? null
  }

  get offsetMs(): number {
    return this.detail.data?.offsetMs ?? 0
  }

  /** The last load's failure (a reload that fails keeps the campaign it had). */
  get error(): unknown {
    return this.detail.error
  }

  get serverNow(): number {
    return this.nowMs + this.offsetMs
  }

  get msToOpen(): number {
    return this.campaign ? Date.parse(this.campaign.opensAt) - this.serverNow : 0
  }

  get msToClose(): number {
    return this.campaign ? Date.parse(this.campaign.closesAt) - this.serverNow : 0
  }

  /** The phase at server time now: turns 'open' at the opening instant without a reload. */
  get phase(): LivePhase {
    const c = this.campaign
    if (!c) return 'upcoming'
    if (this.msToClose <= 0) return 'closed'
    if (this.msToOpen > 0) return 'upcoming'
    if (c.mode === 'lottery') return 'open'
    if (c.remaining <= 0 || c.phase === 'sold_out') return 'sold_out'
    return 'open'
  }

  /** The member's vouchers from this campaign (not returned). */
  get myVouchers(): MemberCampaign['myVouchers'] {
    return this.campaign?.myVouchers ?? []
  }

  /** A claim whose answer never came is resumed with its key. */
  get hasPendingClaim(): boolean {
    return this.pending.get() !== null
  }

  /** Per-venue stock (null: one stock shared by all venues, no venue to choose). */
  get venueStock(): VenueStock[] | null {
    return this.campaign?.venueStock ?? null
  }

  /** The venue the claim goes to: the locked one of a retry, the chosen one, or the only one there is. */
  get claimVenueId(): number | null {
    const split = this.venueStock
    if (!split) return null
    if (this.lockedVenueId !== null) return this.lockedVenueId
    if (this.venueId !== null) return this.venueId
    return split.length === 1 ? split[0].venueId : null
  }

  venueName(venueId: number | null): string | null {
    return this.campaign?.venues.find((v) => v.id === venueId)?.name ?? null
  }

  /** Picks the venue to claim for (ignored while a retry is pending or for a venue with nothing left). */
  chooseVenue(venueId: number): void {
    if (this.lockedVenueId !== null || this.claiming) return
    const row = this.venueStock?.find((v) => v.venueId === venueId)
    if (!row || row.remaining <= 0) return
    this.venueId = venueId
    this.venueError = null
    if (this.outcome?.kind === 'sold_out' || this.outcome?.kind === 'error') this.outcome = null
  }

  /** Loads the campaign (or joins a load under way); also what <ResourceView>'s 重试 runs. */
  load(): Promise<void> {
    return this.detail.load()
  }

  private async fetchDetail(): Promise<CampaignDetail> {
    const sent = this.now()
    const res = await this.deps.api.send(vouchersApi.campaign, { params: { id: this.campaignId } })
    const received = this.now()
    const pending = this.pending.get()
    runInAction(() => {
      this.nowMs = received
      const split = res.campaign.venueStock
      // A claim left unanswered (page closed mid-claim) resumes for its venue.
      this.lockedVenueId = split && pending?.venueId != null && split.some((v) => v.venueId === pending.venueId) ? pending.venueId : null
      // A chosen venue that has nothing left (or is gone) is no longer chosen.
      if (this.venueId !== null && !split?.some((v) => v.venueId === this.venueId && v.remaining > 0)) this.venueId = null
    })
    return { campaign: res.campaign, offsetMs: clockOffset(res.serverTime, sent, received) }
  }

  tick(): void {
    this.nowMs = this.now()
  }

  get isLottery(): boolean {
    return this.campaign?.mode === 'lottery'
  }

  /** 参与抽签 (idempotent on the server: a second call returns the same entry). */
  async enter(): Promise<void> {
    if (this.claiming) return
    this.claiming = true
    this.outcome = null
    try {
      const res = await this.deps.api.send(vouchersApi.enter, { params: { id: this.campaignId } })
      runInAction(() => {
        this.justWithdrawn = false
        if (this.campaign) {
          this.campaign.myEntry = res.entry
          if (!res.replayed && this.campaign.lottery) this.campaign.lottery.entries += 1
        }
        this.outcome = { kind: 'entered', message: '报名成功，截止后统一开奖，结果会通知您' }
      })
    } catch (err) {
      const outcome = classifyClaimError(err)
      runInAction(() => {
        this.outcome = outcome.kind === 'retry' ? { kind: 'retry', message: `${errorMessage(err)}，请重试（重复报名不会多占名额）` } : outcome
      })
    } finally {
      runInAction(() => {
        this.claiming = false
      })
    }
  }

  /** 撤销报名 while the lottery is open: the entry goes, the limit it reserved comes back; entering again is allowed. */
  withdrawEntry(): Promise<boolean> {
    return this.act('claiming', async () => {
      const res = await this.deps.api.send(vouchersApi.withdrawEntry, { params: { id: this.campaignId } })
      runInAction(() => {
        if (this.campaign) {
          this.campaign.myEntry = null
          if (this.campaign.lottery) this.campaign.lottery.entries = res.entries
        }
        this.outcome = null
        this.justWithdrawn = true
      })
    })
  }

  /** 加入候补 (sold out) / 退出候补. */
  async setWaitlist(join: boolean): Promise<void> {
    await this.act('waitlistBusy', async () => {
      const params = { id: this.campaignId }
      const res = join
        ? await this.deps.api.send(vouchersApi.joinWaitlist, { params })
        : await this.deps.api.send(vouchersApi.leaveWaitlistPost, { params })
      runInAction(() => {
        if (this.campaign) this.campaign.myWaitlist = res
        if (join && this.outcome?.kind === 'sold_out') this.outcome = null
      })
    })
  }

  /** 确认领取 of a lottery win before its deadline. */
  async confirm(voucherId: number): Promise<void> {
    await this.act('waitlistBusy', async () => {
      await this.deps.api.send(vouchersApi.confirmVoucher, { params: { id: voucherId } })
      await this.load()
    })
  }

  /** A member action beside the claim: one at a time (by its busy flag), its failure kept in actionError. */
  private async act(busy: 'claiming' | 'waitlistBusy', run: () => Promise<void>): Promise<boolean> {
    if (this[busy]) return false
    this[busy] = true
    this.actionError = null
    try {
      await run()
      return true
    } catch (err) {
      runInAction(() => {
        this.actionError = err
      })
      return false
    } finally {
      runInAction(() => {
        this[busy] = false
      })
    }
  }

  async loadDraw(): Promise<void> {
    this.drawError = null
    try {
      const d = await this.deps.api.send(vouchersApi.drawRecord, { params: { id: this.campaignId } })
      runInAction(() => {
        this.draw = d
      })
    } catch (err) {
      runInAction(() => {
        this.drawError = err
      })
    }
  }

  /** 立即领取 (and 重试): joins a claim in flight; reuses the key (and venue) of an unanswered one. */
  claim(): Promise<void> {
    if (this.inflight) return this.inflight
    if (this.venueStock && this.claimVenueId === null) {
      // Split stock and no venue: nothing is sent.
      this.venueError = CHOOSE_VENUE_MESSAGE
      return Promise.resolve()
    }
    this.inflight = this.runClaim().finally(() => {
      this.inflight = null
    })
    return this.inflight
  }

  private async runClaim(): Promise<void> {
    // An unanswered claim is re-sent as it was: same key, same venue.
    let pending = this.pending.get()
    if (!pending) {
      pending = { key: newIdempotencyKey(this.random, this.now()), venueId: this.claimVenueId }
      this.pending.set(pending)
    }
    const key = pending.key
    // (A key kept from before the venue was known still needs one: the server refused it without a voucher.)
    const venueId = pending.venueId ?? this.claimVenueId
    if (venueId !== pending.venueId) this.pending.set({ key, venueId })
    runInAction(() => {
      this.claiming = true
      this.outcome = null
      this.venueError = null
      this.lockedVenueId = venueId
    })
    try {
      const res = await this.deps.api.send(vouchersApi.claim, {
        params: { id: this.campaignId },
        headers: { [IDEMPOTENCY_HEADER]: key },
        // Shared stock: no body at all, exactly as before venues could be split.
        body: venueId !== null ? { venueId } : undefined,
      })
      this.pending.clear()
      runInAction(() => {
        this.lockedVenueId = null
        this.outcome = { kind: 'success', voucher: res.voucher, replayed: res.replayed }
        const c = this.campaign
        if (c && !c.myVouchers.some((v) => v.id === res.voucher.id)) {
          c.myVouchers.push({ id: res.voucher.id, code: res.voucher.code, state: res.voucher.state })
          if (!res.replayed) {
            c.remaining = Math.max(0, c.remaining - 1)
            const row = c.venueStock?.find((v) => v.venueId === res.voucher.venueId)
            if (row) row.remaining = Math.max(0, row.remaining - 1)
          }
        }
      })
    } catch (err) {
      const outcome = classifyClaimError(err)
      // A definite refusal ends this intent; the next tap is a new attempt with a new key.
      if (outcome.kind !== 'retry') this.pending.clear()
      const venueField = isApiError(err) ? err.field('venueId') : undefined
      runInAction(() => {
        if (outcome.kind !== 'retry') this.lockedVenueId = null
        if (venueField) {
          // 请选择场馆 / 该场馆不在本活动中: said beside the venue choices.
          this.venueError = venueField
          this.venueId = null
          return
        }
        this.outcome = outcome
        const c = this.campaign
        if (outcome.kind === 'sold_out' && c) {
          const row = venueId !== null ? c.venueStock?.find((v) => v.venueId === venueId) : undefined
          if (row) {
            // Only this venue is gone; the message names the venues that still have some.
            row.remaining = 0
            c.remaining = c.venueStock!.reduce((t, v) => t + v.remaining, 0)
            this.venueId = null
          } else c.remaining = 0
        }
      })
      // 未开始 means our clock estimate was off: measure it again. 已领完 / 已结束 (sold out, or 结束发放 by the union
      // while the page was open): read the campaign again so its state and buttons say so.
      if (outcome.kind === 'not_open' || outcome.kind === 'sold_out' || outcome.kind === 'closed') void this.load()
    } finally {
      runInAction(() => {
        this.claiming = false
      })
    }
  }
}

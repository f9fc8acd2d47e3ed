/** 电子会员卡: the rotating QR code, refreshed before it expires (server-time corrected). Pure TS. */
import { makeAutoObservable, runInAction } from 'mobx'
import { membershipApi } from '@contract/membership/api'
import type { MemberCard } from '@contract/membership/schemas'
import type { ApiClient } from '../../../api/client'

/** Refresh this long before expiry (a 60 s code is refreshed after ~50 s). */
export const CARD_REFRESH_MARGIN_MS = 10_000

export class CardStore {
  card: MemberCard | null = null
  loading = false
  error: unknown = null
  /** serverTime − device time, so a phone with a wrong clock still counts down correctly. */
  offsetMs = 0
  nowMs: number

  constructor(
    private readonly api: ApiClient,
    private readonly now: () => number = Date.now,
  ) {
    this.nowMs = now()
    makeAutoObservable<CardStore, 'api' | 'now'>(this, { api: false, now: false })
  }

  get serverNow(): number {
    return this.nowMs + this.offsetMs
  }

  /** Seconds until the next automatic refresh. */
  get secondsToRefresh(): number {
    if (!this.card) return 0
    const due = Date.parse(this.card.expiresAt) - CARD_REFRESH_MARGIN_MS
    return Math.max(0, Math.ceil((due - this.serverNow) / 1000))
  }

  async refresh(): Promise<void> {
    if (this.loading) return
    this.loading = true
    this.error = null
    try {
      const card = await this.api.send(membershipApi.card)
      const local = this.now()
      runInAction(() => {
        this.card = card
        this.offsetMs = Date.parse(card.serverTime) - local
        this.nowMs = local
      })
    } catch (err) {
      runInAction(() => {
        this.error = err
      })
    } finally {
      runInAction(() => {
        this.loading = false
      })
    }
  }

  /** Called every second by the page: advances the countdown and refreshes when due. */
  tick(): void {
    this.nowMs = this.now()
    if (this.card && this.secondsToRefresh <= 0 && !this.loading && !this.error) void this.refresh()
  }
}

/** 电子会员卡: the rotating QR code (a Resource), refreshed before it expires (server-time corrected). Pure TS. */
import { makeAutoObservable, runInAction } from 'mobx'
import { membershipApi } from '@contract/membership/api'
import { ErrorCodes } from '@contract/errors'
import type { MemberCard } from '@contract/membership/schemas'
import type { ApiClient } from '../../../api/client'
import { hasReason, isApiError } from '../../../api/errors'
import { Resource } from '../../../stores/Resource'

/** Refresh this long before expiry (a 60 s code is refreshed after ~50 s). */
export const CARD_REFRESH_MARGIN_MS = 10_000

interface Loaded {
  card: MemberCard
  /** serverTime − device time, so a phone with a wrong clock still counts down correctly. */
  offsetMs: number
}

export class CardStore {
  readonly resource: Resource<Loaded>
  nowMs: number

  constructor(
    private readonly api: ApiClient,
    private readonly now: () => number = Date.now,
  ) {
    this.nowMs = now()
    this.resource = new Resource(async () => {
      const card = await this.api.send(membershipApi.card)
      const local = this.now()
      runInAction(() => {
        this.nowMs = local
      })
      return { card, offsetMs: Date.parse(card.serverTime) - local }
    })
    makeAutoObservable<CardStore, 'api' | 'now'>(this, { api: false, now: false, resource: false })
  }

  get card(): MemberCard | null {
    return this.resource.data?.card ?? null
  }

  get loading(): boolean {
    return this.resource.loading
  }

  get error(): unknown {
    return this.resource.error
  }

  /** No card because the caller is not a member (the refusal's reason, whatever its wording; or simply no card). */
  get notMember(): boolean {
    const err = this.resource.error
    return hasReason(err, ErrorCodes.NOT_MEMBER) || (isApiError(err) && err.status === 404)
  }

  get serverNow(): number {
    return this.nowMs + (this.resource.data?.offsetMs ?? 0)
  }

  /** Seconds until the next automatic refresh. */
  get secondsToRefresh(): number {
    if (!this.card) return 0
    const due = Date.parse(this.card.expiresAt) - CARD_REFRESH_MARGIN_MS
    return Math.max(0, Math.ceil((due - this.serverNow) / 1000))
  }

  refresh(): Promise<void> {
    return this.resource.load()
  }

  /** Called every second by the page: advances the countdown and refreshes when due. */
  tick(): void {
    this.nowMs = this.now()
    if (this.card && this.secondsToRefresh <= 0 && !this.loading && !this.error) void this.refresh()
  }
}

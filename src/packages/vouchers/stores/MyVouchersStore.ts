/**
 * 我的券: the member's vouchers with a server-corrected validity countdown, and 退回. Pure TS (no Taro).
 * The last list is kept on the device, so a member in a cinema lobby without signal can still show the code.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { vouchersApi } from '@contract/vouchers/api'
import type { Voucher } from '@contract/vouchers/schemas'
import type { ApiClient } from '../../../api/client'
import type { KeyValueStorage } from '../../../stores/storage'
import { clockOffset } from './time'

export const MY_VOUCHERS_CACHE_PREFIX = 'union.myVouchers.v1.'

interface Cached {
  items: Voucher[]
  offsetMs: number
  savedAt: number
}

export interface MyVouchersCache {
  storage: KeyValueStorage
  userId: () => number | string | null
}

export class MyVouchersStore {
  items: Voucher[] = []
  loaded = false
  loading = false
  error: unknown = null
  offsetMs = 0
  nowMs: number
  /** The voucher being returned, and why that failed. */
  returningId: number | null = null
  returnError: unknown = null
  /** A lottery win being confirmed. */
  confirmingId: number | null = null
  /** Device time of the list shown when it came from the device cache (offline), else null. */
  cachedAt: number | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly now: () => number = Date.now,
    private readonly cache: MyVouchersCache | null = null,
  ) {
    this.nowMs = now()
    makeAutoObservable<MyVouchersStore, 'api' | 'now' | 'cache'>(this, { api: false, now: false, cache: false })
  }

  private get cacheKey(): string | null {
    const uid = this.cache?.userId()
    return uid === null || uid === undefined ? null : `${MY_VOUCHERS_CACHE_PREFIX}${uid}`
  }

  private save(): void {
    const k = this.cacheKey
    if (!k || !this.cache) return
    const data: Cached = { items: this.items, offsetMs: this.offsetMs, savedAt: this.now() }
    this.cache.storage.setItem(k, JSON.stringify(data))
  }

  /** The list from the device, when the network fails before anything was loaded. */
  private restore(): boolean {
    const k = this.cacheKey
    const raw = k && this.cache ? this.cache.storage.getItem(k) : null
    if (!raw) return false
    try {
      const c = JSON.parse(raw) as Cached
      if (!Array.isArray(c.items)) return false
      this.items = c.items
      this.offsetMs = c.offsetMs ?? 0
      this.cachedAt = c.savedAt ?? null
      this.loaded = true
      return true
    } catch {
      return false
    }
  }

  get serverNow(): number {
    return this.nowMs + this.offsetMs
  }

  /** Unused first (soonest to expire first), then the rest newest first as the server sends them. */
  get sorted(): Voucher[] {
    const unused = this.items.filter((v) => v.state === 'unused').sort((a, b) => Date.parse(a.validUntil) - Date.parse(b.validUntil))
    return [...unused, ...this.items.filter((v) => v.state !== 'unused')]
  }

  async load(): Promise<void> {
    if (this.loading) return
    this.loading = true
    this.error = null
    const sent = this.now()
    try {
      const res = await this.api.send(vouchersApi.myVouchers)
      const received = this.now()
      runInAction(() => {
        this.items = res.items
        this.offsetMs = clockOffset(res.serverTime, sent, received)
        this.nowMs = received
        this.loaded = true
        this.cachedAt = null
        this.save()
      })
    } catch (err) {
      runInAction(() => {
        this.error = err
        if (!this.loaded) this.restore()
      })
    } finally {
      runInAction(() => {
        this.loading = false
      })
    }
  }

  tick(): void {
    this.nowMs = this.now()
  }

  /** 确认领取 of a lottery win (before its confirmBy). */
  async confirm(id: number): Promise<boolean> {
    if (this.confirmingId !== null) return false
    this.confirmingId = id
    this.returnError = null
    try {
      const v = await this.api.send(vouchersApi.confirmVoucher, { params: { id } })
      runInAction(() => {
        this.items = this.items.map((x) => (x.id === id ? v : x))
      })
      return true
    } catch (err) {
      runInAction(() => {
        this.returnError = err
      })
      return false
    } finally {
      runInAction(() => {
        this.confirmingId = null
      })
    }
  }

  /** 退回: gives the voucher back (the next waiter gets it). Resolves true when done. */
  async giveBack(id: number): Promise<boolean> {
    if (this.returningId !== null) return false
    this.returningId = id
    this.returnError = null
    try {
      const v = await this.api.send(vouchersApi.cancelVoucher, { params: { id } })
      runInAction(() => {
        this.items = this.items.map((x) => (x.id === id ? v : x))
        this.save()
      })
      return true
    } catch (err) {
      runInAction(() => {
        this.returnError = err
      })
      return false
    } finally {
      runInAction(() => {
        this.returningId = null
      })
    }
  }
}

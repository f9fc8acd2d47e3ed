/**
 * 我的券: the member's vouchers with a server-corrected validity countdown, and 退回. Pure TS (no Taro).
 * The last list is kept on the device, so a member in a cinema lobby without signal can still show the code.
 * The list is a Resource (`list`: loading, error, retry — the page draws it with <ResourceView>); when the network
 * fails and nothing fresh is shown, the device copy is the answer (with `cachedAt` set).
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { vouchersApi } from '@contract/vouchers/api'
import type { Voucher } from '@contract/vouchers/schemas'
import type { ApiClient } from '../../../api/client'
import { Resource } from '../../../stores/Resource'
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

/** The list shown: fresh from the server (`cachedAt` null) or the device copy (when it was saved). */
export interface MyVoucherList {
  items: Voucher[]
  offsetMs: number
  cachedAt: number | null
}

export class MyVouchersStore {
  readonly list: Resource<MyVoucherList>
  nowMs: number
  /** The voucher being returned, and why that failed. */
  returningId: number | null = null
  returnError: unknown = null
  /** A lottery win being confirmed. */
  confirmingId: number | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly now: () => number = Date.now,
    private readonly cache: MyVouchersCache | null = null,
  ) {
    this.nowMs = now()
    this.list = new Resource(() => this.fetchList())
    makeAutoObservable<MyVouchersStore, 'api' | 'now' | 'cache' | 'fetchList'>(this, { api: false, now: false, cache: false, list: false, fetchList: false })
  }

  get items(): Voucher[] {
    return this.list.data?.items ?? []
  }

  /** Something to show (fresh or from the device). */
  get loaded(): boolean {
    return this.list.data !== null
  }

  get error(): unknown {
    return this.list.error
  }

  get offsetMs(): number {
    return this.list.data?.offsetMs ?? 0
  }

  /** Device time of the list shown when it came from the device cache (offline), else null. */
  get cachedAt(): number | null {
    return this.list.data?.cachedAt ?? null
  }

  private get cacheKey(): string | null {
    const uid = this.cache?.userId()
    return uid === null || uid === undefined ? null : `${MY_VOUCHERS_CACHE_PREFIX}${uid}`
  }

  private saveList(list: Pick<MyVoucherList, 'items' | 'offsetMs'>): void {
    const k = this.cacheKey
    if (!k || !this.cache) return
    const data: Cached = { items: list.items, offsetMs: list.offsetMs, savedAt: this.now() }
    this.cache.storage.setItem(k, JSON.stringify(data))
  }

  /** A voucher the server changed (confirmed, returned) takes its place in the list. */
  private replace(v: Voucher): void {
    const d = this.list.data
    if (d) d.items = d.items.map((x) => (x.id === v.id ? v : x))
  }

  /** The list from the device, when the network fails before anything fresh was shown. */
  private restore(): MyVoucherList | null {
    const k = this.cacheKey
    const raw = k && this.cache ? this.cache.storage.getItem(k) : null
    if (!raw) return null
    try {
      const c = JSON.parse(raw) as Cached
      if (!Array.isArray(c.items)) return null
      return { items: c.items, offsetMs: c.offsetMs ?? 0, cachedAt: c.savedAt ?? null }
    } catch {
      return null
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

  /** Loads the list (or joins a load under way); also what <ResourceView>'s 重试 runs. */
  load(): Promise<void> {
    return this.list.load()
  }

  private async fetchList(): Promise<MyVoucherList> {
    const sent = this.now()
    try {
      const res = await this.api.send(vouchersApi.myVouchers)
      const received = this.now()
      const fresh = { items: res.items, offsetMs: clockOffset(res.serverTime, sent, received), cachedAt: null }
      runInAction(() => {
        this.nowMs = received
      })
      this.saveList(fresh)
      return fresh
    } catch (err) {
      // Nothing fresh on screen: the device copy, so the code can still be shown.
      const shown = this.list.data
      const cached = shown === null || shown.cachedAt !== null ? this.restore() : null
      if (cached) return cached
      throw err
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
      runInAction(() => this.replace(v))
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
        this.replace(v)
        if (this.list.data) this.saveList(this.list.data)
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

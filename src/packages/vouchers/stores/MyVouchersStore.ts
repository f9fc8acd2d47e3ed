/** 我的券: the member's vouchers with a server-corrected validity countdown, and 退回. Pure TS (no Taro). */
import { makeAutoObservable, runInAction } from 'mobx'
import { vouchersApi } from '@contract/vouchers/api'
import type { Voucher } from '@contract/vouchers/schemas'
import type { ApiClient } from '../../../api/client'
import { clockOffset } from './time'

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

  constructor(
    private readonly api: ApiClient,
    private readonly now: () => number = Date.now,
  ) {
    this.nowMs = now()
    makeAutoObservable<MyVouchersStore, 'api' | 'now'>(this, { api: false, now: false })
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

/**
 * 券核销 at a venue, with an offline queue. Pure TS (no Taro): storage, API client and clock are injected.
 *
 * A scan is sent at once. When it fails for network reasons (no answer, gateway/server trouble) it is kept in
 * a queue on the device (persisted per staff user) and shown as 待上传; `flush()` — called on an interval and
 * when the page shows again — sends the queue in scan order through POST /api/vouchers/redeem-batch (idempotent per
 * scan by its clientId, so a batch whose answer was lost is simply sent again; one by one through /redeem when
 * the server has no batch endpoint). Every queued scan ends as an outcome in `outcomes`
 * (also persisted): 核销成功, or the refusal the server gave — including a code that was already used while the
 * phone was offline (scanned twice in the gap, or redeemed elsewhere meanwhile). Nothing is dropped silently.
 *
 * Venue ids are numbered per campaign, so the chosen venue is "venue N of campaign C". A scanned QR carries its
 * campaign: for a voucher of another campaign the venue is looked up by name among that campaign's venues (kept on
 * the device once known) before anything is sent, so a voucher is never redeemed at another campaign's venue N.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { vouchersApi } from '@contract/vouchers/api'
import type { RedeemBatchResult, Redemption } from '@contract/vouchers/schemas'
import type { ApiClient } from '../../../api/client'
import { isApiError, errorMessage } from '../../../api/errors'
import type { KeyValueStorage } from '../../../stores/storage'
import { parseVoucherScan } from '../../../utils/voucherQr'

export const REDEEM_STORAGE_PREFIX = 'union.redeemQueue.v1.'
export const VENUE_STORAGE_PREFIX = 'union.redeemVenue.v1.'
export const VENUE_LISTS_PREFIX = 'union.redeemVenueLists.v1.'
/** Outcomes kept on the device (newest first). */
export const MAX_OUTCOMES = 50

export type RedeemKind = 'redeemed' | 'already_used' | 'wrong_venue' | 'expired' | 'returned' | 'not_found' | 'error'

export const REDEEM_TITLES: Record<RedeemKind, string> = {
  redeemed: '核销成功',
  already_used: '已使用',
  wrong_venue: '非本场馆',
  expired: '已过期',
  returned: '券已退回',
  not_found: '券码无效',
  error: '核销失败',
}

/** Where the staff member redeems: one venue of a campaign (venue ids are per campaign). */
export interface VenueChoice {
  venueId: number
  name: string
  campaignId?: number | null
  campaignTitle?: string | null
}

export interface QueuedScan {
  /** A UUID made once per scan: the batch endpoint's idempotency key (clientId). */
  localId: string
  code: string
  /** The campaign `venueId` belongs to (venue ids are numbered per campaign); the server refuses other campaigns' vouchers. */
  campaignId: number
  venueId: number
  venueName: string
  scannedAt: string
  /** The QR's campaign differs from the chosen venue's and its venue id is not known yet (resolved before sending). */
  venueFor?: number
}

export interface VenueRef {
  venueId: number
  name: string
}

export interface ScanOutcome {
  localId: string
  code: string
  kind: RedeemKind
  message: string
  venueName: string
  scannedAt: string
  /** When the server decided (for queued scans: after the connection came back). */
  decidedAt: string
  /** True for a scan that waited in the offline queue. */
  queued: boolean
  /** already_used by this staff user's own earlier scan (the same code scanned twice in the offline gap). */
  usedByMe?: boolean
  redemption?: Redemption
}

export type CurrentResult = ScanOutcome | { kind: 'queued'; code: string; message: string }

export interface RedeemStoreDeps {
  api: ApiClient
  storage: KeyValueStorage
  userId: () => number | string | null
  now?: () => number
  random?: () => number
}

interface Persisted {
  queue: QueuedScan[]
  outcomes: ScanOutcome[]
}

export function isNetworkFailure(err: unknown): boolean {
  if (!isApiError(err)) return true
  return err.status === 0 || err.status === 429 || err.status >= 500
}

/** The server refused a code: which of the outcomes it is (the message says when/where for 已使用). */
export function classifyRedeemError(err: unknown): { kind: RedeemKind; message: string } {
  const message = errorMessage(err)
  if (!isApiError(err)) return { kind: 'error', message }
  if (err.status === 404 || err.status === 400) return { kind: 'not_found', message: err.status === 400 ? err.field('code') ?? message : message }
  if (err.status === 409) {
    if (/已于|重复核销|已使用/.test(message)) return { kind: 'already_used', message }
    if (message.includes('本场馆')) return { kind: 'wrong_venue', message }
    if (message.includes('过期')) return { kind: 'expired', message }
    if (message.includes('退回')) return { kind: 'returned', message }
  }
  return { kind: 'error', message }
}

/** An RFC 4122 version-4 UUID from `random` (weapp has no crypto.randomUUID). */
export function uuid4(random: () => number = Math.random): string {
  const h = Array.from({ length: 32 }, () => Math.floor(random() * 16))
  h[12] = 4
  h[16] = (h[16] & 0x3) | 0x8
  const s = h.map((x) => x.toString(16)).join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

const BATCH_MAX = 100

export function normalizeCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase()
}

export class RedeemStore {
  venue: VenueChoice | null = null
  queue: QueuedScan[] = []
  outcomes: ScanOutcome[] = []
  current: CurrentResult | null = null
  busy = false
  flushing = false
  codeError: string | null = null
  /** Venues of campaigns this phone has seen (campaign id → its venues). */
  venueLists: Record<string, VenueRef[]> = {}
  private readonly now: () => number
  private readonly random: () => number

  constructor(private readonly deps: RedeemStoreDeps) {
    this.now = deps.now ?? Date.now
    this.random = deps.random ?? Math.random
    makeAutoObservable<RedeemStore, 'deps' | 'now' | 'random'>(this, { deps: false, now: false, random: false })
    this.restore()
  }

  get pendingCount(): number {
    return this.queue.length
  }

  private key(prefix: string): string | null {
    const uid = this.deps.userId()
    return uid === null || uid === undefined ? null : `${prefix}${uid}`
  }

  private restore(): void {
    const k = this.key(REDEEM_STORAGE_PREFIX)
    const raw = k ? this.deps.storage.getItem(k) : null
    if (raw) {
      try {
        const p = JSON.parse(raw) as Persisted
        this.queue = Array.isArray(p.queue) ? p.queue : []
        this.outcomes = Array.isArray(p.outcomes) ? p.outcomes : []
      } catch {
        // A corrupt entry is kept aside rather than lost.
        this.deps.storage.setItem(`${k}.corrupt`, raw)
      }
    }
    const lk = this.key(VENUE_LISTS_PREFIX)
    const lists = lk ? this.deps.storage.getItem(lk) : null
    if (lists) {
      try {
        this.venueLists = JSON.parse(lists) as Record<string, VenueRef[]>
      } catch {
        this.venueLists = {}
      }
    }
    const vk = this.key(VENUE_STORAGE_PREFIX)
    const venue = vk ? this.deps.storage.getItem(vk) : null
    if (venue) {
      try {
        this.venue = JSON.parse(venue) as VenueChoice
      } catch {
        this.venue = null
      }
    }
  }

  private persist(): void {
    const k = this.key(REDEEM_STORAGE_PREFIX)
    if (!k) return
    const data: Persisted = { queue: this.queue, outcomes: this.outcomes.slice(0, MAX_OUTCOMES) }
    this.deps.storage.setItem(k, JSON.stringify(data))
  }

  /** Remember a campaign's venues (from the picker or a lookup). */
  rememberVenues(campaignId: number, venues: VenueRef[]): void {
    this.venueLists = { ...this.venueLists, [campaignId]: venues }
    const lk = this.key(VENUE_LISTS_PREFIX)
    if (lk) this.deps.storage.setItem(lk, JSON.stringify(this.venueLists))
  }

  /**
   * The chosen venue's id within `campaignId`, by name: a number, 'none' (not one of its venues), 'not_found'
   * (not a campaign this staff member may redeem) or 'offline'.
   */
  private async venueIn(campaignId: number, name: string): Promise<number | 'none' | 'not_found' | 'offline'> {
    let list = this.venueLists[campaignId]
    if (!list) {
      try {
        const stats = await this.deps.api.send(vouchersApi.campaignStats, { params: { id: campaignId } })
        list = stats.perVenue.map((v) => ({ venueId: v.venueId, name: v.venueName }))
        runInAction(() => this.rememberVenues(campaignId, list!))
      } catch (err) {
        if (isNetworkFailure(err)) return 'offline'
        return 'not_found'
      }
    }
    return list.find((v) => v.name === name)?.venueId ?? 'none'
  }

  private localRefusal(scan: QueuedScan, campaignId: number, why: 'none' | 'not_found', queued: boolean): ScanOutcome {
    const names = (this.venueLists[campaignId] ?? []).map((v) => v.name).join('、')
    return {
      localId: scan.localId,
      code: scan.code,
      kind: why === 'none' ? 'wrong_venue' : 'not_found',
      message: why === 'none' ? `该券不能在${scan.venueName}使用，可用场馆：${names}` : '券码无效，或不在您的核销范围内',
      venueName: scan.venueName,
      scannedAt: scan.scannedAt,
      decidedAt: new Date(this.now()).toISOString(),
      queued,
    }
  }

  chooseVenue(v: VenueChoice | null): void {
    this.venue = v
    const vk = this.key(VENUE_STORAGE_PREFIX)
    if (vk) {
      if (v) this.deps.storage.setItem(vk, JSON.stringify(v))
      else this.deps.storage.removeItem(vk)
    }
  }

  private newLocalId(): string {
    return uuid4(this.random)
  }

  /** One scan or typed code at the chosen venue. */
  async redeem(raw: string): Promise<void> {
    const scanned = parseVoucherScan(raw)
    const code = normalizeCode(scanned.code)
    if (!this.venue) {
      this.codeError = '请先选择核销场馆'
      return
    }
    if (code.length < 4) {
      this.codeError = '请扫描或输入券码'
      return
    }
    if (this.busy) return
    const venue = this.venue
    if (!venue.campaignId) {
      this.codeError = '请重新选择核销场馆'
      return
    }
    const scan: QueuedScan = {
      localId: this.newLocalId(),
      code,
      campaignId: venue.campaignId,
      venueId: venue.venueId,
      venueName: venue.name,
      scannedAt: new Date(this.now()).toISOString(),
    }
    this.codeError = null
    this.busy = true
    this.current = null
    // A QR of another campaign: find the chosen venue among that campaign's venues first.
    if (scanned.campaignId !== null && venue.campaignId && scanned.campaignId !== venue.campaignId) {
      const id = await this.venueIn(scanned.campaignId, venue.name)
      if (id === 'none' || id === 'not_found') {
        runInAction(() => {
          this.record(this.localRefusal(scan, scanned.campaignId!, id, false))
          this.busy = false
        })
        return
      }
      if (id === 'offline') {
        // Sent (after its venue is looked up) when the network is back.
        scan.venueFor = scanned.campaignId
        scan.campaignId = scanned.campaignId
        runInAction(() => {
          this.enqueue(scan)
          this.busy = false
        })
        return
      }
      scan.venueId = id
      scan.campaignId = scanned.campaignId
    }
    // Scans keep their order: while older ones wait, a new one joins the queue behind them.
    if (this.queue.length > 0) {
      this.enqueue(scan)
      this.busy = false
      await this.flush()
      return
    }
    try {
      const r = await this.deps.api.send(vouchersApi.redeem, { body: { code, campaignId: scan.campaignId, venueId: scan.venueId } })
      runInAction(() => this.record(this.success(scan, r, false)))
    } catch (err) {
      runInAction(() => {
        if (isNetworkFailure(err)) this.enqueue(scan)
        else this.record(this.refusal(scan, err, false))
      })
    } finally {
      runInAction(() => {
        this.busy = false
      })
    }
  }

  private enqueue(scan: QueuedScan): void {
    this.queue.push(scan)
    this.current = { kind: 'queued', code: scan.code, message: '网络不给力，已存入待上传队列，恢复网络后自动上传' }
    this.persist()
  }

  private success(scan: QueuedScan, r: Redemption, queued: boolean): ScanOutcome {
    return {
      localId: scan.localId,
      code: scan.code,
      kind: 'redeemed',
      message: `${r.title} · ${r.venue.name}`,
      venueName: r.venue.name,
      scannedAt: scan.scannedAt,
      decidedAt: new Date(this.now()).toISOString(),
      queued,
      redemption: r,
    }
  }

  private refusal(scan: QueuedScan, err: unknown, queued: boolean): ScanOutcome {
    const { kind, message } = classifyRedeemError(err)
    const usedByMe = queued && kind === 'already_used' && this.outcomes.some((o) => o.code === scan.code && o.kind === 'redeemed')
    return {
      localId: scan.localId,
      code: scan.code,
      kind,
      message: usedByMe ? `离线期间重复核销：${message}` : message,
      venueName: scan.venueName,
      scannedAt: scan.scannedAt,
      decidedAt: new Date(this.now()).toISOString(),
      queued,
      usedByMe: usedByMe || undefined,
    }
  }

  private record(outcome: ScanOutcome): void {
    this.current = outcome
    this.outcomes = [outcome, ...this.outcomes].slice(0, MAX_OUTCOMES)
    this.persist()
  }

  /** Sends the queue in scan order; stops at the first network failure (tried again later). */
  async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return
    this.flushing = true
    try {
      for (const scan of this.queue.filter((q) => q.venueFor)) {
        const campaignId = scan.venueFor!
        const id = await this.venueIn(campaignId, scan.venueName)
        if (id === 'offline') return
        runInAction(() => {
          if (typeof id === 'number') {
            this.queue = this.queue.map((q) => (q.localId === scan.localId ? { ...q, venueId: id, venueFor: undefined } : q))
          } else {
            this.settle(scan, this.localRefusal(scan, campaignId, id, true))
          }
          this.persist()
        })
      }
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, BATCH_MAX)
        let results: RedeemBatchResult[]
        try {
          const res = await this.deps.api.send(vouchersApi.redeemBatch, {
            body: { items: batch.map((q) => ({ code: q.code, campaignId: q.campaignId, venueId: q.venueId, scannedAt: q.scannedAt, clientId: q.localId })) },
          })
          results = res.results
        } catch (err) {
          if (isNetworkFailure(err)) break
          // A server without the batch endpoint (404/405): one by one through /redeem.
          if (!(await this.flushOneByOne())) break
          continue
        }
        runInAction(() => {
          for (const r of results) {
            const scan = batch.find((q) => q.localId === r.clientId)
            if (scan) this.settle(scan, this.fromBatch(scan, r))
          }
          // Anything the server did not answer for stays queued (never dropped).
          this.persist()
        })
        if (results.length === 0) break
      }
    } finally {
      runInAction(() => {
        this.flushing = false
      })
    }
  }

  /** Returns false when it stopped at a network failure. */
  private async flushOneByOne(): Promise<boolean> {
    while (this.queue.length > 0) {
      const scan = this.queue[0]
      let outcome: ScanOutcome
      try {
        const r = await this.deps.api.send(vouchersApi.redeem, { body: { code: scan.code, campaignId: scan.campaignId, venueId: scan.venueId } })
        outcome = this.success(scan, r, true)
      } catch (err) {
        if (isNetworkFailure(err)) return false
        outcome = this.refusal(scan, err, true)
      }
      runInAction(() => {
        this.settle(scan, outcome)
        this.persist()
      })
    }
    return true
  }

  private fromBatch(scan: QueuedScan, r: RedeemBatchResult): ScanOutcome {
    if (r.outcome === 'redeemed' && r.redemption) return this.success(scan, r.redemption, true)
    const kind: RedeemKind = r.outcome === 'redeemed' ? 'error' : r.outcome
    return {
      localId: scan.localId,
      code: scan.code,
      kind,
      // The server's message already says when, where, and whether this phone's own earlier scan used it.
      message: r.message,
      venueName: scan.venueName,
      scannedAt: scan.scannedAt,
      decidedAt: new Date(this.now()).toISOString(),
      queued: true,
      usedByMe: r.usedByMe ?? undefined,
    }
  }

  private settle(scan: QueuedScan, outcome: ScanOutcome): void {
    this.queue = this.queue.filter((q) => q.localId !== scan.localId)
    this.outcomes = [outcome, ...this.outcomes].slice(0, MAX_OUTCOMES)
    if (this.current && this.current.kind === 'queued' && this.current.code === scan.code) this.current = outcome
  }

  clearOutcomes(): void {
    this.outcomes = []
    this.persist()
  }
}

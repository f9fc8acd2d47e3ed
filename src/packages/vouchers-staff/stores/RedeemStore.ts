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
 * Venues are the registry's: the staff member picks one of the venues their role is bound to
 * (GET /api/vouchers/redeem/venues). The server accepts an offline scan only if it is no earlier than the phone's last
 * sync: every answer from the server marks the time (`lastSyncAt`, persisted), each queued scan keeps the mark it was
 * made after, and a batch sends the earliest of them.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { vouchersApi } from '@contract/vouchers/api'
import type { RedeemBatchResult, Redemption, StaffVenue } from '@contract/vouchers/schemas'
import type { ApiClient } from '../../../api/client'
import { Resource } from '../../../stores/Resource'
import type { KeyValueStorage } from '../../../stores/storage'
import { parseVoucherScan } from '../../../utils/voucherQr'
import { classifyRedeemError, isNetworkFailure, kindOfBatchOutcome, type RedeemKind } from './redeem-outcome'
import { MAX_OUTCOMES, RedeemDevice, lastSyncOf, uuid4, type QueuedScan, type ScanOutcome, type VenueChoice } from './redeem-device'

export { REDEEM_TITLES, type RedeemKind } from './redeem-outcome'
export { REDEEM_STORAGE_PREFIX, VENUE_STORAGE_PREFIX, SYNC_STORAGE_PREFIX, MAX_OUTCOMES, type QueuedScan, type ScanOutcome, type VenueChoice } from './redeem-device'

export type CurrentResult = ScanOutcome | { kind: 'queued'; code: string; message: string }

export interface RedeemStoreDeps {
  api: ApiClient
  storage: KeyValueStorage
  userId: () => number | string | null
  now?: () => number
  random?: () => number
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
  /** The venues where this staff member may redeem (GET /redeem/venues; the page draws it with <ResourceView>). */
  readonly venueList: Resource<StaffVenue[]>
  /** When this phone last got an answer from the server (ISO), persisted: offline scans are judged against it. */
  lastSyncAt: string | null = null
  private readonly now: () => number
  private readonly random: () => number
  private readonly device: RedeemDevice

  constructor(private readonly deps: RedeemStoreDeps) {
    this.now = deps.now ?? Date.now
    this.random = deps.random ?? Math.random
    this.device = new RedeemDevice(deps.storage, deps.userId)
    this.venueList = new Resource(() => this.fetchVenues())
    makeAutoObservable<RedeemStore, 'deps' | 'now' | 'random' | 'device' | 'fetchVenues'>(this, {
      deps: false,
      now: false,
      random: false,
      device: false,
      venueList: false,
      fetchVenues: false,
    })
    const saved = this.device.read()
    this.queue = saved.queue
    this.outcomes = saved.outcomes
    this.lastSyncAt = saved.lastSyncAt
    this.venue = saved.venue
  }

  /** The venues where this staff member may redeem (null until loaded). */
  get venues(): StaffVenue[] | null {
    return this.venueList.data
  }

  get pendingCount(): number {
    return this.queue.length
  }

  private persist(): void {
    this.device.saveScans(this.queue, this.outcomes)
  }

  /** The server answered (whatever it said): the phone is in sync as of now. */
  private synced(): void {
    this.lastSyncAt = new Date(this.now()).toISOString()
    this.device.saveSync(this.lastSyncAt)
  }

  /** The venues where this staff member may redeem; a remembered choice that is no longer among them is dropped. */
  loadVenues(): Promise<void> {
    return this.venueList.load()
  }

  private async fetchVenues(): Promise<StaffVenue[]> {
    const res = await this.deps.api.send(vouchersApi.myRedeemVenues)
    runInAction(() => {
      this.synced()
      if (this.venue && !res.items.some((v) => v.id === this.venue!.venueId)) this.chooseVenue(null)
    })
    return res.items
  }

  chooseVenue(v: VenueChoice | null): void {
    this.venue = v
    this.device.saveVenue(v)
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
    const scan: QueuedScan = {
      localId: this.newLocalId(),
      code,
      venueId: venue.venueId,
      venueName: venue.name,
      scannedAt: new Date(this.now()).toISOString(),
      syncedAt: this.lastSyncAt,
    }
    this.codeError = null
    this.busy = true
    this.current = null
    // Scans keep their order: while older ones wait, a new one joins the queue behind them.
    if (this.queue.length > 0) {
      this.enqueue(scan)
      this.busy = false
      await this.flush()
      return
    }
    try {
      const r = await this.deps.api.send(vouchersApi.redeem, { body: { code, venueId: scan.venueId } })
      runInAction(() => {
        this.synced()
        this.record(this.success(scan, r, false))
      })
    } catch (err) {
      runInAction(() => {
        if (isNetworkFailure(err)) this.enqueue(scan)
        else {
          this.synced()
          this.record(this.refusal(scan, err, false))
        }
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
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, BATCH_MAX)
        let results: RedeemBatchResult[]
        try {
          const res = await this.deps.api.send(vouchersApi.redeemBatch, {
            body: {
              lastSyncAt: lastSyncOf(batch),
              items: batch.map((q) => ({ code: q.code, venueId: q.venueId, scannedAt: q.scannedAt, clientId: q.localId })),
            },
          })
          results = res.results
          runInAction(() => this.synced())
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
        const r = await this.deps.api.send(vouchersApi.redeem, { body: { code: scan.code, venueId: scan.venueId } })
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
    const kind: RedeemKind = r.outcome === 'redeemed' ? 'error' : kindOfBatchOutcome(r.outcome)
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

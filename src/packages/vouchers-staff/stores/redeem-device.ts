/**
 * What a staff phone keeps for 券核销, per staff user: the offline queue and the recent outcomes, the chosen venue,
 * and the last time the server answered (offline scans are judged against it). Pure TS: storage is injected.
 */
import type { Redemption } from '@contract/vouchers/schemas'
import type { KeyValueStorage } from '../../../stores/storage'
import type { RedeemKind } from './redeem-outcome'

export const REDEEM_STORAGE_PREFIX = 'union.redeemQueue.v1.'
/** v2: registry venue ids (v1 held per-campaign venue numbers, which mean nothing now: the venue is picked again). */
export const VENUE_STORAGE_PREFIX = 'union.redeemVenue.v2.'
export const SYNC_STORAGE_PREFIX = 'union.redeemSync.v1.'
/** Outcomes kept on the device (newest first). */
export const MAX_OUTCOMES = 50

/** Where the staff member redeems: a registry venue their role is bound to. */
export interface VenueChoice {
  venueId: number
  name: string
  /** The union that owns the venue (shown under its name). */
  orgName?: string | null
}

export interface QueuedScan {
  /** A UUID made once per scan: the batch endpoint's idempotency key (clientId). */
  localId: string
  code: string
  venueId: number
  venueName: string
  scannedAt: string
  /** The phone's last sync before this scan (ISO); null when it never reached the server. */
  syncedAt?: string | null
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

interface Persisted {
  queue: QueuedScan[]
  outcomes: ScanOutcome[]
}

/** An RFC 4122 version-4 UUID from `random` (weapp has no crypto.randomUUID). */
export function uuid4(random: () => number = Math.random): string {
  const h = Array.from({ length: 32 }, () => Math.floor(random() * 16))
  h[12] = 4
  h[16] = (h[16] & 0x3) | 0x8
  const s = h.map((x) => x.toString(16)).join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

/** The phone's sync mark sent with a batch: the earliest one its scans were made after (else the earliest scan). */
export function lastSyncOf(batch: readonly QueuedScan[]): string {
  const marks = batch.map((q) => q.syncedAt ?? q.scannedAt)
  return marks.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a))
}

/** The device's copy for one staff user (nobody logged in: nothing is read or kept). */
export class RedeemDevice {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly userId: () => number | string | null,
  ) {}

  private key(prefix: string): string | null {
    const uid = this.userId()
    return uid === null || uid === undefined ? null : `${prefix}${uid}`
  }

  read(): { queue: QueuedScan[]; outcomes: ScanOutcome[]; lastSyncAt: string | null; venue: VenueChoice | null } {
    const out = { queue: [] as QueuedScan[], outcomes: [] as ScanOutcome[], lastSyncAt: null as string | null, venue: null as VenueChoice | null }
    const k = this.key(REDEEM_STORAGE_PREFIX)
    const raw = k ? this.storage.getItem(k) : null
    if (raw) {
      try {
        const p = JSON.parse(raw) as Persisted
        out.queue = Array.isArray(p.queue) ? p.queue : []
        out.outcomes = Array.isArray(p.outcomes) ? p.outcomes : []
      } catch {
        // A corrupt entry is kept aside rather than lost.
        this.storage.setItem(`${k}.corrupt`, raw)
      }
    }
    const sk = this.key(SYNC_STORAGE_PREFIX)
    out.lastSyncAt = (sk ? this.storage.getItem(sk) : null) || null
    const vk = this.key(VENUE_STORAGE_PREFIX)
    const venue = vk ? this.storage.getItem(vk) : null
    if (venue) {
      try {
        out.venue = JSON.parse(venue) as VenueChoice
      } catch {
        out.venue = null
      }
    }
    return out
  }

  saveScans(queue: QueuedScan[], outcomes: ScanOutcome[]): void {
    const k = this.key(REDEEM_STORAGE_PREFIX)
    if (!k) return
    const data: Persisted = { queue, outcomes: outcomes.slice(0, MAX_OUTCOMES) }
    this.storage.setItem(k, JSON.stringify(data))
  }

  saveSync(at: string): void {
    const sk = this.key(SYNC_STORAGE_PREFIX)
    if (sk) this.storage.setItem(sk, at)
  }

  saveVenue(v: VenueChoice | null): void {
    const vk = this.key(VENUE_STORAGE_PREFIX)
    if (!vk) return
    if (v) this.storage.setItem(vk, JSON.stringify(v))
    else this.storage.removeItem(vk)
  }
}

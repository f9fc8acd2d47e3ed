/**
 * An unanswered claim kept on the device: its Idempotency-Key and the venue it was for (split stock), per user and
 * campaign, so a crash or a reload mid-claim resumes it with the same key. Pure TS.
 */
import type { KeyValueStorage } from '../../../stores/storage'

export const CLAIM_KEY_PREFIX = 'union.voucherClaimKey.v1.'

export interface PendingClaim {
  key: string
  venueId: number | null
}

/** Stored as JSON `{ key, venueId }`; a bare key string (stored before venues were split) is still read. */
export function parsePending(raw: string | null): PendingClaim | null {
  if (!raw) return null
  if (raw.startsWith('{')) {
    try {
      const p = JSON.parse(raw) as Partial<PendingClaim>
      if (typeof p.key === 'string' && p.key) return { key: p.key, venueId: typeof p.venueId === 'number' ? p.venueId : null }
    } catch {
      // not ours: treated as no pending claim
    }
    return null
  }
  return { key: raw, venueId: null }
}

/** The pending claim of one campaign for whoever is logged in (nobody logged in: nothing is kept). */
export class PendingClaims {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly userId: () => number | string | null,
    private readonly campaignId: number,
  ) {}

  private get storageKey(): string | null {
    const uid = this.userId()
    return uid === null || uid === undefined ? null : `${CLAIM_KEY_PREFIX}${uid}.${this.campaignId}`
  }

  get(): PendingClaim | null {
    const k = this.storageKey
    return k ? parsePending(this.storage.getItem(k)) : null
  }

  set(p: PendingClaim): void {
    const k = this.storageKey
    if (k) this.storage.setItem(k, JSON.stringify(p))
  }

  clear(): void {
    const k = this.storageKey
    if (k) this.storage.removeItem(k)
  }
}

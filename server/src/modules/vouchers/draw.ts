/**
 * The lottery draw (抽签), pure and deterministic so that anyone can re-run it from the published record
 * (GET /api/vouchers/campaigns/:id/draw): see LOTTERY_DRAW_ALGORITHM in contract/vouchers/draw-algorithm.ts.
 *
 *   commitment = SHA-256(seed)                      published from creation
 *   score(e)   = SHA-256(seed + ':' + e.entryId)     lowercase hex (draw version 2: the entry number, which the
 *                                                   record publishes; version 1 used e.userId, which it does not)
 *   order      = entries sorted by score, then by entryId
 *   winners    = the first min(totalStock, entries) of order; the rest join the waitlist in that order
 */
import { createHash, randomBytes } from 'node:crypto'

export interface DrawEntry {
  entryId: number
  userId: number
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/** A fresh secret seed: 32 random bytes as 64 lowercase hex characters. */
export const newSeed = (): string => randomBytes(32).toString('hex')

export const commitmentOf = (seed: string): string => sha256Hex(seed)

/** The draw rule in force (voucher_campaigns.draw_version); 1 = campaigns drawn before entry numbers were used. */
export const DRAW_VERSION = 2

export const drawScore = (seed: string, key: number): string => sha256Hex(`${seed}:${key}`)

/** Every entry in draw order (winners first). */
export function drawOrder<E extends DrawEntry>(seed: string, entries: readonly E[], version = DRAW_VERSION): E[] {
  return entries
    .map((e) => ({ e, score: drawScore(seed, version === 1 ? e.userId : e.entryId) }))
    .sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.e.entryId - b.e.entryId))
    .map((x) => x.e)
}

/** The winners' entry numbers in draw order. */
export function drawWinners(seed: string, entries: readonly DrawEntry[], totalStock: number, version = DRAW_VERSION): number[] {
  return drawOrder(seed, entries, version)
    .slice(0, Math.max(0, totalStock))
    .map((e) => e.entryId)
}

/**
 * 福利券: the constants and small rules every use case shares — voucher codes, stock shards, the per-member limit's
 * scope, a voucher's state at a moment, and the array parameters of the hand-written SQL.
 */
import { randomInt } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { VoucherState } from '@contract/vouchers/labels'
import type { LimitParams } from '@contract/vouchers/reasons'
import { chinaMonth } from '../../time'
import type { VoucherCampaignRow, VoucherRow } from '../../db/schema/vouchers'
import { pages } from '@contract/pages'

/** A first-come campaign's stock is split over at most this many `voucher_stock` rows. */
export const MAX_SHARDS = 32
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const DAY_MS = 86_400_000
export const HOUR_MS = 3_600_000
/** Where the messages about a member's vouchers link to. */
export const MINE_LINK = pages.vouchers.mine.path

export function newVoucherCode(): string {
  let s = ''
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return s
}

/** The shard sizes for `stock` units over `shards` rows (the first ones get the remainder). */
export function shardSizes(stock: number, shards: number): number[] {
  const base = Math.floor(stock / shards)
  return Array.from({ length: shards }, (_, i) => base + (i < stock % shards ? 1 : 0))
}

/** The voucher_quotas scope a claim counts against: 'movie:2026-11' (a calendar month of a kind) or 'c:42'. */
export function quotaScope(c: VoucherCampaignRow, nowMs: number): string {
  return c.limitPeriod === 'calendar_month' ? `${c.kind}:${chinaMonth(nowMs)}` : `c:${c.id}`
}

/** The campaign's per-member limit, as the LIMIT_REACHED refusal names it. */
export const limitOf = (c: VoucherCampaignRow): LimitParams => ({ kind: c.kind, count: c.limitCount, period: c.limitPeriod })

/** A lottery win not confirmed by its deadline (handed on by the next settle). */
export function lapsedWin(v: Pick<VoucherRow, 'state' | 'confirmBy' | 'confirmedAt'>, now: number): boolean {
  return v.state === 'unused' && !!v.confirmBy && !v.confirmedAt && v.confirmBy.getTime() <= now
}

/** The state a member or the staff see at `now`: a lapsed win reads as returned, an unused one past validity as expired. */
export function stateOf(v: Pick<VoucherRow, 'state' | 'confirmBy' | 'confirmedAt' | 'validUntil'>, now: number): VoucherState {
  if (lapsedWin(v, now)) return 'returned'
  if (v.state === 'unused' && v.validUntil.getTime() <= now) return 'expired'
  return v.state
}

/** A PostgreSQL array literal parameter, e.g. intArray([1, 2]) → '{1,2}'::int[]. */
export const intArray = (xs: number[]) => sql`${`{${xs.map((x) => Math.trunc(x)).join(',')}}`}::int[]`
export const textArray = (xs: string[]) => sql`${`{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`

export function chunks<T>(xs: T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}

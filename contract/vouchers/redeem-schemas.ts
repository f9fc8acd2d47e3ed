/**
 * 核销 (redemption at the venue) shapes: a scan online, and the staff phone's offline queue sent as a batch. Split from
 * ./schemas.ts, which re-exports them (as it does ./basics.ts).
 */
import { z } from 'zod'
import { CampaignKind, RedeemOutcome, Venue } from './basics'

const isoInstant = z.string()

export const RedeemBody = z.object({
  code: z.string().trim().min(4, '请输入券码').max(40),
  /** The registry venue where the staff member stands (one of GET /api/vouchers/redeem/venues). */
  venueId: z.number({ error: '请先选择核销场馆' }).int().positive({ error: '请先选择核销场馆' }),
})
export const Redemption = z.object({
  voucherId: z.number().int(),
  code: z.string(),
  title: z.string(),
  kind: CampaignKind,
  venue: Venue,
  usedAt: isoInstant,
  /** Offline scans: seconds from the scan on the phone to the server accepting it (recorded); null when online. */
  lagSeconds: z.number().int().nullable().optional(),
})
export type Redemption = z.infer<typeof Redemption>

/** One scan from the staff phone's offline queue. */
export const RedeemBatchItem = z.object({
  /** As scanned; an unreadable code gives outcome not_found rather than failing the batch. */
  code: z.string().trim().max(64),
  /** As in RedeemBody: the registry venue where it was scanned. */
  venueId: z.number().int().positive(),
  /**
   * Device time of the scan (ISO). The voucher must have been valid then (claimed before, not yet expired), and the
   * scan may be no earlier than the batch's `lastSyncAt` nor more than 24 h before the server receives it.
   */
  scannedAt: z.iso.datetime({ offset: true, error: '扫码时间格式不正确' }),
  /** A UUID made once per scan on the device; resending the same one returns the same outcome. */
  clientId: z.uuid({ error: 'clientId 须为 UUID' }),
})
export type RedeemBatchItem = z.infer<typeof RedeemBatchItem>
export const RedeemBatchBody = z.object({
  /** When this phone last reached the server (device time, ISO): scans before it are refused (outcome 'stale'). */
  lastSyncAt: z.iso.datetime({ offset: true, error: '请提供本机上次同步时间' }),
  items: z.array(RedeemBatchItem).min(1, '没有待提交的核销记录').max(100, '一次最多提交 100 条'),
})
export const RedeemBatchResult = z.object({
  clientId: z.string(),
  code: z.string(),
  outcome: RedeemOutcome,
  /** Chinese message for the staff, e.g. 该券已于 2026-11-23 10:00 在星光影院使用（本机此前已核销）. */
  message: z.string(),
  /** True when this clientId had been processed before (a resend): the stored outcome is returned. */
  replayed: z.boolean(),
  /** redeemed: the redemption. */
  redemption: Redemption.nullable(),
  /** already_used: when and where it was used, and whether by this staff user's earlier scan. */
  usedAt: isoInstant.nullable(),
  usedVenue: Venue.nullable(),
  usedByMe: z.boolean().nullable(),
})
export type RedeemBatchResult = z.infer<typeof RedeemBatchResult>

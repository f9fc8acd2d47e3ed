/**
 * What a scan ended in, and how the server's answer becomes one: a refused /redeem by its `reason` (the names in
 * contract/vouchers/reasons.ts), an offline batch's item by its `outcome` (REDEEM_OUTCOMES) — never by the Chinese
 * text, which the server may reword freely. Pure TS.
 */
import type { VoucherReason } from '@contract/vouchers/reasons'
import type { RedeemOutcome } from '@contract/vouchers/labels'
import { isApiError, errorMessage } from '../../../api/errors'

export type RedeemKind =
  | 'redeemed'
  | 'already_used'
  | 'wrong_venue'
  | 'expired'
  | 'returned'
  | 'not_found'
  | 'stale'
  | 'not_bound'
  | 'error'

export const REDEEM_TITLES: Record<RedeemKind, string> = {
  redeemed: '核销成功',
  already_used: '已使用',
  wrong_venue: '非本场馆',
  expired: '已过期',
  returned: '券已退回',
  not_found: '券码无效',
  stale: '扫码时间无效',
  not_bound: '非您的场馆',
  error: '核销失败',
}

/** The refusals of POST /redeem the staff get a state for; any other (场馆已停用 …) is shown as it is under 核销失败. */
export const REDEEM_REFUSALS = {
  ALREADY_REDEEMED: 'already_used',
  WRONG_VENUE: 'wrong_venue',
  VOUCHER_EXPIRED: 'expired',
  VOUCHER_RETURNED: 'returned',
  CODE_NOT_FOUND: 'not_found',
  VENUE_NOT_BOUND: 'not_bound',
} as const satisfies Partial<Record<VoucherReason, RedeemKind>>

/** Each outcome of an offline batch item (the contract's REDEEM_OUTCOMES, every one named: a new one fails typecheck). */
export const BATCH_OUTCOMES: Record<RedeemOutcome, RedeemKind> = {
  redeemed: 'redeemed',
  already_used: 'already_used',
  wrong_venue: 'wrong_venue',
  expired: 'expired',
  not_found: 'not_found',
  stale: 'stale',
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

export function isNetworkFailure(err: unknown): boolean {
  if (!isApiError(err)) return true
  return err.status === 0 || err.status === 429 || err.status >= 500
}

/** The server refused a code: which of the outcomes it is (the message says when/where for 已使用). */
export function classifyRedeemError(err: unknown): { kind: RedeemKind; message: string } {
  const message = errorMessage(err)
  if (!isApiError(err)) return { kind: 'error', message }
  if (has(REDEEM_REFUSALS, err.reason)) return { kind: REDEEM_REFUSALS[err.reason as keyof typeof REDEEM_REFUSALS], message }
  // A code the contract's schema rejects (too short, bad characters): said beside the code, like a wrong code.
  const codeField = err.field('code')
  if (codeField) return { kind: 'not_found', message: codeField }
  return { kind: 'error', message }
}

/** An offline batch item's outcome as a kind (an outcome this app does not know yet: 核销失败 with the server's words). */
export function kindOfBatchOutcome(outcome: string): RedeemKind {
  return has(BATCH_OUTCOMES, outcome) ? BATCH_OUTCOMES[outcome as RedeemOutcome] : 'error'
}

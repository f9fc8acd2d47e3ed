/**
 * What a claim (or a lottery entry) ended in, and how a refusal becomes one: by the refusal's `reason` (the names in
 * contract/vouchers/reasons.ts), never by its Chinese text — the server may reword a message freely. Pure TS.
 */
import type { Voucher } from '@contract/vouchers/schemas'
import type { VoucherReason } from '@contract/vouchers/reasons'
import { isApiError, errorMessage } from '../../../api/errors'

export type ClaimOutcome =
  | { kind: 'success'; voucher: Voucher; replayed: boolean }
  /** Lottery: 参与抽签 accepted (or already entered). */
  | { kind: 'entered'; message: string }
  | { kind: 'sold_out'; message: string }
  | { kind: 'limit'; message: string }
  | { kind: 'not_open'; message: string }
  | { kind: 'closed'; message: string }
  | { kind: 'not_eligible'; message: string }
  /** Network or server trouble: the same key is re-sent on 重试. */
  | { kind: 'retry'; message: string }
  | { kind: 'error'; message: string }

type RefusalKind = Exclude<ClaimOutcome['kind'], 'success' | 'entered' | 'retry' | 'error'>

/**
 * The refusals the member gets a state for (sold out → 加入候补, not open → the clock is measured again …); any other
 * refusal (活动不存在, 本活动为抽签发放 …) is shown as it is, under 领取失败.
 */
export const CLAIM_REFUSALS = {
  SOLD_OUT: 'sold_out',
  NOT_OPEN: 'not_open',
  CLOSED: 'closed',
  LIMIT_REACHED: 'limit',
  NOT_MEMBER: 'not_eligible',
  NOT_ELIGIBLE: 'not_eligible',
} as const satisfies Partial<Record<VoucherReason, RefusalKind>>

/** Whether a failure may be retried with the same key (no answer, or the server/gateway could not answer). */
export function isRetryable(err: unknown): boolean {
  if (!isApiError(err)) return true
  return err.status === 0 || err.status === 429 || err.status >= 500
}

/** Maps a failed claim to what the member should read. */
export function classifyClaimError(err: unknown): ClaimOutcome {
  const message = errorMessage(err)
  if (isRetryable(err)) return { kind: 'retry', message: `${message}。点“重试”继续这次领取，不会重复领券` }
  const reason = isApiError(err) ? err.reason : ''
  const kind = Object.prototype.hasOwnProperty.call(CLAIM_REFUSALS, reason) ? CLAIM_REFUSALS[reason as keyof typeof CLAIM_REFUSALS] : 'error'
  return { kind, message }
}

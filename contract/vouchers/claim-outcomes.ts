/**
 * What the first-come claim's database function (`voucher_claim_batch()`, server/migrations) answers for each tap,
 * declared once: the server's claim code parses the function's rows against CLAIM_OUTCOMES, the service refuses by
 * CLAIM_OUTCOME_REASONS, and the app may read a refusal's `reason` back to its outcome (CLAIM_REASON_OUTCOMES).
 * The plpgsql function itself cannot import this list: a server test checks that every outcome it can return is
 * one of these and that each of these is one it returns. Zod-free.
 *
 *   ok               a voucher was issued
 *   replay           the tap's Idempotency-Key had already produced a voucher (the same one is answered)
 *   unauthenticated  the session is revoked, expired or another user's
 *   not_found        no such campaign, or not one of the member's union's
 *   not_member       the user is not a union member
 *   not_eligible     the member's employment type is not among the campaign's
 *   lottery          the campaign is a lottery (enter it instead)
 *   not_open         before the window (the row carries opens_at)
 *   closed           after the window
 *   venue_required   the stock is split per venue and no venue was chosen
 *   venue_unknown    the venue is not one of the campaign's
 *   limit            the member's per-campaign or per-month limit is used up
 *   sold_out         no stock left (for that venue, when split)
 *   retry            stock is left but every non-empty shard was held by another batch: send the tap again
 */
import type { ErrorCodes } from '../errors'
import type { VoucherReason } from './reasons'

export const CLAIM_OUTCOMES = [
  'ok',
  'replay',
  'unauthenticated',
  'not_found',
  'not_member',
  'not_eligible',
  'lottery',
  'not_open',
  'closed',
  'venue_required',
  'venue_unknown',
  'limit',
  'sold_out',
  'retry',
] as const

export type ClaimOutcomeName = (typeof CLAIM_OUTCOMES)[number]

/** The outcomes that are a refusal of the tap (not 'ok', not 'replay', not 'retry', which the server resends). */
export type RefusedClaimOutcome = Exclude<ClaimOutcomeName, 'ok' | 'replay' | 'retry'>

/** The refusal each refused outcome becomes: a voucher reason, or (a dead session) the class UNAUTHENTICATED. */
export const CLAIM_OUTCOME_REASONS = {
  unauthenticated: 'UNAUTHENTICATED',
  not_found: 'CAMPAIGN_NOT_FOUND',
  not_member: 'NOT_MEMBER',
  not_eligible: 'NOT_ELIGIBLE',
  lottery: 'LOTTERY_ONLY',
  not_open: 'NOT_OPEN',
  closed: 'CLOSED',
  venue_required: 'VENUE_REQUIRED',
  venue_unknown: 'VENUE_UNKNOWN',
  limit: 'LIMIT_REACHED',
  sold_out: 'SOLD_OUT',
} as const satisfies Record<RefusedClaimOutcome, VoucherReason | typeof ErrorCodes.UNAUTHENTICATED>

export type ClaimRefusalReason = (typeof CLAIM_OUTCOME_REASONS)[RefusedClaimOutcome]

/** A refusal's `reason` back to the claim outcome it stands for (e.g. SOLD_OUT → sold_out); other reasons are absent. */
export const CLAIM_REASON_OUTCOMES: { readonly [R in ClaimRefusalReason]: RefusedClaimOutcome } = Object.fromEntries(
  Object.entries(CLAIM_OUTCOME_REASONS).map(([outcome, reason]) => [reason, outcome]),
) as never

const known: ReadonlySet<string> = new Set(CLAIM_OUTCOMES)

/** Whether a word the database function returned is one of the declared outcomes. */
export const isClaimOutcome = (word: string): word is ClaimOutcomeName => known.has(word)

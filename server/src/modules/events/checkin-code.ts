/**
 * The code a member shows at the door: `E.<registration id>.<expiry>.<signature>` (ids and expiry in base 36,
 * expiry in seconds), signed with the server secret over the registration id, the expiry AND the id of the
 * member's session that asked for it. The session id is not in the code: the verifier finds the session among the
 * registration's member's sessions, so a code works only while that session is live (logout revokes it) and only
 * for that member; it expires after CHECKIN_CODE_TTL_MS. A screenshot forwarded to someone else is worthless a
 * minute later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const CHECKIN_CODE_TTL_MS = 60_000
/** Clock skew tolerated between instances for a code "from the future". */
const SKEW_MS = 5_000

export interface ParsedCheckinCode {
  registrationId: number
  /** Seconds since epoch. */
  exp: number
  sig: string
}

function mac(secret: string, registrationId: number, exp: number, sessionId: string): string {
  return createHmac('sha256', secret)
    .update('event-member-checkin')
    .update('\0')
    .update(`${registrationId}.${exp}.${sessionId}`)
    .digest('base64url')
    .slice(0, 22)
}

export function signCheckinCode(secret: string, registrationId: number, sessionId: string, nowMs: number): { code: string; expiresAt: number } {
  const exp = Math.floor((nowMs + CHECKIN_CODE_TTL_MS) / 1000)
  return {
    code: `E.${registrationId.toString(36)}.${exp.toString(36)}.${mac(secret, registrationId, exp, sessionId)}`,
    expiresAt: exp * 1000,
  }
}

export function parseCheckinCode(text: string): ParsedCheckinCode | null {
  const m = /^E\.([0-9a-z]{1,7})\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]{22})$/.exec(text.replace(/\s+/g, ''))
  if (!m) return null
  const registrationId = parseInt(m[1], 36)
  const exp = parseInt(m[2], 36)
  if (!Number.isSafeInteger(registrationId) || registrationId <= 0 || !Number.isSafeInteger(exp)) return null
  return { registrationId, exp, sig: m[3] }
}

/** True when `code` was signed for `sessionId` (timing-safe). */
export function signedForSession(secret: string, code: ParsedCheckinCode, sessionId: string): boolean {
  const expected = Buffer.from(mac(secret, code.registrationId, code.exp, sessionId))
  const given = Buffer.from(code.sig)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

export type Freshness = 'fresh' | 'expired' | 'future'

export function freshness(code: ParsedCheckinCode, nowMs: number): Freshness {
  const expMs = code.exp * 1000
  if (expMs <= nowMs) return 'expired'
  if (expMs > nowMs + CHECKIN_CODE_TTL_MS + SKEW_MS) return 'future'
  return 'fresh'
}

/**
 * Session tokens: `base64url(JSON payload).base64url(HMAC-SHA256(payload, secret))`.
 * The payload names the session row (sid) that must still be live; the signature only proves
 * the token was issued here. Verification is timing-safe.
 */
import { createHmac, timingSafeEqual, randomBytes } from 'node:crypto'

export interface TokenPayload {
  /** Session row id. */
  sid: string
  /** User id. */
  uid: number
  /** Issued at, seconds since epoch. */
  iat: number
  /** Expires at, seconds since epoch. */
  exp: number
}

export type TokenCheck = { ok: true; payload: TokenPayload } | { ok: false; reason: 'malformed' | 'signature' | 'expired' }

function mac(data: string, secret: string, domain: string): Buffer {
  return createHmac('sha256', secret).update(domain).update('\0').update(data).digest()
}

export function signToken(payload: TokenPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
  return `${body}.${mac(body, secret, 'session').toString('base64url')}`
}

export function verifyToken(token: string, secret: string, nowMs: number): TokenCheck {
  const parts = token.split('.')
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' }
  const [body, sig] = parts
  if (!safeEqual(sig, mac(body, secret, 'session'))) return { ok: false, reason: 'signature' }
  let payload: TokenPayload
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (
    typeof payload !== 'object' || payload === null ||
    typeof payload.sid !== 'string' || typeof payload.uid !== 'number' ||
    typeof payload.iat !== 'number' || typeof payload.exp !== 'number'
  ) {
    return { ok: false, reason: 'malformed' }
  }
  if (payload.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' }
  return { ok: true, payload }
}

/** True when the token has used up more than half its lifetime. */
export function pastHalfLife(payload: TokenPayload, nowMs: number): boolean {
  return nowMs / 1000 >= payload.iat + (payload.exp - payload.iat) / 2
}

export function newSessionId(): string {
  return randomBytes(24).toString('base64url')
}

/** HMAC signature for a short-lived file URL (`/api/files/<id>?exp=..&sig=..`). */
export function signFileUrl(fileId: string, exp: number, secret: string): string {
  return mac(`${fileId}:${exp}`, secret, 'file').toString('base64url')
}

export function verifyFileUrl(fileId: string, exp: number, sig: string, secret: string, nowMs: number): boolean {
  if (!Number.isInteger(exp) || exp * 1000 <= nowMs) return false
  return safeEqual(sig, mac(`${fileId}:${exp}`, secret, 'file'))
}

function safeEqual(given: string, expected: Buffer): boolean {
  // Compare the canonical encodings: base64url decoding would tolerate altered padding bits.
  const g = Buffer.from(given, 'utf8')
  const e = Buffer.from(expected.toString('base64url'), 'utf8')
  return g.length === e.length && timingSafeEqual(g, e)
}

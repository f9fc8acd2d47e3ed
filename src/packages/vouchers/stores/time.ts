/**
 * Server-corrected time for countdowns (pure TS, no Taro): the phone's clock may be minutes off, so every
 * countdown runs on `device time + offset`, the offset measured from the `serverTime` the API returns.
 */

/**
 * serverTime − device time, taking the middle of the request as the moment the server answered
 * (halves the error a slow network adds).
 */
export function clockOffset(serverTime: string, sentAtMs: number, receivedAtMs: number): number {
  const server = Date.parse(serverTime)
  if (!Number.isFinite(server)) return 0
  return server - Math.round((sentAtMs + receivedAtMs) / 2)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 2天 03:04:05 / 03:04:05 / 04:05 — the time left until an instant, never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const d = Math.floor(total / 86_400)
  const h = Math.floor((total % 86_400) / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (d > 0) return `${d}天 ${pad(h)}:${pad(m)}:${pad(s)}`
  if (h > 0) return `${pad(h)}:${pad(m)}:${pad(s)}`
  return `${pad(m)}:${pad(s)}`
}

/** 还剩3天 / 还剩5小时 / 还剩12分钟 / 已到期 — a voucher's validity left. */
export function validityLeft(validUntil: string, nowMs: number): string {
  const ms = Date.parse(validUntil) - nowMs
  if (!(ms > 0)) return '已到期'
  if (ms >= 86_400_000) return `还剩${Math.floor(ms / 86_400_000)}天`
  if (ms >= 3_600_000) return `还剩${Math.floor(ms / 3_600_000)}小时`
  return `还剩${Math.max(1, Math.floor(ms / 60_000))}分钟`
}

/** A fresh idempotency key (matches the contract's [A-Za-z0-9_-]{8,64}); no crypto API needed on weapp. */
export function newIdempotencyKey(random: () => number = Math.random, nowMs: number = Date.now()): string {
  let s = nowMs.toString(36)
  while (s.length < 32) s += Math.floor(random() * 36).toString(36)
  return s.slice(0, 32)
}

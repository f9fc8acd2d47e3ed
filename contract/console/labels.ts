/** 扫码登录 (the office console's QR login): limits both sides read at runtime. Zod-free. */
import { pages } from '../pages'

/** A login QR lives this long (then the console shows a fresh one). */
export const CONSOLE_TICKET_TTL_SECONDS = 120
/** A confirmed ticket may still be collected by its console this long after it expired (a poll in flight). */
export const CONSOLE_TICKET_CLAIM_GRACE_SECONDS = 30
/** The console asks for its ticket's state this often. */
export const CONSOLE_POLL_MS = 1500
/** A console session ends this long after the last request (renewed while in use)… */
export const CONSOLE_SESSION_IDLE_HOURS = 2
/** …and at the latest this long after the login, however busy. */
export const CONSOLE_SESSION_MAX_HOURS = 8

/**
 * What the QR encodes: the H5 app's confirm page for the ticket, a plain https link — the mini-program's scanner
 * reads the ticket out of it (ticketFromQr), and a phone without the mini-program opens it in the browser.
 */
export const consoleQrContent = (origin: string, ticket: string) => `${origin.replace(/\/+$/, '')}${pages.consoleLogin.confirm.url({ ticket })}`

/** The ticket in a scanned QR, or null when the QR is not a console login. */
export function ticketFromQr(content: string): string | null {
  const m = /^(?:https?:\/\/[^/?#]+)?(\/[^?#]*)\?(?:[^#]*&)?ticket=([A-Za-z0-9_-]{16,64})(?:[&#]|$)/.exec(content.trim())
  return m && m[1] === pages.consoleLogin.confirm.path ? m[2] : null
}

export const TICKET_STATES = ['pending', 'scanned', 'confirmed', 'cancelled', 'expired', 'used'] as const
export type TicketState = (typeof TICKET_STATES)[number]

import { z } from 'zod'
import { Session } from '../auth/schemas'
import { TICKET_STATES } from './labels'

const TicketId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '二维码无效')

export const TicketParams = z.object({ ticket: TicketId })

/** A new login QR for the console (anonymous). `secret` is the console's alone: the QR shows only `ticket`. */
export const TicketCreated = z.object({
  ticket: z.string(),
  /** What the QR encodes: the H5 confirm page's link for this ticket (consoleQrContent). */
  qr: z.string(),
  secret: z.string(),
  expiresAt: z.string(),
  pollMs: z.number().int(),
})
export type TicketCreated = z.infer<typeof TicketCreated>

export const PollBody = z.object({ secret: z.string().min(16).max(128) })

/** The console's view of its ticket; `session` exactly once, on the poll that collects the confirmed login. */
export const TicketPoll = z.object({
  state: z.enum(TICKET_STATES),
  expiresAt: z.string(),
  /** Who scanned it (so the console can say "已扫码，请在手机上确认"), once scanned. */
  scannedBy: z.string().nullable(),
  session: Session.nullable(),
})
export type TicketPoll = z.infer<typeof TicketPoll>

/** The phone's view: where the login comes from and when, for "在电脑上登录工会工作台？". */
export const TicketView = z.object({
  ticket: z.string(),
  state: z.enum(TICKET_STATES),
  /** 来自 Chrome · Linux · IP 127.0.0.1 */
  place: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
})
export type TicketView = z.infer<typeof TicketView>

export const Ok = z.object({ ok: z.literal(true) })

export const ConsoleSessionItem = z.object({
  place: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
})
export const ConsoleSessions = z.object({ sessions: z.array(ConsoleSessionItem) })
export type ConsoleSessions = z.infer<typeof ConsoleSessions>

export const LogoutConsoles = z.object({ ended: z.number().int() })

export const DevLoginBody = z.object({ persona: z.string().min(1, '请选择演示身份').max(64) })

// Endpoint schema groups, referenced by ./api.ts through `import type`.
export const createTicket = { response: TicketCreated }
export const pollTicket = { params: TicketParams, body: PollBody, response: TicketPoll }
export const viewTicket = { params: TicketParams, response: TicketView }
export const confirmTicket = { params: TicketParams, response: Ok }
export const cancelTicket = { params: TicketParams, response: Ok }
export const mySessions = { response: ConsoleSessions }
export const logoutConsoles = { response: LogoutConsoles }
export const devLogin = { body: DevLoginBody, response: Session }

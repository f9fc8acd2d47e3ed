/**
 * 扫码登录: the office console's login tickets. A ticket is the QR's content (its id, public) plus a secret only the
 * console that asked for it holds (stored hashed); the phone that scans it confirms, the console then collects a
 * console session (sessions.kind = 'console') exactly once.
 */
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, ts } from './columns'
import { sessions, users } from './core'

export const consoleLoginTickets = pgTable(
  'console_login_tickets',
  {
    id: text('id').primaryKey(),
    /** sha256 (hex) of the console's secret. */
    secretHash: text('secret_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    /** The browser that asked, for the phone's "来自 Chrome · Linux · IP 127.0.0.1". */
    place: text('place').notNull(),
    scannedBy: integer('scanned_by').references(() => users.id, { onDelete: 'set null' }),
    scannedAt: ts('scanned_at'),
    confirmedBy: integer('confirmed_by').references(() => users.id, { onDelete: 'cascade' }),
    confirmedAt: ts('confirmed_at'),
    cancelledAt: ts('cancelled_at'),
    /** When the console collected its session (once). */
    claimedAt: ts('claimed_at'),
    sessionId: text('session_id').references(() => sessions.id, { onDelete: 'set null' }),
  },
  (t) => [index('console_login_tickets_expires_idx').on(t.expiresAt), index('console_login_tickets_session_idx').on(t.sessionId)],
)

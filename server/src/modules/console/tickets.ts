/**
 * 扫码登录: the console's login tickets and console sessions.
 *
 *   console  createTicket → { ticket (the QR), secret (kept by the console) }   anonymous, rate-limited per address
 *   phone    view (scanned) → confirm | cancel                                   a staff member, from a phone session
 *   console  poll(secret) → pending / scanned / … → confirmed + the session, exactly once
 *   phone    退出电脑登录 → every console session of the user revoked
 *
 * A ticket lives CONSOLE_TICKET_TTL_SECONDS; it is confirmed at most once (a conditional UPDATE: two phones racing
 * get one winner) and collected at most once (the same), each step audited in its transaction.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import {
  CONSOLE_POLL_MS,
  CONSOLE_SESSION_MAX_HOURS,
  CONSOLE_TICKET_CLAIM_GRACE_SECONDS,
  CONSOLE_TICKET_TTL_SECONDS,
  consoleQrContent,
  type TicketState,
} from '@contract/console/labels'
import { ConsoleReasons } from '@contract/console/reasons'
import type { ConsoleSessions, TicketCreated, TicketPoll, TicketView } from '@contract/console/schemas'
import type { Session } from '@contract/auth/schemas'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import type { DbOrTx } from '../../db'
import { loadGrants } from '../../auth/sessions'
import { consoleLoginTickets } from '../../db/schema/console'
import { sessions, users } from '../../db/schema/core'
import { refuse } from '../../errors'
import type { AppDeps } from '../../http/deps'
import type { AuthService } from '../auth'

type Ticket = typeof consoleLoginTickets.$inferSelect

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const token = (bytes: number) => randomBytes(bytes).toString('base64url')

export function stateOf(t: Ticket, nowMs: number): TicketState {
  if (t.claimedAt) return 'used'
  if (t.cancelledAt) return 'cancelled'
  if (t.confirmedAt) return nowMs < t.expiresAt.getTime() + CONSOLE_TICKET_CLAIM_GRACE_SECONDS * 1000 ? 'confirmed' : 'expired'
  if (nowMs >= t.expiresAt.getTime()) return 'expired'
  return t.scannedAt ? 'scanned' : 'pending'
}

export class ConsoleLoginService {
  constructor(
    private readonly deps: AppDeps,
    private readonly auth: AuthService,
  ) {}

  private now = () => this.deps.now()

  /** A fresh QR for a console at `origin`, asked from `place`. Old unused tickets are swept on the way. */
  async createTicket(origin: string, place: string): Promise<TicketCreated> {
    const now = this.now()
    const id = token(16)
    const secret = token(24)
    const expiresAt = new Date(now + CONSOLE_TICKET_TTL_SECONDS * 1000)
    await this.deps.db.transaction(async (tx) => {
      await tx
        .delete(consoleLoginTickets)
        .where(and(lt(consoleLoginTickets.expiresAt, new Date(now - 24 * 3600 * 1000)), isNull(consoleLoginTickets.sessionId)))
      await tx.insert(consoleLoginTickets).values({ id, secretHash: sha256(secret), createdAt: new Date(now), expiresAt, place })
    })
    return { ticket: id, qr: consoleQrContent(origin, id), secret, expiresAt: expiresAt.toISOString(), pollMs: CONSOLE_POLL_MS }
  }

  private async find(id: string, db: DbOrTx = this.deps.db): Promise<Ticket> {
    const [t] = await db.select().from(consoleLoginTickets).where(eq(consoleLoginTickets.id, id)).limit(1)
    if (!t) throw refuse(ConsoleReasons.TICKET_NOT_FOUND)
    return t
  }

  /** The refusal for a ticket the phone can no longer act on, or null when it still can. */
  private closed(t: Ticket): ReturnType<typeof refuse> | null {
    const state = stateOf(t, this.now())
    if (state === 'expired') return refuse(ConsoleReasons.TICKET_EXPIRED)
    if (state === 'confirmed' || state === 'used' || state === 'cancelled') return refuse(ConsoleReasons.TICKET_USED)
    return null
  }

  /** The console's poll: the state, and the session once — on the first poll after the phone confirmed. */
  async poll(id: string, secret: string): Promise<TicketPoll> {
    const t = await this.find(id)
    const given = Buffer.from(sha256(secret), 'hex')
    if (!timingSafeEqual(given, Buffer.from(t.secretHash, 'hex'))) throw refuse(ConsoleReasons.TICKET_SECRET_MISMATCH)
    const state = stateOf(t, this.now())
    const scannedBy = t.scannedBy ? await this.nicknameOf(t.scannedBy) : null
    const base = { expiresAt: t.expiresAt.toISOString(), scannedBy }
    if (state !== 'confirmed') return { ...base, state, session: null }
    const session = await this.collect(t)
    return session ? { ...base, state: 'confirmed', session } : { ...base, state: 'used', session: null }
  }

  /** Turns a confirmed ticket into a console session for its confirmer, once (a second collector gets null). */
  private async collect(t: Ticket): Promise<Session | null> {
    const now = new Date(this.now())
    const created = await this.deps.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(consoleLoginTickets)
        .set({ claimedAt: now })
        .where(and(eq(consoleLoginTickets.id, t.id), isNull(consoleLoginTickets.claimedAt), sql`${consoleLoginTickets.confirmedAt} is not null`))
        .returning({ userId: consoleLoginTickets.confirmedBy })
      if (!claimed?.userId) return null
      const userId = claimed.userId
      const session = await this.deps.sessions.create(tx, userId, 'console')
      await tx.update(consoleLoginTickets).set({ sessionId: session.sessionId }).where(eq(consoleLoginTickets.id, t.id))
      await audit(tx, {
        actorUserId: userId,
        action: 'console.login',
        subjectType: 'session',
        subjectId: session.sessionId,
        detail: { ticket: t.id, place: t.place, expiresAt: session.expiresAt.toISOString() },
      })
      return { ...session, userId }
    })
    if (!created) return null
    // After the transaction: the profile is read through auth's face, on its own connection.
    const db = this.deps.db
    const me = await this.auth.meOf({ ...(await this.userOf(db, created.userId)), sessionId: created.sessionId, sessionKind: 'console', grants: await loadGrants(db, created.userId) })
    return { token: created.token, expiresAt: created.expiresAt.toISOString(), user: me }
  }

  private async userOf(tx: DbOrTx, userId: number) {
    const [u] = await tx.select({ nickname: users.nickname, avatarFileId: users.avatarFileId }).from(users).where(eq(users.id, userId)).limit(1)
    return { userId, nickname: u?.nickname ?? '', avatarFileId: u?.avatarFileId ?? null }
  }

  private async nicknameOf(userId: number): Promise<string | null> {
    const [u] = await this.deps.db.select({ nickname: users.nickname }).from(users).where(eq(users.id, userId)).limit(1)
    return u?.nickname ?? null
  }

  /** The phone scanned the QR: where and when the login was asked for. Marks the ticket scanned (the console says so). */
  async view(user: AuthUser, id: string): Promise<TicketView> {
    if (user.sessionKind === 'console') throw refuse(ConsoleReasons.CONFIRM_FROM_PHONE)
    let t = await this.find(id)
    const refusal = this.closed(t)
    if (refusal) throw refusal
    if (!t.scannedAt) {
      const [updated] = await this.deps.db
        .update(consoleLoginTickets)
        .set({ scannedAt: new Date(this.now()), scannedBy: user.userId })
        .where(and(eq(consoleLoginTickets.id, id), isNull(consoleLoginTickets.scannedAt)))
        .returning()
      if (updated) t = updated
    }
    return { ticket: t.id, state: stateOf(t, this.now()), place: t.place, requestedAt: t.createdAt.toISOString(), expiresAt: t.expiresAt.toISOString() }
  }

  /** 确认登录: the console will be logged in as the caller (a staff member: the access table's rule). */
  async confirm(user: AuthUser, id: string): Promise<void> {
    if (user.sessionKind === 'console') throw refuse(ConsoleReasons.CONFIRM_FROM_PHONE)
    const now = new Date(this.now())
    await this.deps.db.transaction(async (tx) => {
      const [done] = await tx
        .update(consoleLoginTickets)
        .set({ confirmedAt: now, confirmedBy: user.userId, scannedAt: sql`coalesce(${consoleLoginTickets.scannedAt}, ${now})`, scannedBy: sql`coalesce(${consoleLoginTickets.scannedBy}, ${user.userId})` })
        .where(
          and(
            eq(consoleLoginTickets.id, id),
            isNull(consoleLoginTickets.confirmedAt),
            isNull(consoleLoginTickets.cancelledAt),
            gt(consoleLoginTickets.expiresAt, now),
          ),
        )
        .returning({ place: consoleLoginTickets.place })
      if (!done) {
        const t = await this.find(id, tx)
        throw this.closed(t) ?? refuse(ConsoleReasons.TICKET_USED)
      }
      await audit(tx, { actorUserId: user.userId, action: 'console.login_confirm', subjectType: 'console_ticket', subjectId: id, detail: { place: done.place } })
    })
  }

  /** 取消: the console shows that the login was declined. */
  async cancel(user: AuthUser, id: string): Promise<void> {
    const t = await this.find(id)
    const refusal = this.closed(t)
    if (refusal) throw refusal
    await this.deps.db
      .update(consoleLoginTickets)
      .set({ cancelledAt: new Date(this.now()), scannedBy: sql`coalesce(${consoleLoginTickets.scannedBy}, ${user.userId})` })
      .where(and(eq(consoleLoginTickets.id, id), isNull(consoleLoginTickets.confirmedAt)))
  }

  /** The caller's live console sessions, newest first. */
  async mySessions(user: AuthUser): Promise<ConsoleSessions> {
    const now = new Date(this.now())
    const rows = await this.deps.db
      .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, place: consoleLoginTickets.place })
      .from(sessions)
      .leftJoin(consoleLoginTickets, eq(consoleLoginTickets.sessionId, sessions.id))
      .where(
        and(
          eq(sessions.userId, user.userId),
          eq(sessions.kind, 'console'),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, now),
          gt(sessions.createdAt, new Date(now.getTime() - CONSOLE_SESSION_MAX_HOURS * 3600 * 1000)),
        ),
      )
      .orderBy(desc(sessions.createdAt))
      .limit(20)
    return {
      sessions: rows.map((r) => ({ place: r.place ?? '演示登录', startedAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString() })),
    }
  }

  /** 退出电脑登录: every console session of the caller ends now. */
  async logoutConsoles(user: AuthUser): Promise<{ ended: number }> {
    return this.deps.db.transaction(async (tx) => {
      const ended = await this.deps.sessions.revokeAllOfKind(tx, user.userId, 'console')
      await audit(tx, { actorUserId: user.userId, action: 'console.logout', subjectType: 'user', subjectId: user.userId, detail: { sessions: ended, from: user.sessionKind } })
      return { ended: ended.length }
    })
  }

  /** The console's 演示登录 (dev mode only; the route checks the mode). */
  devLogin(persona: string): Promise<Session> {
    return this.auth.devLogin(persona, 'console')
  }
}

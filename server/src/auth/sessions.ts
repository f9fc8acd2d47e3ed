/**
 * Sessions: a row per login (revocable), a signed token naming it, renewal past half-life.
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { RENEWED_TOKEN_HEADER } from '@contract/errors'
import type { Role } from '@contract/auth/schemas'
import type { Db, DbOrTx } from '../db'
import { prepared } from '../db/prepared'
import { orgs, sessions, userRoles, users } from '../db/schema'
import { Errors } from '../errors'
import type { Grant, Principal } from './policy'
import { newSessionId, pastHalfLife, signToken, verifyToken, type TokenCheck, type TokenPayload } from './tokens'
import { CONSOLE_SESSION_IDLE_HOURS, CONSOLE_SESSION_MAX_HOURS } from '@contract/console/labels'

/** 'app': the mini-program / H5; 'console': the office console (扫码登录), short-lived: see `lifeOf`. */
export type SessionKind = 'app' | 'console'

export interface AuthGrant extends Grant {
  orgName: string
}

/** The authenticated user of a request. */
export interface AuthUser extends Principal {
  userId: number
  sessionId: string
  /** Which login this request comes from: the phone ('app') or the office console ('console'). */
  sessionKind: SessionKind
  nickname: string
  avatarFileId: string | null
  /** 关怀模式, read with the session (so GET /api/me needs no second statement); absent where a user is built otherwise. */
  careMode?: boolean
  grants: AuthGrant[]
}

/**
 * A request whose token is signed and unexpired, but whose session row has NOT been read yet: the service must
 * check it (not revoked, not expired, same user) inside its own statement. For hot paths only (the voucher claim),
 * where the separate session query would be a second round trip per request; everything else uses AuthUser.
 */
export interface TokenUser {
  userId: number
  sessionId: string
}

export interface SessionServiceOptions {
  db: Db
  secret: string
  ttlHours: number
  /** Absolute lifetime from login (SESSION_MAX_AGE_DAYS, default 30): renewal never extends a session past it. */
  maxAgeDays?: number
  now: () => number
}

/** last_seen_at is written at most this often per session. */
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000

export class SessionService {
  constructor(private readonly options: SessionServiceOptions) {}

  private lookup: ReturnType<typeof prepareSessionLookup> | null = null

  private sessionLookup() {
    return (this.lookup ??= prepareSessionLookup(this.options.db))
  }

  /**
   * How long a session of this kind lives: `ttlMs` from its last renewal, never beyond `maxAgeMs` after the login.
   * A console session: CONSOLE_SESSION_IDLE_HOURS idle, CONSOLE_SESSION_MAX_HOURS at most, whatever the app's settings.
   */
  private lifeOf(kind: SessionKind): { ttlMs: number; maxAgeMs: number } {
    if (kind === 'console') return { ttlMs: CONSOLE_SESSION_IDLE_HOURS * 3600 * 1000, maxAgeMs: CONSOLE_SESSION_MAX_HOURS * 3600 * 1000 }
    return { ttlMs: this.options.ttlHours * 3600 * 1000, maxAgeMs: (this.options.maxAgeDays ?? 30) * 24 * 3600 * 1000 }
  }

  /** The expiry of a session created at `createdAtMs`, (re)issued at `nowMs`: a TTL from now, capped by the max age. */
  private expiryFor(createdAtMs: number, nowMs: number, kind: SessionKind = 'app'): number {
    const { ttlMs, maxAgeMs } = this.lifeOf(kind)
    return Math.min(nowMs + ttlMs, createdAtMs + maxAgeMs)
  }

  /** Creates a session row for `userId` (inside the login transaction) and its token. */
  async create(tx: DbOrTx, userId: number, kind: SessionKind = 'app'): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
    const now = this.options.now()
    const id = newSessionId()
    const expiresAt = new Date(this.expiryFor(now, now, kind))
    await tx.insert(sessions).values({ id, userId, createdAt: new Date(now), expiresAt, lastSeenAt: new Date(now), kind })
    return { token: this.sign(id, userId, now, expiresAt.getTime()), expiresAt, sessionId: id }
  }

  private sign(sid: string, uid: number, nowMs: number, expMs: number): string {
    return signToken({ sid, uid, iat: Math.floor(nowMs / 1000), exp: Math.floor(expMs / 1000) }, this.options.secret)
  }

  /**
   * The token alone (signature and expiry, no database): null without an Authorization header; a bad or expired
   * token → 401. The session row still has to be checked — by `authenticate`, or by the service (TokenUser).
   */
  verifyBearer(request: FastifyRequest): { payload: TokenPayload; now: number } | null {
    const checked = this.checkBearer(request)
    if (!checked) return null
    const { check, now } = checked
    if (!check.ok) throw check.reason === 'expired' ? Errors.sessionExpired() : Errors.invalidSession()
    return { payload: check.payload, now }
  }

  /**
   * The Authorization header's token checked once per request (an HMAC): the rate limiter's key (`peekUserId`, on
   * every request) and the session step (`verifyBearer`) both read this one result instead of checking it twice.
   */
  private checkBearer(request: FastifyRequest): { check: TokenCheck; now: number } | null {
    const header = request.headers.authorization
    if (!header) return null
    const seen = this.checked.get(request)
    if (seen && seen.header === header) return seen
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    const now = this.options.now()
    const result = { header, now, check: match ? verifyToken(match[1], this.options.secret, now) : ({ ok: false, reason: 'malformed' } as const) }
    this.checked.set(request, result)
    return result
  }

  private readonly checked = new WeakMap<FastifyRequest, { header: string; now: number; check: TokenCheck }>()

  /** TokenUser from the token alone; see TokenUser for what the caller then owes. */
  tokenUser(request: FastifyRequest): TokenUser | null {
    const verified = this.verifyBearer(request)
    return verified ? { userId: verified.payload.uid, sessionId: verified.payload.sid } : null
  }

  /**
   * The user id a request's bearer token was issued to, if its signature and expiry check out; null otherwise,
   * never throwing. One HMAC, no database: for keying rate limits by user before any route runs. A revoked
   * token still names its user here (it is refused later, by `authenticate` or the service).
   */
  peekUserId(request: FastifyRequest): number | null {
    const checked = this.checkBearer(request)
    return checked?.check.ok ? checked.check.payload.uid : null
  }

  /**
   * The request's user from `Authorization: Bearer <token>`; null when there is no such header.
   * A bad, expired or revoked token → 401; a session older than SESSION_MAX_AGE_DAYS → 401 SESSION_EXPIRED.
   * Past half-life → a renewed token in `x-session-token`, never valid beyond the session's max age.
   */
  async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<AuthUser | null> {
    const verified = this.verifyBearer(request)
    if (!verified) return null
    // One round trip: the session, its user and the user's grants (every authenticated request pays for this), as
    // a prepared statement: built once here, parsed and planned once per connection by PostgreSQL.
    const [row] = await this.sessionLookup().execute({ sid: verified.payload.sid })
    return this.accept(
      row && {
        ...row.session,
        nickname: row.user.nickname,
        avatarFileId: row.user.avatarFileId,
        careMode: row.user.careMode,
        grants: row.grants,
        lookedUpUserId: row.user.id,
      },
      verified,
      reply,
    )
  }

  /**
   * `authenticate` and the route's own read in ONE statement (`SessionRead`): the session lookup as a CTE, the
   * route's rows joined to it by the session's user. The session is judged exactly as `authenticate` judges it
   * (revoked, expired, other user → 401) before anything of the rows is handed on; the rows are keyed by the session
   * row's user, never by anything the client sent. Null without an Authorization header (the gate then refuses 401).
   */
  async authenticateWith<R>(request: FastifyRequest, reply: FastifyReply, read: SessionRead<R>): Promise<{ user: AuthUser; rows: R[] } | null> {
    const verified = this.verifyBearer(request)
    if (!verified) return null
    const rows = await this.readWith(read, verified.payload.sid, verified.now, request)
    const first = rows[0]?.auth
    const user = await this.accept(first && first.id !== null ? { ...(first as SessionFields), lookedUpUserId: first.userId as number } : undefined, verified, reply)
    return { user, rows }
  }

  /**
   * A SessionRead's statement for the session `sid` at `now`, without judging the session: only for reading again,
   * in the same request, what `authenticateWith` handed on (e.g. after a lottery due on the list was settled).
   */
  readWith<R>(read: SessionRead<R>, sid: string, now: number, request?: FastifyRequest) {
    return prepared(this.options.db, read.name, (d, name) => read.build(d, sessionWith(d), name)).execute({ sid, ...read.params?.(now, request) })
  }

  /** The checks every session read passes (revoked, expired, max age, same user), renewal and last-seen. */
  private async accept(
    row: (SessionFields & { lookedUpUserId: number }) | undefined,
    { payload, now }: { payload: TokenPayload; now: number },
    reply: FastifyReply,
  ): Promise<AuthUser> {
    const { db } = this.options
    if (!row || row.lookedUpUserId !== payload.uid || row.userId !== payload.uid || row.revokedAt) throw Errors.invalidSession()
    if (row.expiresAt.getTime() <= now) throw Errors.sessionExpired()
    // Also for sessions issued before the max age existed (their expiry was not capped yet).
    const createdAtMs = row.createdAt.getTime()
    const kind = row.kind
    if (now >= createdAtMs + this.lifeOf(kind).maxAgeMs) throw Errors.sessionExpired()

    const renewedExpiry = this.expiryFor(createdAtMs, now, kind)
    // Renew only when that gives the token a longer life (near the max age it no longer does).
    if (pastHalfLife(payload, now) && Math.floor(renewedExpiry / 1000) > payload.exp) {
      const expiresAt = new Date(renewedExpiry)
      await db
        .update(sessions)
        .set({ expiresAt, lastSeenAt: new Date(now) })
        .where(and(eq(sessions.id, payload.sid), isNull(sessions.revokedAt)))
      reply.header(RENEWED_TOKEN_HEADER, this.sign(payload.sid, payload.uid, now, expiresAt.getTime()))
    } else if (!row.lastSeenAt || now - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
      await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, payload.sid))
    }

    return {
      userId: payload.uid,
      sessionId: payload.sid,
      sessionKind: kind,
      nickname: row.nickname,
      avatarFileId: row.avatarFileId,
      careMode: row.careMode,
      grants: typeof row.grants === 'string' ? (JSON.parse(row.grants) as AuthGrant[]) : row.grants,
    }
  }

  async revoke(db: DbOrTx, sessionId: string): Promise<void> {
    await db
      .update(sessions)
      .set({ revokedAt: new Date(this.options.now()) })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
  }

  /** 退出电脑登录: revokes every live session of `kind` of the user; the ids revoked. */
  async revokeAllOfKind(db: DbOrTx, userId: number, kind: SessionKind): Promise<string[]> {
    const rows = await db
      .update(sessions)
      .set({ revokedAt: new Date(this.options.now()) })
      .where(and(eq(sessions.userId, userId), eq(sessions.kind, kind), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > ${new Date(this.options.now())}`))
      .returning({ id: sessions.id })
    return rows.map((r) => r.id)
  }
}

export async function loadGrants(db: DbOrTx, userId: number): Promise<AuthGrant[]> {
  const rows = await db
    .select({ role: userRoles.role, orgId: orgs.id, orgPath: orgs.path, orgName: orgs.name, bindings: userRoles.bindings })
    .from(userRoles)
    .innerJoin(orgs, eq(orgs.id, userRoles.orgId))
    .where(eq(userRoles.userId, userId))
    .orderBy(orgs.path, userRoles.role)
  return rows.map((r) => ({ role: r.role as Role, orgId: r.orgId, orgPath: r.orgPath, orgName: r.orgName, bindings: r.bindings }))
}

/** The session, its user and the user's grants by session id, prepared once per SessionService. */
function prepareSessionLookup(db: Db) {
  return db
    .select({
      session: sessions,
      user: { id: users.id, nickname: users.nickname, avatarFileId: users.avatarFileId, careMode: users.careMode },
      grants: sql<AuthGrant[]>`coalesce((
        select json_agg(json_build_object('role', ${userRoles.role}, 'orgId', ${orgs.id}, 'orgPath', ${orgs.path}, 'orgName', ${orgs.name}, 'bindings', ${userRoles.bindings})
                        order by ${orgs.path}, ${userRoles.role})
        from ${userRoles} join ${orgs} on ${orgs.id} = ${userRoles.orgId}
        where ${userRoles.userId} = ${users.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('sid')))
    .limit(1)
    .prepare('auth_session_lookup')
}

/**
 * The session lookup as a CTE (`auth_session`: the session row by id, its user's profile fields and grants), for a
 * `SessionRead` to join its own rows to. LIMIT 1 keeps PostgreSQL from pulling it into the outer query, so the grants
 * are built once whatever the number of rows joined.
 */
export function sessionWith(db: DbOrTx) {
  return db.$with('auth_session').as(
    db
      .select({
        id: sessions.id,
        userId: sessions.userId,
        createdAt: sessions.createdAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
        lastSeenAt: sessions.lastSeenAt,
        kind: sessions.kind,
        nickname: users.nickname,
        avatarFileId: users.avatarFileId,
        careMode: users.careMode,
        grants: sql<AuthGrant[] | string>`coalesce((
          select json_agg(json_build_object('role', ${userRoles.role}, 'orgId', ${orgs.id}, 'orgPath', ${orgs.path}, 'orgName', ${orgs.name}, 'bindings', ${userRoles.bindings})
                          order by ${orgs.path}, ${userRoles.role})
          from ${userRoles} join ${orgs} on ${orgs.id} = ${userRoles.orgId}
          where ${userRoles.userId} = ${users.id}), '[]'::json)`.as('grants'),
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder('sid')))
      .limit(1),
  )
}
export type SessionCte = ReturnType<typeof sessionWith>

/**
 * The session's user id as a SessionRead's own SQL must name it: `"auth_session"."user_id"`, always with the CTE's
 * name. Inside a selected field drizzle writes `${s.userId}` as a bare "user_id", which in a subquery over another
 * table with a user_id column means THAT table's column — a condition true for every row (every user's rows).
 */
export const sessionUserId = sql.raw('"auth_session"."user_id"')

/** What the session checks read of the session row and its user. */
export interface SessionFields {
  id: string
  userId: number
  createdAt: Date
  expiresAt: Date
  revokedAt: Date | null
  lastSeenAt: Date | null
  kind: SessionKind
  nickname: string
  avatarFileId: string | null
  careMode: boolean
  grants: AuthGrant[] | string
}

/** The session columns a SessionRead selects as `auth` (null on every field when the session row does not exist). */
export function sessionColumns(s: SessionCte) {
  return {
    id: s.id,
    userId: s.userId,
    createdAt: s.createdAt,
    expiresAt: s.expiresAt,
    revokedAt: s.revokedAt,
    lastSeenAt: s.lastSeenAt,
    kind: s.kind,
    nickname: s.nickname,
    avatarFileId: s.avatarFileId,
    careMode: s.careMode,
    grants: s.grants,
  }
}

/**
 * A route's read taken in the same statement as its session (one round trip instead of two): `build` returns a
 * prepared statement over `sessionWith`'s CTE — `db.with(s).select({ auth: sessionColumns(s), …rows }).from(s)
 * .leftJoin(<the rows>, eq(<their user>, s.userId))` — with the placeholder `sid`; at least one row while the session
 * row exists. Authorization stays the gate's (the access table's rule on the user this yields); the handler gets
 * the rows only after it passed.
 */
export interface SessionRead<R> {
  /** The prepared statement's name (one name, one statement text). */
  readonly name: string
  build(
    db: DbOrTx,
    s: SessionCte,
    name: string,
  ): { execute(params: { sid: string } & Record<string, unknown>): Promise<(R & { auth: { [K in keyof SessionFields]: SessionFields[K] | null } })[]> }
  /**
   * The statement's other placeholders: from the request's clock (e.g. `now` for what is open), or from the request's
   * query read with the route's own schema (a page's bounds; an invalid query is refused by validation right after,
   * before the handler sees any row). Nothing from the client ever chooses whose rows are read: they are the session
   * user's. `request` is absent when a handler reads again (readWith).
   */
  params?(now: number, request?: FastifyRequest): Record<string, unknown>
}

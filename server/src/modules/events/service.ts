/**
 * 活动报名: events created by admins for their union subtree; members register (individually or as a team,
 * answering the organiser's questions), wait for approval or the waitlist, check in at the door, and see
 * their results.
 *
 * Capacity: one `event_seats` row per event (taken ≤ capacity is a CHECK). Every change of who holds a place
 * — registering, cancelling, rejecting — first locks that row (SELECT … FOR UPDATE), so changes of one event
 * are serialised in the database: never more places than capacity, and the waitlist is in registration-id
 * order (ids are taken after the lock). In approval mode a pending registration holds a place.
 * A freed place goes to the first waiter in the same transaction (with an in-app message), else back to the pool.
 * Lock order everywhere: event_seats, then event_registrations rows — so the paths cannot deadlock.
 *
 * No-shows are derived on read: a `confirmed` registration whose event has ended is `no_show`.
 *
 * Team entry: the captain's registration holds the team's place; team-mates join by invitation (teams.ts,
 * team-store.ts) and an incomplete team is never confirmed. Check-in at the door takes a short-lived code signed
 * for the member's live session (checkin-code.ts), or the organiser's manual check-in (audited).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { alias } from 'drizzle-orm/pg-core'
import { and, asc, desc, eq, gt, inArray, lte, ne, or, sql, type SQL } from 'drizzle-orm'
import type {
  AnsweredQuestion,
  AnswerFile,
  CheckinResult,
  CheckinStats,
  DecideResult,
  Event,
  EventCard,
  EventCounts,
  EventQrToken,
  ManagedRegistration,
  MemberEvent,
  Ranking,
  RankingEntry,
  RegisterHint,
  Registration,
  UploadedFile,
} from '@contract/events/schemas'
import type * as s from '@contract/events/schemas'
import { ErrorCodes } from '@contract/errors'
import {
  ANSWER_FILE_MIMES,
  ANSWER_FILES_MAX,
  EVENT_NOTIFICATION_KINDS,
  NO_SHOW_RULE,
  REGISTRATION_STATUSES,
  defaultApprovalMode,
  isScoredKind,
  registrationPagePath,
  type EventPhase,
  type RegistrationStatus,
} from '@contract/events/labels'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import { chinaTime, chinaDate } from '../../time'
import type { AppDeps } from '../../http/deps'
import { rowsOf, type Tx } from '../../db'
import { files, orgs, sessions } from '../../db/schema/core'
import { eventRegistrations, eventSeats, eventTeamMembers, events, type EventAnswersRecord, type EventQuestionRecord, type EventRegistrationRow, type EventRow } from '../../db/schema/events'
import { memberDirectory as memberships } from '../membership'
import { audit } from '../../audit'
import { authorize, can, inSubtree, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { AppError, Errors } from '../../errors'
import { notify, type NewNotification } from '../notifications'
import { writeWorkbook, type Cell } from './spreadsheet'
import { freshness, parseCheckinCode, signCheckinCode, signedForSession } from './checkin-code'
import {
  activeTeamOf,
  closeTeam,
  createInvite,
  isComplete,
  notifyTeamMates,
  promotedStatus,
  teamMaxOf,
  teamMembersOf,
  teamMinOf,
  type TeamMemberRow,
} from './team-store'


const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
/**
 * The event QR token changes every minute; the current and the previous one are accepted, so a token (and a
 * forwarded screenshot of the QR) works for 1–2 minutes. The organiser's page fetches a new one every 30 s.
 */
const QR_SLOT_MS = MIN

type EventInputParsed = ReturnType<typeof s.EventInput.parse>
type RegisterBodyParsed = ReturnType<typeof s.RegisterBody.parse>
type ListQuery = ReturnType<typeof s.EventListQuery.parse>
type MyQuery = ReturnType<typeof s.MyRegistrationsQuery.parse>
type ManageRegsQuery = ReturnType<typeof s.ManageRegistrationsQuery.parse>
type DecideBody = ReturnType<typeof s.DecideBody.parse>
type ScoresBody = ReturnType<typeof s.ScoresBody.parse>

export interface NoShowRule {
  limit: number
  windowDays: number
  banDays: number
}

export interface EventServiceOptions {
  noShow?: NoShowRule
}

const memberOrgs = alias(orgs, 'member_orgs')


/** Standard competition ranking (1, 2, 2, 4) of scores; `higherWins` decides the order. */
export function competitionRanks<T extends { score: number }>(items: T[], higherWins: boolean): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => (higherWins ? b.score - a.score : a.score - b.score))
  const out: (T & { rank: number })[] = []
  sorted.forEach((item, i) => {
    const rank = i > 0 && sorted[i - 1].score === item.score ? out[i - 1].rank : i + 1
    out.push({ ...item, rank })
  })
  return out
}

/** 李晓梅 → 李*梅, 张三 → 张*. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/**
 * The end of a no-show restriction, or null: `limit` no-shows whose events ended within `windowDays` of each
 * other restrict registering for `banDays` after the last of them.
 */
export function noShowBanUntil(endTimes: number[], rule: NoShowRule, now: number): number | null {
  const t = [...endTimes].sort((a, b) => a - b)
  let until = 0
  for (let i = rule.limit - 1; i < t.length; i++) {
    if (t[i] - t[i - rule.limit + 1] <= rule.windowDays * DAY) until = Math.max(until, t[i] + rule.banDays * DAY)
  }
  return until > now ? until : null
}

export function phaseOf(e: EventRow, now: number): EventPhase {
  if (now >= e.endsAt.getTime()) return 'ended'
  if (now >= e.startsAt.getTime()) return 'ongoing'
  if (now < e.registrationOpensAt.getTime()) return 'not_open'
  if (now < e.registrationClosesAt.getTime()) return 'registering'
  return 'upcoming'
}

/** The status a client sees: stored status, with confirmed → no_show once the event has ended. */
export function statusOf(r: Pick<EventRegistrationRow, 'status'>, e: Pick<EventRow, 'endsAt'>, now: number): RegistrationStatus {
  if (r.status === 'confirmed' && now >= e.endsAt.getTime()) return 'no_show'
  return r.status
}

const cancelUntilOf = (e: EventRow) => e.startsAt.getTime() - e.cancelCutoffHours * HOUR
const checkinOpensAtOf = (e: EventRow) => e.startsAt.getTime() - e.checkinOpensMinutes * MIN

/** One page of `rows` read with `limit + 1`: the page and the next page's cursor (null on the last page). */
function pageOf<T>(rows: T[], limit: number, cursorOf: (last: T) => (number | string)[]): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null }
}

function encodeCursor(parts: (number | string)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url')
}
function decodeCursor(cursor: string | undefined, arity: number): number[] | null {
  if (!cursor) return null
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(v) && v.length === arity && v.every((x) => typeof x === 'number' && Number.isFinite(x))) return v as number[]
  } catch {
    // fall through
  }
  throw Errors.validation({ cursor: '分页参数无效，请刷新列表' })
}


/** A unique violation of `constraint` (by the driver's constraint field, or its name in the message). */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  type DbError = { code?: string; constraint?: string; message?: string; detail?: string; cause?: unknown }
  for (let e = err as DbError | undefined, i = 0; e && i < 5; e = e.cause as DbError | undefined, i++) {
    if (e.code === '23505') return e.constraint === constraint || (e.message ?? '').includes(constraint)
  }
  return false
}

/** 409 EVENT_TEAM_ALREADY: the caller is in a team of this event already (names no team or person). */
export function alreadyInTeam(): AppError {
  return new AppError(409, ErrorCodes.EVENT_TEAM_ALREADY, '您已在本活动的一支队伍中，不能再报名或加入其他队伍')
}

export interface EventWithOrg {
  e: EventRow
  orgName: string
  orgPath: string
}

export interface MemberInfo {
  memberNo: string
  name: string
  employmentType: keyof typeof EMPLOYMENT_TYPES
  orgPath: string
  orgName: string
}

const EMPTY_COUNTS: EventCounts = { taken: 0, pending: 0, confirmed: 0, checkedIn: 0, waitlisted: 0, noShow: 0 }

/** The stored questions of an event input: ids q1, q2, … in order. */
function questionRecords(input: EventInputParsed): EventQuestionRecord[] {
  return input.questions.map((q, i) => ({
    id: `q${i + 1}`,
    label: q.label,
    type: q.type,
    required: q.required,
    options: q.type === 'single_choice' || q.type === 'multi_choice' ? (q.options ?? []) : [],
    hint: q.hint,
  }))
}

/** Inserts an event and its seat counter (validated input; authorization is the caller's). */
export async function insertEvent(tx: Tx, input: EventInputParsed, createdBy: number | null): Promise<EventRow> {
  const team = input.entryMode === 'team'
  const questions = questionRecords(input)
  const [row] = await tx
    .insert(events)
    .values({
      kind: input.kind,
      title: input.title,
      description: input.description,
      orgId: input.orgId,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      place: input.place,
      capacity: input.capacity,
      registrationOpensAt: new Date(input.registrationOpensAt),
      registrationClosesAt: new Date(input.registrationClosesAt),
      eligibleEmploymentTypes: input.eligibleEmploymentTypes,
      eligibleIndustries: input.eligibleIndustries,
      entryMode: input.entryMode,
      teamMinSize: team ? input.teamMinSize : null,
      teamMaxSize: team ? input.teamMaxSize : null,
      approvalMode: input.approvalMode ?? defaultApprovalMode(input.kind),
      cancelCutoffHours: input.cancelCutoffHours,
      checkinOpensMinutes: input.checkinOpensMinutes,
      scoreUnit: input.scoreUnit,
      higherScoreWins: input.higherScoreWins,
      questions,
      createdBy,
    })
    .returning()
  await tx.insert(eventSeats).values({ eventId: row.id, capacity: row.capacity, taken: 0 })
  return row
}

export class EventService {
  private readonly noShow: NoShowRule

  constructor(
    private readonly deps: AppDeps,
    options: EventServiceOptions = {},
  ) {
    this.noShow = options.noShow ?? { ...NO_SHOW_RULE }
  }

  // =====================================================================================================
  // members
  // =====================================================================================================

  async list(user: AuthUser, query: ListQuery): Promise<{ items: EventCard[]; nextCursor: string | null; serverTime: string }> {
    const now = this.deps.now()
    const nowDate = new Date(now)
    return this.deps.db.transaction(async (tx) => {
      const member = await this.memberOf(tx, user.userId)
      const reach: SQL[] = []
      if (member) {
        const ancestorIds = member.orgPath.split('/').filter(Boolean).map(Number)
        if (ancestorIds.length > 0) reach.push(inArray(events.orgId, ancestorIds))
      }
      for (const p of scopesFor(user, 'events.manage')) reach.push(sql`${orgs.path} like ${p + '%'}`)
      if (reach.length === 0) return { items: [], nextCursor: null, serverTime: nowDate.toISOString() }

      const where: (SQL | undefined)[] = [or(...reach)]
      if (query.kind) where.push(eq(events.kind, query.kind))
      const descending = query.phase === 'ended'
      if (query.phase === 'ended') where.push(lte(events.endsAt, nowDate))
      else where.push(gt(events.endsAt, nowDate))
      const registering = and(
        lte(events.registrationOpensAt, nowDate),
        gt(events.registrationClosesAt, nowDate),
        gt(events.startsAt, nowDate),
      )
      if (query.phase === 'registering') where.push(registering)
      if (query.phase === 'upcoming') where.push(sql`not (${registering})`)
      const c = decodeCursor(query.cursor, 2)
      if (c) {
        const at = new Date(c[0])
        where.push(
          descending
            ? sql`(${events.startsAt}, ${events.id}) < (${at}, ${c[1]})`
            : sql`(${events.startsAt}, ${events.id}) > (${at}, ${c[1]})`,
        )
      }
      const rows = await tx
        .select({ e: events, orgName: orgs.name, orgPath: orgs.path })
        .from(events)
        .innerJoin(orgs, eq(orgs.id, events.orgId))
        .where(and(...where))
        .orderBy(...(descending ? [desc(events.startsAt), desc(events.id)] : [asc(events.startsAt), asc(events.id)]))
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.e.startsAt.getTime(), last.e.id])
      const ids = page.map((r) => r.e.id)
      const counts = await this.countsFor(tx, page.map((r) => r.e), now)
      const mine = ids.length
        ? await tx
            .select({ id: eventRegistrations.id, eventId: eventRegistrations.eventId, status: eventRegistrations.status })
            .from(eventRegistrations)
            .where(and(eq(eventRegistrations.userId, user.userId), inArray(eventRegistrations.eventId, ids)))
            .orderBy(asc(eventRegistrations.id))
        : []
      const latest = new Map<number, (typeof mine)[number]>()
      for (const m of mine) latest.set(m.eventId, m)
      const positions = await this.waitlistPositions(
        tx,
        [...latest.values()].filter((m) => m.status === 'waitlisted').map((m) => m.id),
      )
      const items: EventCard[] = page.map((r) => {
        const { questions: _q, description: _d, ...ev } = this.toEvent(r.e, r.orgName, counts.get(r.e.id) ?? EMPTY_COUNTS, now)
        const my = latest.get(r.e.id)
        return {
          ...ev,
          myStatus: my ? statusOf(my, r.e, now) : null,
          myWaitlistPosition: my ? (positions.get(my.id) ?? null) : null,
        }
      })
      return {
        items,
        nextCursor,
        serverTime: nowDate.toISOString(),
      }
    })
  }

  async detail(user: AuthUser, eventId: number): Promise<{ event: MemberEvent; serverTime: string }> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.loadEvent(tx, eventId)
      const member = await this.memberOf(tx, user.userId)
      if (!ev || !this.visible(user, ev, member)) throw Errors.notFound('活动不存在')
      const counts = (await this.countsFor(tx, [ev.e], now)).get(ev.e.id) ?? EMPTY_COUNTS
      const [latest] = await tx
        .select()
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.userId, user.userId), eq(eventRegistrations.eventId, eventId)))
        .orderBy(desc(eventRegistrations.id))
        .limit(1)
      const event = this.toEvent(ev.e, ev.orgName, counts, now)
      const myRegistration = latest ? await this.toRegistration(tx, latest, ev, now) : null
      const myTeam = ev.e.entryMode === 'team' ? await this.myTeamOf(tx, ev.e, user.userId, now) : null
      const registerHint = myTeam
        ? { allowed: false, reason: `您已加入本活动的队伍「${myTeam.name}」`, waitlist: false }
        : await this.hint(tx, user.userId, ev, member, latest ?? null, event.placesLeft, now)
      return { event: { ...event, myRegistration, myTeam, registerHint }, serverTime: new Date(now).toISOString() }
    })
  }

  async upload(user: AuthUser, file: { mime: string; bytes: Uint8Array }): Promise<UploadedFile> {
    const row = await this.deps.files.save(this.deps.db, {
      ownerUserId: user.userId,
      kind: 'events.answer',
      mime: file.mime,
      bytes: file.bytes,
    })
    return { id: row.id, mime: row.mime, size: row.size, url: this.deps.files.signedUrl(row.id) }
  }

  async register(user: AuthUser, eventId: number, body: RegisterBodyParsed): Promise<Registration> {
    try {
      return await this.deps.db.transaction((tx) => this.registerTx(tx, user, eventId, body))
    } catch (err) {
      if (isUniqueViolation(err, 'event_team_members_unique')) throw alreadyInTeam()
      if (isUniqueViolation(err, 'event_registrations_active_unique')) throw Errors.conflict('您已报名该活动，请勿重复报名')
      throw err
    }
  }

  private async registerTx(tx: Tx, user: AuthUser, eventId: number, body: RegisterBodyParsed): Promise<Registration> {
    const now = this.deps.now()
    const ev = await this.loadEvent(tx, eventId)
    const member = await this.memberOf(tx, user.userId)
    if (!ev) throw Errors.notFound('活动不存在')
    if (!member) {
      if (this.visible(user, ev, null)) throw Errors.forbidden('仅限工会会员报名，请先申请入会')
      throw Errors.notFound('活动不存在')
    }
    if (!inSubtree(ev.orgPath, member.orgPath)) throw Errors.notFound('活动不存在')
    const e = ev.e
    const refusal = this.eligibilityRefusal(e, member)
    if (refusal) throw Errors.forbidden(refusal)
    const windowRefusal = this.windowRefusal(e, now)
    if (windowRefusal) throw Errors.conflict(windowRefusal)
    const ban = await this.banOf(tx, user.userId, now)
    if (ban) throw Errors.conflict(ban)

    const answers = await this.validateAnswers(tx, user.userId, e.questions, body.answers)
    const team = this.validateTeam(e, body.team)
    if (team && (await activeTeamOf(tx, e.id, user.userId))) throw alreadyInTeam()

    // From here on, this event's places are ours to change: lock the seat counter.
    const [seats] = rowsOf<{ taken: number; capacity: number }>(
      await tx.execute(sql`select taken, capacity from event_seats where event_id = ${e.id} for update`),
    )
    const [active] = await tx
      .select({ id: eventRegistrations.id })
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, e.id),
          eq(eventRegistrations.userId, user.userId),
          inArray(eventRegistrations.status, ['pending', 'confirmed', 'waitlisted', 'checked_in']),
        ),
      )
    if (active) throw Errors.conflict('您已报名该活动，请勿重复报名')

    let status: 'pending' | 'confirmed' | 'waitlisted' = 'waitlisted'
    if (seats.taken < seats.capacity) {
      await tx.update(eventSeats).set({ taken: sql`${eventSeats.taken} + 1` }).where(eq(eventSeats.eventId, e.id))
      // A team starts with its captain alone: incomplete, so pending (组队中) whatever the approval mode.
      status = e.approvalMode === 'manual' || team ? 'pending' : 'confirmed'
    }
    const [row] = await tx
      .insert(eventRegistrations)
      .values({
        eventId: e.id,
        userId: user.userId,
        status,
        answers,
        teamName: team?.name ?? null,
        teamSize: team ? 1 : null,
        createdAt: new Date(now),
      })
      .returning()
    if (team) {
      await tx.insert(eventTeamMembers).values({ eventId: e.id, userId: user.userId, registrationId: row.id, captain: true, joinedAt: new Date(now) })
      await createInvite(tx, e, row.id, user.userId, now)
    }
    return this.toRegistration(tx, row, ev, now)
  }

  async mine(user: AuthUser, query: MyQuery): Promise<{ items: Registration[]; nextCursor: string | null; serverTime: string }> {
    const now = this.deps.now()
    const nowDate = new Date(now)
    return this.deps.db.transaction(async (tx) => {
      const past = query.scope === 'past'
      const where: (SQL | undefined)[] = [
        eq(eventRegistrations.userId, user.userId),
        past ? lte(events.endsAt, nowDate) : gt(events.endsAt, nowDate),
      ]
      const c = decodeCursor(query.cursor, 2)
      if (c) {
        const at = new Date(c[0])
        where.push(
          past
            ? sql`(${events.startsAt}, ${eventRegistrations.id}) < (${at}, ${c[1]})`
            : sql`(${events.startsAt}, ${eventRegistrations.id}) > (${at}, ${c[1]})`,
        )
      }
      const rows = await tx
        .select({ r: eventRegistrations, e: events, orgName: orgs.name, orgPath: orgs.path })
        .from(eventRegistrations)
        .innerJoin(events, eq(events.id, eventRegistrations.eventId))
        .innerJoin(orgs, eq(orgs.id, events.orgId))
        .where(and(...where))
        .orderBy(
          ...(past
            ? [desc(events.startsAt), desc(eventRegistrations.id)]
            : [asc(events.startsAt), asc(eventRegistrations.id)]),
        )
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.e.startsAt.getTime(), last.r.id])
      const items: Registration[] = []
      for (const r of page) items.push(await this.toRegistration(tx, r.r, { e: r.e, orgName: r.orgName, orgPath: r.orgPath }, now))
      return {
        items,
        nextCursor,
        serverTime: nowDate.toISOString(),
      }
    })
  }

  async registration(user: AuthUser, registrationId: number): Promise<{ registration: Registration; serverTime: string }> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const row = await this.ownRegistration(tx, user.userId, registrationId)
      return { registration: await this.toRegistration(tx, row.r, row, now), serverTime: new Date(now).toISOString() }
    })
  }

  /** The code the member shows at the door, signed for this session; valid ~60 s. */
  async checkinCode(user: AuthUser, registrationId: number): Promise<s.CheckinCode> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const row = await this.ownRegistration(tx, user.userId, registrationId)
      const status = statusOf(row.r, row.e, now)
      if (status !== 'confirmed' || now >= row.e.endsAt.getTime()) {
        const why =
          status === 'checked_in'
            ? '您已签到，无需再出示签到码'
            : status === 'pending' && row.r.teamName !== null && !isComplete(row.e, row.r.teamSize)
              ? '队伍未组满，暂无签到码'
              : `该报名${REGISTRATION_STATUSES[status]}，暂无签到码`
        throw new AppError(409, ErrorCodes.EVENT_CHECKIN_CODE_UNAVAILABLE, why)
      }
      const signed = signCheckinCode(this.deps.config.sessionSecret, registrationId, user.sessionId, now)
      return { code: signed.code, expiresAt: new Date(signed.expiresAt).toISOString(), serverTime: new Date(now).toISOString() }
    })
  }

  async cancel(user: AuthUser, registrationId: number): Promise<Registration> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const found = await this.ownRegistration(tx, user.userId, registrationId)
      await this.lockSeats(tx, found.e.id)
      const [r] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId)).for('update')
      const status = statusOf(r, found.e, now)
      if (!['pending', 'confirmed', 'waitlisted'].includes(status)) {
        throw Errors.conflict(`该报名${REGISTRATION_STATUSES[status]}，不能取消`)
      }
      if (now >= cancelUntilOf(found.e)) {
        throw Errors.conflict(`已过取消截止时间（${chinaTime(cancelUntilOf(found.e))}），如有特殊情况请联系主办方`)
      }
      const [updated] = await tx
        .update(eventRegistrations)
        .set({ status: 'cancelled', cancelledAt: new Date(now) })
        .where(eq(eventRegistrations.id, r.id))
        .returning()
      await closeTeam(tx, r, found.e, now, '已被队长取消')
      if (r.status === 'pending' || r.status === 'confirmed') await this.fillFreedPlaces(tx, found.e, 1, now)
      return this.toRegistration(tx, updated, found, now)
    })
  }

  async checkinByToken(user: AuthUser, token: string): Promise<Registration> {
    const now = this.deps.now()
    const eventId = this.verifyQrToken(token, now)
    if (eventId === null) throw Errors.validation({ token: '签到二维码无效或已过期，请重新扫描现场二维码' })
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.loadEvent(tx, eventId)
      if (!ev) throw Errors.notFound('活动不存在')
      const [r] = await tx
        .select()
        .from(eventRegistrations)
        .where(
          and(
            eq(eventRegistrations.eventId, eventId),
            eq(eventRegistrations.userId, user.userId),
            inArray(eventRegistrations.status, ['pending', 'confirmed', 'waitlisted', 'checked_in']),
          ),
        )
        .for('update')
      if (!r) throw Errors.notFound(`您没有报名「${ev.e.title}」，不能签到`)
      if (r.status === 'checked_in') return this.toRegistration(tx, r, ev, now)
      this.assertCheckinAllowed(ev.e, r, now)
      const [updated] = await tx
        .update(eventRegistrations)
        .set({ status: 'checked_in', checkedInAt: new Date(now), checkedInBy: user.userId })
        .where(eq(eventRegistrations.id, r.id))
        .returning()
      return this.toRegistration(tx, updated, ev, now)
    })
  }

  async ranking(user: AuthUser, eventId: number): Promise<Ranking> {
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.loadEvent(tx, eventId)
      const member = await this.memberOf(tx, user.userId)
      if (!ev || !this.visible(user, ev, member)) throw Errors.notFound('活动不存在')
      const full = can(user, 'events.manage', ev.orgPath)
      return this.rankingOf(tx, ev.e, user.userId, full)
    })
  }

  // =====================================================================================================
  // organisers
  // =====================================================================================================

  async createEvent(user: AuthUser, input: EventInputParsed): Promise<Event> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const [org] = await tx.select().from(orgs).where(eq(orgs.id, input.orgId))
      if (!org) throw Errors.validation({ orgId: '所选工会不存在' })
      authorize(user, 'events.manage', org.path)
      if (Date.parse(input.endsAt) <= now) throw Errors.validation({ endsAt: '结束时间须晚于当前时间' })
      const row = await insertEvent(tx, input, user.userId)
      await audit(tx, {
        actorUserId: user.userId,
        action: 'events.create',
        subjectType: 'event',
        subjectId: row.id,
        detail: { kind: row.kind, capacity: row.capacity, orgId: row.orgId, approvalMode: row.approvalMode },
      })
      return this.toEvent(row, org.name, EMPTY_COUNTS, now)
    })
  }

  /**
   * Edit an event. Once anyone has registered, what registrations depend on is frozen (kind, entry mode and
   * team sizes, approval mode, questions); capacity may not drop below the places taken, and a larger
   * capacity moves waiters up at once (with a message).
   */
  async updateEvent(user: AuthUser, eventId: number, input: EventInputParsed): Promise<Event> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.managed(tx, user, eventId)
      const old = ev.e
      if (now >= old.endsAt.getTime()) throw Errors.conflict('活动已结束，不能修改')
      if (input.orgId !== old.orgId) throw Errors.validation({ orgId: '主办工会不能修改' })
      if (Date.parse(input.endsAt) <= now) throw Errors.validation({ endsAt: '结束时间须晚于当前时间' })
      const [seats] = rowsOf<{ taken: number }>(
        await tx.execute(sql`select taken from event_seats where event_id = ${eventId} for update`),
      )
      const [{ n }] = rowsOf<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from event_registrations where event_id = ${eventId}`),
      )
      const questions = questionRecords(input)
      const team = input.entryMode === 'team'
      const approvalMode = input.approvalMode ?? defaultApprovalMode(input.kind)
      if (n > 0) {
        const fields: Record<string, string> = {}
        const frozen = '已有会员报名，不能修改'
        if (input.kind !== old.kind) fields.kind = `${frozen}活动类型`
        if (input.entryMode !== old.entryMode) fields.entryMode = `${frozen}报名方式`
        if (team && (input.teamMinSize !== old.teamMinSize || input.teamMaxSize !== old.teamMaxSize)) fields.teamMinSize = `${frozen}团队人数`
        if (approvalMode !== old.approvalMode) fields.approvalMode = `${frozen}审核方式`
        // jsonb does not keep key order: compare through one canonical shape.
        const canon = (qs: EventQuestionRecord[]) =>
          JSON.stringify(qs.map((q) => [q.id, q.label, q.type, q.required, q.options, q.hint]))
        if (canon(questions) !== canon(old.questions)) fields.questions = `${frozen}报名题目`
        if (Object.keys(fields).length > 0) throw Errors.validation(fields)
      }
      if (input.capacity < seats.taken) {
        throw Errors.validation({ capacity: `已有 ${seats.taken} 个名额被占用，名额不能少于 ${seats.taken}` })
      }
      const [row] = await tx
        .update(events)
        .set({
          kind: input.kind,
          title: input.title,
          description: input.description,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          place: input.place,
          capacity: input.capacity,
          registrationOpensAt: new Date(input.registrationOpensAt),
          registrationClosesAt: new Date(input.registrationClosesAt),
          eligibleEmploymentTypes: input.eligibleEmploymentTypes,
          eligibleIndustries: input.eligibleIndustries,
          entryMode: input.entryMode,
          teamMinSize: team ? input.teamMinSize : null,
          teamMaxSize: team ? input.teamMaxSize : null,
          approvalMode,
          cancelCutoffHours: input.cancelCutoffHours,
          checkinOpensMinutes: input.checkinOpensMinutes,
          scoreUnit: input.scoreUnit,
          higherScoreWins: input.higherScoreWins,
          questions,
        })
        .where(eq(events.id, eventId))
        .returning()
      await tx.update(eventSeats).set({ capacity: input.capacity }).where(eq(eventSeats.eventId, eventId))
      const promoted = await this.promoteWaiters(tx, row, input.capacity - seats.taken, now)
      if (promoted > 0) {
        await tx.update(eventSeats).set({ taken: sql`${eventSeats.taken} + ${promoted}` }).where(eq(eventSeats.eventId, eventId))
      }
      await audit(tx, {
        actorUserId: user.userId,
        action: 'events.update',
        subjectType: 'event',
        subjectId: eventId,
        detail: { capacity: row.capacity, promoted },
      })
      const counts = (await this.countsFor(tx, [row], now)).get(row.id) ?? EMPTY_COUNTS
      return this.toEvent(row, ev.orgName, counts, now)
    })
  }

  async listManaged(
    user: AuthUser,
    query: { cursor?: string; limit: number },
  ): Promise<{ items: Event[]; nextCursor: string | null; serverTime: string }> {
    const now = this.deps.now()
    const scopes = [...scopesFor(user, 'events.manage'), ...scopesFor(user, 'events.checkin')]
    if (scopes.length === 0) return { items: [], nextCursor: null, serverTime: new Date(now).toISOString() }
    return this.deps.db.transaction(async (tx) => {
      const where: (SQL | undefined)[] = [or(...scopes.map((p) => sql`${orgs.path} like ${p + '%'}`))]
      const c = decodeCursor(query.cursor, 2)
      if (c) where.push(sql`(${events.startsAt}, ${events.id}) < (${new Date(c[0])}, ${c[1]})`)
      const rows = await tx
        .select({ e: events, orgName: orgs.name })
        .from(events)
        .innerJoin(orgs, eq(orgs.id, events.orgId))
        .where(and(...where))
        .orderBy(desc(events.startsAt), desc(events.id))
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.e.startsAt.getTime(), last.e.id])
      const counts = await this.countsFor(tx, page.map((r) => r.e), now)
      return {
        items: page.map((r) => this.toEvent(r.e, r.orgName, counts.get(r.e.id) ?? EMPTY_COUNTS, now)),
        nextCursor,
        serverTime: new Date(now).toISOString(),
      }
    })
  }

  async manageEvent(user: AuthUser, eventId: number): Promise<Event> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.managed(tx, user, eventId, true)
      const counts = (await this.countsFor(tx, [ev.e], now)).get(ev.e.id) ?? EMPTY_COUNTS
      return this.toEvent(ev.e, ev.orgName, counts, now)
    })
  }

  async registrations(
    user: AuthUser,
    eventId: number,
    query: ManageRegsQuery,
  ): Promise<{ items: ManagedRegistration[]; nextCursor: string | null; serverTime: string; counts: EventCounts }> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.managed(tx, user, eventId)
      const ended = now >= ev.e.endsAt.getTime()
      const where: (SQL | undefined)[] = [eq(eventRegistrations.eventId, eventId)]
      if (!query.status) where.push(ne(eventRegistrations.status, 'cancelled'))
      else if (query.status === 'no_show') where.push(ended ? eq(eventRegistrations.status, 'confirmed') : sql`false`)
      else if (query.status === 'confirmed') where.push(ended ? sql`false` : eq(eventRegistrations.status, 'confirmed'))
      else where.push(eq(eventRegistrations.status, query.status))
      const c = decodeCursor(query.cursor, 1)
      if (c) where.push(gt(eventRegistrations.id, c[0]))
      const rows = await this.registrationRows(tx, and(...where), query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.r.id])
      const items = await this.toManaged(tx, ev.e, page, now)
      const counts = (await this.countsFor(tx, [ev.e], now)).get(ev.e.id) ?? EMPTY_COUNTS
      await audit(tx, {
        actorUserId: user.userId,
        action: 'events.registrations.view',
        subjectType: 'event',
        subjectId: eventId,
        detail: { status: query.status ?? null, count: items.length },
      })
      return {
        items,
        nextCursor,
        serverTime: new Date(now).toISOString(),
        counts,
      }
    })
  }

  async decide(user: AuthUser, eventId: number, body: DecideBody): Promise<DecideResult> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.managed(tx, user, eventId)
      const e = ev.e
      await this.lockSeats(tx, e.id)
      const ids = [...new Set(body.ids)]
      const rows = await tx
        .select()
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, e.id), inArray(eventRegistrations.id, ids)))
        .orderBy(asc(eventRegistrations.id))
        .for('update')
      const byId = new Map(rows.map((r) => [r.id, r]))
      const results: DecideResult['results'] = []
      const messages: NewNotification[] = []
      let freed = 0
      for (const id of body.ids) {
        const r = byId.get(id)
        if (!r) {
          results.push({ id, ok: false, status: null, message: '报名不存在' })
          continue
        }
        if (results.some((x) => x.id === id)) continue
        if (r.status !== 'pending') {
          results.push({ id, ok: false, status: statusOf(r, e, now), message: `该报名${REGISTRATION_STATUSES[statusOf(r, e, now)]}，不是待审核状态` })
          continue
        }
        if (body.decision === 'approve') {
          if (r.teamName !== null && !isComplete(e, r.teamSize)) {
            results.push({ id, ok: false, status: 'pending', message: `队伍未组满（${r.teamSize ?? 0}/${teamMinOf(e)} 人），不能通过` })
            continue
          }
          await tx
            .update(eventRegistrations)
            .set({ status: 'confirmed', decidedAt: new Date(now), decidedBy: user.userId })
            .where(eq(eventRegistrations.id, id))
          messages.push({
            userId: r.userId,
            kind: EVENT_NOTIFICATION_KINDS.approved,
            title: '报名已通过',
            body: `您报名的「${e.title}」已通过审核，请于 ${chinaTime(e.startsAt.getTime())} 准时参加，签到时出示报名二维码。`,
            link: registrationPagePath(id),
          })
          if (r.teamName !== null) {
            await notifyTeamMates(tx, id, {
              kind: EVENT_NOTIFICATION_KINDS.approved,
              title: '队伍报名已通过',
              body: `您所在的队伍「${r.teamName}」报名「${e.title}」已通过审核，请于 ${chinaTime(e.startsAt.getTime())} 准时参加。`,
            })
          }
          results.push({ id, ok: true, status: 'confirmed', message: null })
        } else {
          const reason = body.reason ?? ''
          await tx
            .update(eventRegistrations)
            .set({ status: 'rejected', rejectReason: reason, decidedAt: new Date(now), decidedBy: user.userId })
            .where(eq(eventRegistrations.id, id))
          await closeTeam(tx, r, e, now, `未通过审核（原因：${reason}）`)
          freed++
          messages.push({
            userId: r.userId,
            kind: EVENT_NOTIFICATION_KINDS.rejected,
            title: '报名未通过',
            body: `您报名的「${e.title}」未通过审核，原因：${reason}`,
            link: registrationPagePath(id),
          })
          results.push({ id, ok: true, status: 'rejected', message: null })
        }
      }
      await notify(tx, messages)
      const promoted = freed > 0 ? await this.fillFreedPlaces(tx, e, freed, now) : 0
      await audit(tx, {
        actorUserId: user.userId,
        action: `events.${body.decision}`,
        subjectType: 'event',
        subjectId: e.id,
        detail: { ids: results.filter((r) => r.ok).map((r) => r.id), reason: body.reason ?? null, promoted },
      })
      const counts = (await this.countsFor(tx, [e], now)).get(e.id) ?? EMPTY_COUNTS
      return { results, promoted, counts }
    })
  }

  /**
   * Check-in by the code the member shows: signed here, for a live session of the registration's member, and
   * fresh (~60 s). Only a genuine code tells whether the registration belongs to another event.
   */
  async checkinByCode(user: AuthUser, eventId: number, rawCode: string): Promise<CheckinResult> {
    const now = this.deps.now()
    const invalid = (message: string) => new AppError(400, ErrorCodes.EVENT_CHECKIN_CODE_INVALID, message, { code: message })
    const code = parseCheckinCode(rawCode)
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.managed(tx, user, eventId, true)
      if (!code) throw invalid('这不是会员签到码，请让会员打开“我的报名”出示签到二维码')
      const [owner] = await tx
        .select({ userId: eventRegistrations.userId, eventId: eventRegistrations.eventId })
        .from(eventRegistrations)
        .where(eq(eventRegistrations.id, code.registrationId))
      const candidates = owner
        ? await tx
            .select({ id: sessions.id, revokedAt: sessions.revokedAt, expiresAt: sessions.expiresAt })
            .from(sessions)
            .where(eq(sessions.userId, owner.userId))
            .orderBy(desc(sessions.createdAt))
            .limit(500)
        : []
      const session = candidates.find((c) => signedForSession(this.deps.config.sessionSecret, code, c.id))
      if (!owner || !session) throw invalid('签到码无效，请让会员打开“我的报名”重新出示')
      if (owner.eventId !== eventId) throw Errors.notFound('该签到码不是本活动的报名')
      if (session.revokedAt || session.expiresAt.getTime() <= now) {
        throw invalid('会员已退出登录，该签到码已失效，请让会员登录后重新出示')
      }
      const fresh = freshness(code, now)
      if (fresh === 'expired') {
        const message = '二维码已过期，请让会员刷新后重新出示'
        throw new AppError(400, ErrorCodes.EVENT_CHECKIN_CODE_EXPIRED, message, { code: message })
      }
      if (fresh === 'future') throw invalid('签到码无效，请让会员打开“我的报名”重新出示')
      return this.checkInRegistration(tx, user, ev, code.registrationId, now)
    })
  }

  /** The organiser checks in a member who cannot show a code (ID checked at the door); audited. */
  async checkinManual(user: AuthUser, eventId: number, registrationId: number): Promise<CheckinResult> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.managed(tx, user, eventId)
      const [r] = await tx
        .select({ id: eventRegistrations.id })
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId)))
      if (!r) throw Errors.notFound('报名不存在')
      const result = await this.checkInRegistration(tx, user, ev, registrationId, now)
      if (!result.alreadyCheckedIn) {
        await audit(tx, {
          actorUserId: user.userId,
          action: 'events.checkin.manual',
          subjectType: 'event_registration',
          subjectId: registrationId,
          detail: { eventId },
        })
      }
      return result
    })
  }

  private async checkInRegistration(tx: Tx, user: AuthUser, ev: EventWithOrg, registrationId: number, now: number): Promise<CheckinResult> {
    const [r] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId)).for('update')
    const [m] = await tx
      .select({ name: memberships.name, memberNo: memberships.memberNo })
      .from(memberships)
      .where(eq(memberships.userId, r.userId))
    let checkedInAt = r.checkedInAt
    const already = r.status === 'checked_in'
    if (!already) {
      this.assertCheckinAllowed(ev.e, r, now)
      const [u] = await tx
        .update(eventRegistrations)
        .set({ status: 'checked_in', checkedInAt: new Date(now), checkedInBy: user.userId })
        .where(eq(eventRegistrations.id, r.id))
        .returning()
      checkedInAt = u.checkedInAt
    }
    const counts = (await this.countsFor(tx, [ev.e], now)).get(ev.e.id) ?? EMPTY_COUNTS
    return {
      registrationId: r.id,
      eventId: ev.e.id,
      name: m?.name ?? '',
      memberNo: m?.memberNo ?? '',
      teamName: r.teamName,
      checkedInAt: (checkedInAt ?? new Date(now)).toISOString(),
      alreadyCheckedIn: already,
      checkedInCount: counts.checkedIn,
    }
  }

  async checkinToken(user: AuthUser, eventId: number): Promise<EventQrToken> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.managed(tx, user, eventId, true)
      const slot = Math.floor(now / QR_SLOT_MS)
      return {
        token: this.qrToken(eventId, slot),
        expiresAt: new Date((slot + 2) * QR_SLOT_MS).toISOString(),
        checkinOpensAt: new Date(checkinOpensAtOf(ev.e)).toISOString(),
      }
    })
  }

  async checkinStats(user: AuthUser, eventId: number): Promise<CheckinStats> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.managed(tx, user, eventId, true)
      const counts = (await this.countsFor(tx, [ev.e], now)).get(ev.e.id) ?? EMPTY_COUNTS
      const recent = await tx
        .select({ id: eventRegistrations.id, name: memberships.name, at: eventRegistrations.checkedInAt })
        .from(eventRegistrations)
        .leftJoin(memberships, eq(memberships.userId, eventRegistrations.userId))
        .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'checked_in')))
        .orderBy(desc(eventRegistrations.checkedInAt), desc(eventRegistrations.id))
        .limit(20)
      return {
        eventId,
        counts,
        recent: recent.map((r) => ({ registrationId: r.id, name: r.name ?? '', checkedInAt: (r.at ?? new Date(now)).toISOString() })),
        serverTime: new Date(now).toISOString(),
      }
    })
  }

  async saveScores(user: AuthUser, eventId: number, body: ScoresBody): Promise<Ranking> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.managed(tx, user, eventId)
      const e = ev.e
      if (!isScoredKind(e.kind)) throw Errors.conflict('该活动不是竞赛类活动，没有成绩与名次')
      // From the opening of check-in (the competition day), so rounds can be scored as they finish.
      if (now < checkinOpensAtOf(e)) throw Errors.conflict(`签到开始（${chinaTime(checkinOpensAtOf(e))}）后才能录入成绩`)
      const ids = body.scores.map((x) => x.registrationId)
      const rows = await tx
        .select({ id: eventRegistrations.id, status: eventRegistrations.status })
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.id, ids)))
      const statusById = new Map(rows.map((r) => [r.id, r.status]))
      const fields: Record<string, string> = {}
      body.scores.forEach((x, i) => {
        const st = statusById.get(x.registrationId)
        if (!st) fields[`scores.${i}.registrationId`] = '不是本活动的报名'
        else if (st !== 'confirmed' && st !== 'checked_in') {
          fields[`scores.${i}.registrationId`] = `该报名${REGISTRATION_STATUSES[st]}，不能录入成绩`
        }
      })
      if (Object.keys(fields).length > 0) throw Errors.validation(fields)
      for (const x of body.scores) {
        await tx.update(eventRegistrations).set({ score: x.score }).where(eq(eventRegistrations.id, x.registrationId))
      }
      await audit(tx, {
        actorUserId: user.userId,
        action: 'events.scores',
        subjectType: 'event',
        subjectId: eventId,
        detail: { scores: body.scores },
      })
      return this.rankingOf(tx, e, user.userId, true)
    })
  }

  async manageRanking(user: AuthUser, eventId: number): Promise<Ranking> {
    return this.deps.db.transaction(async (tx) => {
      const ev = await this.managed(tx, user, eventId)
      return this.rankingOf(tx, ev.e, user.userId, true)
    })
  }

  /** The roster + check-in workbook (audited). */
  async roster(user: AuthUser, eventId: number): Promise<{ bytes: Buffer; filename: string }> {
    const now = this.deps.now()
    const data = await this.deps.db.transaction(async (tx) => {
      const ev = await this.managed(tx, user, eventId)
      const e = ev.e
      const rows = await this.registrationRows(tx, and(eq(eventRegistrations.eventId, eventId), ne(eventRegistrations.status, 'cancelled')), 100_000)
      const managed = await this.toManaged(tx, e, rows, now)
      const ranks = isScoredKind(e.kind) ? await this.rankingOf(tx, e, user.userId, true) : null
      const rankById = new Map(ranks?.items.map((x) => [x.registrationId, x.rank]) ?? [])
      await audit(tx, {
        actorUserId: user.userId,
        action: 'events.roster.export',
        subjectType: 'event',
        subjectId: eventId,
        detail: { rows: managed.length },
      })
      return { e, managed, rankById }
    })
    const { e, managed, rankById } = data
    const time = (iso: string | null) => (iso ? chinaTime(Date.parse(iso)) : '')
    const answerText = (a: AnsweredQuestion): Cell => {
      if (a.value === null) return ''
      if (a.type === 'file') return a.files.length ? `${a.files.length} 个文件` : ''
      return Array.isArray(a.value) ? a.value.join('、') : a.value
    }
    const columns = [
      { header: '序号', width: 6 },
      { header: '姓名', width: 10 },
      { header: '会员编号', width: 18 },
      { header: '所属工会', width: 24 },
      { header: '就业形态', width: 12 },
      { header: '状态', width: 10 },
      { header: '候补位次', width: 8 },
      ...(e.entryMode === 'team' ? [{ header: '队名', width: 14 }, { header: '队员', width: 30 }] : []),
      ...e.questions.map((q) => ({ header: q.label, width: 18 })),
      { header: '报名时间', width: 17 },
      { header: '签到时间', width: 17 },
      ...(isScoredKind(e.kind) ? [{ header: `成绩（${e.scoreUnit}）`, width: 10 }, { header: '名次', width: 6 }] : []),
    ]
    const rows: Cell[][] = managed.map((m, i) => [
      i + 1,
      m.name,
      m.memberNo,
      m.orgName,
      EMPLOYMENT_TYPES[m.employmentType],
      m.team && !m.team.complete && m.status === 'pending' ? `未组满（${m.team.size}/${m.team.minSize} 人）` : REGISTRATION_STATUSES[m.status],
      m.waitlistPosition,
      ...(e.entryMode === 'team'
        ? [m.team?.name ?? '', m.team?.members.map((x) => `${x.name}(${x.memberNo})${x.captain ? '（队长）' : ''}`).join('、') ?? '']
        : []),
      ...m.answers.map(answerText),
      time(m.createdAt),
      time(m.checkedInAt),
      ...(isScoredKind(e.kind) ? [m.score, rankById.get(m.id) ?? null] : []),
    ])
    const bytes = await writeWorkbook([{ name: '报名名单', columns, rows }])
    return { bytes, filename: `${e.title}-报名名单-${chinaDate(now)}.xlsx` }
  }

  // =====================================================================================================
  // helpers
  // =====================================================================================================

  /** Also used by teams.ts. */
  async loadEvent(tx: Tx, eventId: number): Promise<EventWithOrg | null> {
    const [row] = await tx
      .select({ e: events, orgName: orgs.name, orgPath: orgs.path })
      .from(events)
      .innerJoin(orgs, eq(orgs.id, events.orgId))
      .where(eq(events.id, eventId))
    return row ?? null
  }

  /** The event if the caller organises it (or, with `checkin`, may check people in); else 404. */
  private async managed(tx: Tx, user: AuthUser, eventId: number, checkin = false): Promise<EventWithOrg> {
    const ev = await this.loadEvent(tx, eventId)
    const ok = ev && (can(user, 'events.manage', ev.orgPath) || (checkin && can(user, 'events.checkin', ev.orgPath)))
    if (!ok) throw Errors.notFound('活动不存在')
    return ev
  }

  private visible(user: AuthUser, ev: EventWithOrg, member: MemberInfo | null): boolean {
    return (
      (member !== null && inSubtree(ev.orgPath, member.orgPath)) ||
      can(user, 'events.manage', ev.orgPath) ||
      can(user, 'events.checkin', ev.orgPath)
    )
  }

  /** Also used by teams.ts. */
  async memberOf(tx: Tx, userId: number): Promise<MemberInfo | null> {
    const [m] = await tx
      .select({
        memberNo: memberships.memberNo,
        name: memberships.name,
        employmentType: memberships.employmentType,
        orgPath: orgs.path,
        orgName: orgs.name,
      })
      .from(memberships)
      .innerJoin(orgs, eq(orgs.id, memberships.orgId))
      .where(eq(memberships.userId, userId))
    return m ?? null
  }

  private async ownRegistration(tx: Tx, userId: number, registrationId: number) {
    const [row] = await tx
      .select({ r: eventRegistrations, e: events, orgName: orgs.name, orgPath: orgs.path })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .innerJoin(orgs, eq(orgs.id, events.orgId))
      .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.userId, userId)))
    if (!row) throw Errors.notFound('报名记录不存在')
    return row
  }

  private async lockSeats(tx: Tx, eventId: number): Promise<void> {
    await tx.execute(sql`select taken from event_seats where event_id = ${eventId} for update`)
  }

  /** Also used by teams.ts. */
  eligibilityRefusal(e: EventRow, member: MemberInfo): string | null {
    if (e.eligibleEmploymentTypes && !e.eligibleEmploymentTypes.includes(member.employmentType)) {
      const names = e.eligibleEmploymentTypes.map((t) => EMPLOYMENT_TYPES[t as keyof typeof EMPLOYMENT_TYPES] ?? t).join('、')
      return `本活动仅限${names}报名，您不在报名范围内`
    }
    return null
  }

  /** Also used by teams.ts. */
  windowRefusal(e: EventRow, now: number): string | null {
    if (now < e.registrationOpensAt.getTime()) return `报名尚未开始，将于 ${chinaTime(e.registrationOpensAt.getTime())} 开放报名`
    if (now >= e.registrationClosesAt.getTime() || now >= e.startsAt.getTime()) return '报名已截止'
    return null
  }

  /** The no-show restriction message, or null. Also used by teams.ts. */
  async banOf(tx: Tx, userId: number, now: number): Promise<string | null> {
    const rule = this.noShow
    const since = new Date(now - (rule.windowDays + rule.banDays) * DAY)
    const rows = await tx
      .select({ endsAt: events.endsAt })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(
        and(
          eq(eventRegistrations.userId, userId),
          eq(eventRegistrations.status, 'confirmed'),
          lte(events.endsAt, new Date(now)),
          gt(events.endsAt, since),
        ),
      )
    const until = noShowBanUntil(rows.map((r) => r.endsAt.getTime()), rule, now)
    if (until === null) return null
    return `您在 ${rule.windowDays} 天内有 ${rule.limit} 次报名后未到场（未签到），${chinaDate(until)} 前暂停报名活动`
  }

  private async hint(
    tx: Tx,
    userId: number,
    ev: EventWithOrg,
    member: MemberInfo | null,
    latest: EventRegistrationRow | null,
    placesLeft: number,
    now: number,
  ): Promise<RegisterHint> {
    const no = (reason: string): RegisterHint => ({ allowed: false, reason, waitlist: false })
    if (!member) return no('仅限工会会员报名，请先申请入会')
    if (!inSubtree(ev.orgPath, member.orgPath)) return no('您所在的工会不在本活动的报名范围内')
    const refusal = this.eligibilityRefusal(ev.e, member)
    if (refusal) return no(refusal)
    if (latest && ['pending', 'confirmed', 'waitlisted', 'checked_in'].includes(latest.status)) return no('您已报名该活动')
    const windowRefusal = this.windowRefusal(ev.e, now)
    if (windowRefusal) return no(windowRefusal)
    const ban = await this.banOf(tx, userId, now)
    if (ban) return no(ban)
    return { allowed: true, reason: null, waitlist: placesLeft <= 0 }
  }

  /**
   * Gives `freed` places (already counted in event_seats.taken) to the first waiters, in id order; places
   * nobody waits for go back to the pool. The caller holds the event_seats lock. Returns the promotions.
   */
  private async fillFreedPlaces(tx: Tx, e: EventRow, freed: number, now: number): Promise<number> {
    const promoted = await this.promoteWaiters(tx, e, freed, now)
    const back = freed - promoted
    if (back > 0) {
      await tx.update(eventSeats).set({ taken: sql`${eventSeats.taken} - ${back}` }).where(eq(eventSeats.eventId, e.id))
    }
    return promoted
  }

  /**
   * Moves up to `n` first waiters (id order) into places and tells them (a team's members too); seat accounting
   * is the caller's. A promoted team is confirmed only when complete and in auto mode (see team-store.ts).
   */
  private async promoteWaiters(tx: Tx, e: EventRow, n: number, now: number): Promise<number> {
    if (n <= 0) return 0
    const waiters = await tx
      .select({ id: eventRegistrations.id, userId: eventRegistrations.userId, teamName: eventRegistrations.teamName, teamSize: eventRegistrations.teamSize })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.status, 'waitlisted')))
      .orderBy(asc(eventRegistrations.id))
      .limit(n)
      .for('update')
    if (waiters.length === 0) return 0
    const messages: NewNotification[] = []
    for (const w of waiters) {
      const to = promotedStatus(e, w)
      await tx.update(eventRegistrations).set({ status: to, promotedAt: new Date(now) }).where(eq(eventRegistrations.id, w.id))
      const forming = w.teamName !== null && !isComplete(e, w.teamSize)
      messages.push({
        userId: w.userId,
        kind: EVENT_NOTIFICATION_KINDS.promoted,
        title: to === 'confirmed' ? '候补成功，已为您报名' : forming ? '候补已递补，请尽快组满队伍' : '候补已递补，等待审核',
        body:
          to === 'confirmed'
            ? `「${e.title}」有名额空出，您已从候补转为已报名。活动时间 ${chinaTime(e.startsAt.getTime())}，签到时出示报名二维码。`
            : forming
              ? `「${e.title}」有名额空出，您的队伍已递补。队伍组满 ${teamMinOf(e)} 人后才能${e.approvalMode === 'manual' ? '进入审核' : '报名成功'}。`
              : `「${e.title}」有名额空出，您的候补已递补，正在等待主办方审核。`,
        link: registrationPagePath(w.id),
      })
      if (w.teamName !== null) {
        await notifyTeamMates(tx, w.id, {
          kind: EVENT_NOTIFICATION_KINDS.promoted,
          title: '队伍候补已递补',
          body: `您所在的队伍「${w.teamName}」报名「${e.title}」已从候补递补${to === 'confirmed' ? '，报名成功' : ''}。`,
        })
      }
    }
    await notify(tx, messages)
    return waiters.length
  }

  private assertCheckinAllowed(e: EventRow, r: EventRegistrationRow, now: number): void {
    const opens = checkinOpensAtOf(e)
    if (now < opens) throw Errors.conflict(`签到尚未开始，将于 ${chinaTime(opens)} 开始签到`)
    if (now >= e.endsAt.getTime()) throw Errors.conflict('活动已结束，签到已关闭')
    if (r.status === 'pending' && r.teamName !== null && !isComplete(e, r.teamSize)) {
      throw Errors.conflict(`队伍未组满（${r.teamSize ?? 0}/${teamMinOf(e)} 人），不能签到`)
    }
    if (r.status !== 'confirmed') {
      const why: Record<string, string> = {
        pending: '该报名尚未通过审核，不能签到',
        waitlisted: '该报名仍在候补中，没有名额，不能签到',
        cancelled: '该报名已取消，不能签到',
        rejected: '该报名未通过审核，不能签到',
      }
      throw Errors.conflict(why[r.status] ?? '该报名不能签到')
    }
  }

  private qrToken(eventId: number, slot: number): string {
    const sig = createHmac('sha256', this.deps.config.sessionSecret).update(`event-checkin:${eventId}:${slot}`).digest('base64url').slice(0, 22)
    return `${eventId}.${slot}.${sig}`
  }

  /** The event id of a valid current (or previous-slot) token, else null. */
  private verifyQrToken(token: string, now: number): number | null {
    const m = /^(\d{1,9})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token.trim())
    if (!m) return null
    const eventId = Number(m[1])
    const slot = Number(m[2])
    const current = Math.floor(now / QR_SLOT_MS)
    if (slot !== current && slot !== current - 1) return null
    const expected = Buffer.from(this.qrToken(eventId, slot))
    const given = Buffer.from(token.trim())
    return expected.length === given.length && timingSafeEqual(expected, given) ? eventId : null
  }

  private async validateAnswers(
    tx: Tx,
    userId: number,
    questions: EventQuestionRecord[],
    answers: Record<string, string | number | string[]>,
  ): Promise<EventAnswersRecord> {
    const fields: Record<string, string> = {}
    const out: EventAnswersRecord = {}
    const known = new Set(questions.map((q) => q.id))
    for (const key of Object.keys(answers)) if (!known.has(key)) fields[`answers.${key}`] = '没有这道题，请刷新后重试'
    const fileChecks: { key: string; ids: string[] }[] = []
    for (const q of questions) {
      const key = `answers.${q.id}`
      const v = answers[q.id]
      const empty = v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
      if (empty) {
        if (q.required) fields[key] = q.type === 'file' ? `请上传${q.label}` : `请填写${q.label}`
        continue
      }
      switch (q.type) {
        case 'short_text':
          if (typeof v !== 'string') fields[key] = '请填写文字'
          else out[q.id] = v.trim()
          break
        case 'number': {
          const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN
          if (!Number.isFinite(n)) fields[key] = '请填写数字'
          else out[q.id] = n
          break
        }
        case 'single_choice':
          if (typeof v !== 'string' || !q.options.includes(v)) fields[key] = '请从选项中选择一项'
          else out[q.id] = v
          break
        case 'multi_choice':
          if (!Array.isArray(v) || v.some((x) => !q.options.includes(x))) fields[key] = '请从选项中选择'
          else if (new Set(v).size !== v.length) fields[key] = '选项重复'
          else out[q.id] = v
          break
        case 'file':
          if (!Array.isArray(v)) fields[key] = '请上传文件'
          else if (v.length > ANSWER_FILES_MAX) fields[key] = `最多上传 ${ANSWER_FILES_MAX} 个文件`
          else if (new Set(v).size !== v.length) fields[key] = '文件重复'
          else fileChecks.push({ key, ids: v })
          if (Array.isArray(v)) out[q.id] = v
          break
      }
    }
    const allIds = fileChecks.flatMap((f) => f.ids)
    if (allIds.length > 0) {
      const rows = await tx
        .select({ id: files.id, owner: files.ownerUserId, mime: files.mime, kind: files.kind })
        .from(files)
        .where(inArray(files.id, allIds))
      const byId = new Map(rows.map((r) => [r.id, r]))
      for (const f of fileChecks) {
        for (const id of f.ids) {
          const row = byId.get(id)
          if (!row || row.owner !== userId || row.kind !== 'events.answer') {
            fields[f.key] = '文件不存在或不是您上传的，请重新上传'
            break
          }
          if (!(ANSWER_FILE_MIMES as readonly string[]).includes(row.mime)) {
            fields[f.key] = '只支持 JPG、PNG、WebP 图片或 PDF 文件'
            break
          }
        }
      }
    }
    if (Object.keys(fields).length > 0) throw Errors.validation(fields)
    await this.deps.files.attach(tx, allIds) // referenced now: the sweep of unattached uploads keeps them
    return out
  }

  /** Team entry takes the team's name only: team-mates join by accepting invitations (teams.ts). */
  private validateTeam(e: EventRow, team: RegisterBodyParsed['team']): { name: string } | null {
    if (e.entryMode === 'individual') {
      if (team) throw Errors.validation({ team: '本活动为个人报名，无需填写队伍' })
      return null
    }
    if (!team) throw Errors.validation({ team: '本活动为团队报名，请填写队名' })
    return { name: team.name }
  }

  private async countsFor(tx: Tx, list: EventRow[], now: number): Promise<Map<number, EventCounts>> {
    const out = new Map<number, EventCounts>()
    if (list.length === 0) return out
    const rows = await tx
      .select({
        eventId: eventRegistrations.eventId,
        pending: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'pending'))::int`,
        confirmed: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'confirmed'))::int`,
        checkedIn: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'checked_in'))::int`,
        waitlisted: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'waitlisted'))::int`,
      })
      .from(eventRegistrations)
      .where(inArray(eventRegistrations.eventId, list.map((e) => e.id)))
      .groupBy(eventRegistrations.eventId)
    const byId = new Map(rows.map((r) => [r.eventId, r]))
    for (const e of list) {
      const r = byId.get(e.id)
      if (!r) {
        out.set(e.id, EMPTY_COUNTS)
        continue
      }
      const ended = now >= e.endsAt.getTime()
      out.set(e.id, {
        taken: r.pending + r.confirmed + r.checkedIn,
        pending: r.pending,
        confirmed: ended ? 0 : r.confirmed,
        checkedIn: r.checkedIn,
        waitlisted: r.waitlisted,
        noShow: ended ? r.confirmed : 0,
      })
    }
    return out
  }

  /** Also used by teams.ts. */
  async waitlistPositions(tx: Tx, registrationIds: number[]): Promise<Map<number, number>> {
    if (registrationIds.length === 0) return new Map()
    const rows = rowsOf<{ id: number; pos: number }>(
      await tx.execute(sql`
        select r.id, (select count(*)::int from event_registrations w
                      where w.event_id = r.event_id and w.status = 'waitlisted' and w.id <= r.id) as pos
        from event_registrations r
        where r.id in (${sql.join(registrationIds.map((id) => sql`${id}`), sql`, `)}) and r.status = 'waitlisted'`),
    )
    return new Map(rows.map((r) => [Number(r.id), Number(r.pos)]))
  }

  private toEvent(e: EventRow, orgName: string, counts: EventCounts, now: number): Event {
    return {
      id: e.id,
      kind: e.kind,
      title: e.title,
      description: e.description,
      orgId: e.orgId,
      orgName,
      startsAt: e.startsAt.toISOString(),
      endsAt: e.endsAt.toISOString(),
      place: e.place,
      capacity: e.capacity,
      registrationOpensAt: e.registrationOpensAt.toISOString(),
      registrationClosesAt: e.registrationClosesAt.toISOString(),
      eligibleEmploymentTypes: (e.eligibleEmploymentTypes as Event['eligibleEmploymentTypes']) ?? null,
      eligibleIndustries: (e.eligibleIndustries as Event['eligibleIndustries']) ?? null,
      entryMode: e.entryMode,
      teamMinSize: e.teamMinSize,
      teamMaxSize: e.teamMaxSize,
      approvalMode: e.approvalMode,
      cancelCutoffHours: e.cancelCutoffHours,
      cancelUntil: new Date(cancelUntilOf(e)).toISOString(),
      checkinOpensMinutes: e.checkinOpensMinutes,
      checkinOpensAt: new Date(checkinOpensAtOf(e)).toISOString(),
      scored: isScoredKind(e.kind),
      scoreUnit: e.scoreUnit,
      higherScoreWins: e.higherScoreWins,
      questions: e.questions,
      counts,
      placesLeft: Math.max(0, e.capacity - counts.taken),
      phase: phaseOf(e, now),
    }
  }

  private async answeredQuestions(tx: Tx, e: EventRow, answers: EventAnswersRecord): Promise<AnsweredQuestion[]> {
    const fileIds = e.questions.filter((q) => q.type === 'file').flatMap((q) => (Array.isArray(answers[q.id]) ? (answers[q.id] as string[]) : []))
    const fileRows = fileIds.length
      ? await tx.select({ id: files.id, mime: files.mime, size: files.size }).from(files).where(inArray(files.id, fileIds))
      : []
    const byId = new Map(fileRows.map((f) => [f.id, f]))
    return e.questions.map((q) => {
      const value = answers[q.id] ?? null
      const fs: AnswerFile[] =
        q.type === 'file' && Array.isArray(value)
          ? value
              .map((id) => byId.get(id))
              .filter((f): f is NonNullable<typeof f> => f !== undefined)
              .map((f) => ({ id: f.id, mime: f.mime, size: f.size, url: this.deps.files.signedUrl(f.id) }))
          : []
      return { questionId: q.id, label: q.label, type: q.type, value, files: fs }
    })
  }

  private async toRegistration(tx: Tx, r: EventRegistrationRow, ev: EventWithOrg, now: number): Promise<Registration> {
    const e = ev.e
    const status = statusOf(r, e, now)
    const position = status === 'waitlisted' ? ((await this.waitlistPositions(tx, [r.id])).get(r.id) ?? null) : null
    let result: Registration['result'] = null
    if (isScoredKind(e.kind) && r.score !== null && (r.status === 'confirmed' || r.status === 'checked_in')) {
      const ranking = await this.rankingOf(tx, e, r.userId, false)
      const mine = ranking.items.find((x) => x.registrationId === r.id)
      if (mine) result = { score: mine.score, rank: mine.rank, of: ranking.items.length }
    }
    const cancelUntil = cancelUntilOf(e)
    return {
      id: r.id,
      eventId: e.id,
      event: {
        title: e.title,
        kind: e.kind,
        orgName: ev.orgName,
        startsAt: e.startsAt.toISOString(),
        endsAt: e.endsAt.toISOString(),
        place: e.place,
        scored: isScoredKind(e.kind),
        scoreUnit: e.scoreUnit,
        phase: phaseOf(e, now),
        checkinOpensAt: new Date(checkinOpensAtOf(e)).toISOString(),
      },
      status,
      waitlistPosition: position,
      answers: await this.answeredQuestions(tx, e, r.answers),
      team: r.teamName !== null ? this.teamOf(e, r, (await teamMembersOf(tx, [r.id])).get(r.id) ?? [], r.userId, true) : null,
      rejectReason: r.rejectReason,
      createdAt: r.createdAt.toISOString(),
      checkedInAt: r.checkedInAt ? r.checkedInAt.toISOString() : null,
      canCancel: ['pending', 'confirmed', 'waitlisted'].includes(status) && now < cancelUntil,
      cancelUntil: new Date(cancelUntil).toISOString(),
      result,
    }
  }

  /**
   * A team as members see it: the captain (and the organiser) get full names of accepted members, a team-mate
   * gets them masked except their own. Never member numbers.
   */
  teamOf(e: EventRow, r: EventRegistrationRow, members: TeamMemberRow[], viewerId: number, fullNames: boolean): s.Team {
    return {
      name: r.teamName ?? '',
      size: r.teamSize ?? members.length,
      minSize: teamMinOf(e),
      maxSize: teamMaxOf(e),
      complete: isComplete(e, r.teamSize),
      members: members.map((m) => ({
        id: m.id,
        name: fullNames || m.userId === viewerId ? m.name : maskName(m.name),
        captain: m.captain,
        me: m.userId === viewerId,
        joinedAt: m.joinedAt.toISOString(),
      })),
    }
  }

  /** The team the user joined as a team-mate (not as captain) for this event, if any. */
  private async myTeamOf(tx: Tx, e: EventRow, userId: number, now: number): Promise<s.MyTeam | null> {
    const t = await activeTeamOf(tx, e.id, userId)
    if (!t || t.captain) return null
    const [r] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, t.registrationId))
    if (!r) return null
    return { registrationId: r.id, name: r.teamName ?? '', status: statusOf(r, e, now), complete: isComplete(e, r.teamSize) }
  }

  private async registrationRows(tx: Tx, where: SQL | undefined, limit: number) {
    return tx
      .select({
        r: eventRegistrations,
        name: memberships.name,
        memberNo: memberships.memberNo,
        employmentType: memberships.employmentType,
        orgName: memberOrgs.name,
      })
      .from(eventRegistrations)
      .leftJoin(memberships, eq(memberships.userId, eventRegistrations.userId))
      .leftJoin(memberOrgs, eq(memberOrgs.id, memberships.orgId))
      .where(where)
      .orderBy(asc(eventRegistrations.id))
      .limit(limit)
  }

  private async toManaged(
    tx: Tx,
    e: EventRow,
    rows: Awaited<ReturnType<EventService['registrationRows']>>,
    now: number,
  ): Promise<ManagedRegistration[]> {
    const positions = await this.waitlistPositions(tx, rows.filter((x) => x.r.status === 'waitlisted').map((x) => x.r.id))
    const teams = await teamMembersOf(tx, rows.filter((x) => x.r.teamName !== null).map((x) => x.r.id))
    const out: ManagedRegistration[] = []
    for (const x of rows) {
      const r = x.r
      const team = r.teamName !== null ? this.teamOf(e, r, teams.get(r.id) ?? [], r.userId, true) : null
      out.push({
        id: r.id,
        status: statusOf(r, e, now),
        waitlistPosition: positions.get(r.id) ?? null,
        name: x.name ?? '',
        memberNo: x.memberNo ?? '',
        employmentType: x.employmentType ?? 'employee',
        orgName: x.orgName ?? '',
        answers: await this.answeredQuestions(tx, e, r.answers),
        team: team
          ? { ...team, members: (teams.get(r.id) ?? []).map((m) => ({ memberNo: m.memberNo, name: m.name, captain: m.captain })) }
          : null,
        rejectReason: r.rejectReason,
        createdAt: r.createdAt.toISOString(),
        decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
        checkedInAt: r.checkedInAt ? r.checkedInAt.toISOString() : null,
        score: r.score,
      })
    }
    return out
  }

  private async rankingOf(tx: Tx, e: EventRow, viewerId: number, fullNames: boolean): Promise<Ranking> {
    if (!isScoredKind(e.kind)) throw Errors.conflict('该活动不是竞赛类活动，没有成绩与名次')
    const rows = await tx
      .select({ id: eventRegistrations.id, userId: eventRegistrations.userId, score: eventRegistrations.score, teamName: eventRegistrations.teamName, name: memberships.name })
      .from(eventRegistrations)
      .leftJoin(memberships, eq(memberships.userId, eventRegistrations.userId))
      .where(
        and(
          eq(eventRegistrations.eventId, e.id),
          inArray(eventRegistrations.status, ['confirmed', 'checked_in']),
          sql`${eventRegistrations.score} is not null`,
        ),
      )
    const ranked = competitionRanks(
      rows.map((r) => ({ ...r, score: r.score as number })),
      e.higherScoreWins,
    )
    const items: RankingEntry[] = ranked.map((r) => {
      const mine = r.userId === viewerId
      const personal = r.name ?? ''
      return {
        registrationId: r.id,
        rank: r.rank,
        name: r.teamName ?? (fullNames || mine ? personal : maskName(personal)),
        teamName: r.teamName,
        score: r.score,
        mine,
      }
    })
    return {
      eventId: e.id,
      scoreUnit: e.scoreUnit,
      higherScoreWins: e.higherScoreWins,
      items,
      mine: items.find((x) => x.mine) ?? null,
    }
  }
}


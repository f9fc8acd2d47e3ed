/**
 * Teams by invitation. The captain registers the team (service.ts) and shares invitations: random single-use
 * codes (team-store.ts), never member numbers. Whoever opens one sees the event, the team's name and size and the
 * captain masked; an eligible member joins by accepting. Accepting locks the team's registration row and grows
 * `team_size` with a conditional UPDATE (`team_size < max`), so two acceptances for the last place cannot both win,
 * and the partial UNIQUE on event_team_members keeps a person in one team per event. Wrong codes are counted per
 * user (event_invite_lookups): 10 in 15 minutes → 429 until the window ends. Refusals name nobody.
 *
 * Until the registration deadline the captain may invite, withdraw invitations and remove members; a team-mate
 * may leave. Every change is told to the people it affects (in-app messages, same transaction).
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import { ErrorCodes } from '@contract/errors'
import {
  EVENT_NOTIFICATION_KINDS,
  INVITE_CODE_LENGTH,
  invitePagePath,
  normaliseInviteCode,
  teamPagePath,
} from '@contract/events/labels'
import type { InvitePreview, TeamView } from '@contract/events/schemas'
import type { Tx } from '../../db'
import { eventInviteLookups, eventRegistrations, eventTeamInvites, eventTeamMembers, type EventRegistrationRow } from '../../db/schema/events'
import { memberDirectory as memberships } from '../membership'
import type { AppDeps } from '../../http/deps'
import type { AuthUser } from '../../auth/sessions'
import { inSubtree } from '../../auth/policy'
import { AppError, Errors } from '../../errors'
import { chinaTime } from '../../time'
import { notify, type NewNotification } from '../notifications'
import { alreadyInTeam, isUniqueViolation, maskName, phaseOf, statusOf, type EventService, type EventWithOrg } from './service'
import {
  activeTeamOf,
  createInvite,
  isComplete,
  notifyTeamMates,
  pendingInvites,
  statusForSize,
  teamClosesAt,
  teamMaxOf,
  teamMembersOf,
  teamMinOf,
} from './team-store'

/** Wrong invitation codes a user may try per window before being refused for the rest of it. */
export const INVITE_FAILURES_MAX = 10
export const INVITE_WINDOW_MS = 15 * 60_000

const LIVE = ['pending', 'confirmed', 'waitlisted'] as const
const isLive = (r: EventRegistrationRow) => (LIVE as readonly string[]).includes(r.status)

const teamError = (status: number, code: string, message: string) => new AppError(status, code, message)
const locked = (message = '报名已截止，队伍不能再变更') => teamError(409, ErrorCodes.EVENT_TEAM_LOCKED, message)
const eventLink = (eventId: number) => `/packages/events/detail/index?id=${eventId}`

interface TeamContext {
  ev: EventWithOrg
  r: EventRegistrationRow
  role: 'captain' | 'member'
}

export class TeamService {
  constructor(
    private readonly deps: AppDeps,
    private readonly events: EventService,
  ) {}

  // ---------- captain and team-mates ----------

  async view(user: AuthUser, registrationId: number): Promise<TeamView> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => this.toView(tx, await this.teamFor(tx, user, registrationId, false), user.userId, now))
  }

  async invite(user: AuthUser, registrationId: number): Promise<TeamView> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ctx = await this.captainOf(tx, user, registrationId)
      const { e } = ctx.ev
      this.assertOpen(ctx, now)
      if ((ctx.r.teamSize ?? 0) >= teamMaxOf(e)) throw teamError(409, ErrorCodes.EVENT_TEAM_FULL, `队伍已满（最多 ${teamMaxOf(e)} 人），不能再邀请`)
      const pending = (await pendingInvites(tx, ctx.r.id)).filter((i) => i.expiresAt.getTime() > now)
      if (pending.length >= teamMaxOf(e) - 1) {
        throw teamError(409, ErrorCodes.EVENT_INVITE_LIMIT, `已有 ${pending.length} 个邀请未被接受，请先撤回不用的邀请`)
      }
      await createInvite(tx, e, ctx.r.id, user.userId, now)
      return this.toView(tx, ctx, user.userId, now)
    })
  }

  async withdraw(user: AuthUser, registrationId: number, inviteId: number): Promise<TeamView> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ctx = await this.captainOf(tx, user, registrationId)
      const [invite] = await tx
        .select()
        .from(eventTeamInvites)
        .where(and(eq(eventTeamInvites.id, inviteId), eq(eventTeamInvites.registrationId, registrationId)))
        .for('update')
      if (!invite) throw Errors.notFound('邀请不存在')
      if (invite.acceptedAt) throw teamError(409, ErrorCodes.EVENT_INVITE_USED, '该邀请已被接受，不能撤回；如需调整请移出该队员')
      if (!invite.withdrawnAt) await tx.update(eventTeamInvites).set({ withdrawnAt: new Date(now) }).where(eq(eventTeamInvites.id, inviteId))
      return this.toView(tx, ctx, user.userId, now)
    })
  }

  async remove(user: AuthUser, registrationId: number, memberId: number): Promise<TeamView> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ctx = await this.captainOf(tx, user, registrationId)
      this.assertOpen(ctx, now)
      const [m] = await tx
        .select()
        .from(eventTeamMembers)
        .where(and(eq(eventTeamMembers.id, memberId), eq(eventTeamMembers.registrationId, registrationId), isNull(eventTeamMembers.leftAt)))
      if (!m) throw Errors.notFound('该队员不在队伍中')
      if (m.captain) throw Errors.validation({ memberId: '队长不能移出自己；如不参加，请取消报名' })
      const e = ctx.ev.e
      await notify(tx, {
        userId: m.userId,
        kind: EVENT_NOTIFICATION_KINDS.teamRemoved,
        title: '您已被移出队伍',
        body: `队长已将您移出队伍「${ctx.r.teamName}」（活动「${e.title}」）。`,
        link: eventLink(e.id),
      })
      const r = await this.shrink(tx, ctx, m.id, 'removed', now)
      return this.toView(tx, { ...ctx, r }, user.userId, now)
    })
  }

  async leave(user: AuthUser, registrationId: number): Promise<TeamView> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const ctx = await this.teamFor(tx, user, registrationId, true)
      if (ctx.role === 'captain') throw Errors.validation({ team: '队长不能退出队伍；如不参加，请取消报名' })
      this.assertOpen(ctx, now)
      const [m] = await tx
        .select({ id: eventTeamMembers.id, name: memberships.name })
        .from(eventTeamMembers)
        .leftJoin(memberships, eq(memberships.userId, eventTeamMembers.userId))
        .where(and(eq(eventTeamMembers.registrationId, registrationId), eq(eventTeamMembers.userId, user.userId), isNull(eventTeamMembers.leftAt)))
      if (!m) throw Errors.notFound('队伍不存在')
      const r = await this.shrink(tx, ctx, m.id, 'left', now)
      const e = ctx.ev.e
      await notify(tx, {
        userId: r.userId,
        kind: EVENT_NOTIFICATION_KINDS.teamLeft,
        title: '有队员退出了队伍',
        body: `队员 ${m.name ?? ''} 退出了队伍「${r.teamName}」（现 ${r.teamSize}/${teamMinOf(e)} 人）。${isComplete(e, r.teamSize) ? '' : '队伍未组满，请再邀请队员。'}`,
        link: teamPagePath(r.id),
      })
      return this.toView(tx, { ...ctx, r }, user.userId, now)
    })
  }

  // ---------- whoever holds an invitation ----------

  async preview(user: AuthUser, rawCode: string): Promise<InvitePreview> {
    const inviteId = await this.findInvite(user.userId, rawCode)
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const { invite, ctx } = await this.loadInvite(tx, inviteId, false)
      const { e } = ctx.ev
      const [captain] = await tx.select({ name: memberships.name }).from(memberships).where(eq(memberships.userId, ctx.r.userId))
      const state = this.stateOf(invite, ctx, now)
      const mine = await activeTeamOf(tx, e.id, user.userId)
      const reason = state === 'open' ? await this.acceptRefusal(tx, user, ctx, now) : this.stateMessage(state)
      return {
        code: invite.code,
        state,
        event: { id: e.id, title: e.title, kind: e.kind, orgName: ctx.ev.orgName, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), place: e.place },
        team: { name: ctx.r.teamName ?? '', captain: maskName(captain?.name ?? ''), size: ctx.r.teamSize ?? 1, minSize: teamMinOf(e), maxSize: teamMaxOf(e) },
        expiresAt: invite.expiresAt.toISOString(),
        canAccept: reason === null,
        reason: reason?.message ?? null,
        myTeamRegistrationId: mine?.registrationId === ctx.r.id ? ctx.r.id : null,
      }
    })
  }

  async accept(user: AuthUser, rawCode: string): Promise<TeamView> {
    const inviteId = await this.findInvite(user.userId, rawCode)
    const now = this.deps.now()
    try {
      return await this.deps.db.transaction(async (tx) => {
        // Lock order: the team's registration row, then the invitation.
        const { invite, ctx } = await this.loadInvite(tx, inviteId, true)
        const state = this.stateOf(invite, ctx, now)
        if (state !== 'open') throw this.stateMessage(state)
        const refusal = await this.acceptRefusal(tx, user, ctx, now)
        if (refusal) throw refusal
        const { e } = ctx.ev
        const [grown] = await tx
          .update(eventRegistrations)
          .set({ teamSize: sql`${eventRegistrations.teamSize} + 1` })
          .where(
            and(
              eq(eventRegistrations.id, ctx.r.id),
              sql`${eventRegistrations.teamSize} < ${teamMaxOf(e)}`,
              sql`${eventRegistrations.status} in ('pending', 'confirmed', 'waitlisted')`,
            ),
          )
          .returning()
        if (!grown) throw teamError(409, ErrorCodes.EVENT_TEAM_FULL, '队伍已满，不能再加入')
        const [used] = await tx
          .update(eventTeamInvites)
          .set({ acceptedBy: user.userId, acceptedAt: new Date(now) })
          .where(and(eq(eventTeamInvites.id, invite.id), isNull(eventTeamInvites.acceptedAt), isNull(eventTeamInvites.withdrawnAt)))
          .returning({ id: eventTeamInvites.id })
        if (!used) throw this.stateMessage('accepted')
        await tx.insert(eventTeamMembers).values({ eventId: e.id, userId: user.userId, registrationId: ctx.r.id, joinedAt: new Date(now) })
        const r = await this.settleStatus(tx, ctx, grown)
        const [me] = await tx.select({ name: memberships.name }).from(memberships).where(eq(memberships.userId, user.userId))
        await notify(tx, {
          userId: r.userId,
          kind: EVENT_NOTIFICATION_KINDS.teamJoined,
          title: '有队员加入了队伍',
          body: `${me?.name ?? ''} 接受邀请加入了队伍「${r.teamName}」（现 ${r.teamSize}/${teamMaxOf(e)} 人）。`,
          link: teamPagePath(r.id),
        })
        return this.toView(tx, { ev: ctx.ev, r, role: 'member' }, user.userId, now)
      })
    } catch (err) {
      if (isUniqueViolation(err, 'event_team_members_unique')) throw alreadyInTeam()
      throw err
    }
  }

  // ---------- helpers ----------

  /**
   * The invitation's id by its code. Wrong codes count against the user (in their own transaction, so the count
   * survives the refusal); past the limit every lookup is refused until the window ends.
   */
  private async findInvite(userId: number, rawCode: string): Promise<number> {
    const code = normaliseInviteCode(rawCode)
    const now = this.deps.now()
    const windowStart = new Date(now - INVITE_WINDOW_MS)
    const found = await this.deps.db.transaction(async (tx) => {
      const [seen] = await tx.select().from(eventInviteLookups).where(eq(eventInviteLookups.userId, userId))
      if (seen && seen.windowStartedAt > windowStart && seen.failures >= INVITE_FAILURES_MAX) {
        return { kind: 'limited' as const, ms: seen.windowStartedAt.getTime() + INVITE_WINDOW_MS - now }
      }
      const [invite] =
        code.length === INVITE_CODE_LENGTH
          ? await tx.select({ id: eventTeamInvites.id }).from(eventTeamInvites).where(eq(eventTeamInvites.code, code))
          : []
      if (invite) return { kind: 'found' as const, id: invite.id }
      const fresh = sql`${eventInviteLookups.windowStartedAt} <= ${windowStart}`
      await tx
        .insert(eventInviteLookups)
        .values({ userId, windowStartedAt: new Date(now), failures: 1 })
        .onConflictDoUpdate({
          target: eventInviteLookups.userId,
          set: {
            failures: sql`case when ${fresh} then 1 else ${eventInviteLookups.failures} + 1 end`,
            windowStartedAt: sql`case when ${fresh} then ${new Date(now)} else ${eventInviteLookups.windowStartedAt} end`,
          },
        })
      return { kind: 'missing' as const }
    })
    if (found.kind === 'found') return found.id
    if (found.kind === 'limited') {
      const minutes = Math.max(1, Math.ceil(found.ms / 60_000))
      throw teamError(429, ErrorCodes.EVENT_INVITE_RATE_LIMITED, `邀请码输错次数过多，请 ${minutes} 分钟后再试`)
    }
    throw teamError(404, ErrorCodes.EVENT_INVITE_NOT_FOUND, '邀请码无效，请向队长核对')
  }

  private async loadInvite(tx: Tx, inviteId: number, lock: boolean) {
    const [first] = await tx.select().from(eventTeamInvites).where(eq(eventTeamInvites.id, inviteId))
    const ev = await this.events.loadEvent(tx, first.eventId)
    const q = tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, first.registrationId))
    const [r] = lock ? await q.for('update') : await q
    const [invite] = lock ? await tx.select().from(eventTeamInvites).where(eq(eventTeamInvites.id, inviteId)).for('update') : [first]
    return { invite, ctx: { ev: ev!, r, role: 'captain' as const } }
  }

  private stateOf(invite: typeof eventTeamInvites.$inferSelect, ctx: TeamContext, now: number): InvitePreview['state'] {
    if (invite.acceptedAt) return 'accepted'
    if (invite.withdrawnAt) return 'withdrawn'
    if (!isLive(ctx.r) || now >= invite.expiresAt.getTime() || now >= teamClosesAt(ctx.ev.e)) return 'closed'
    return 'open'
  }

  private stateMessage(state: Exclude<InvitePreview['state'], 'open'>): AppError {
    if (state === 'accepted') return teamError(409, ErrorCodes.EVENT_INVITE_USED, '该邀请已被使用，请向队长索取新的邀请')
    if (state === 'withdrawn') return teamError(409, ErrorCodes.EVENT_INVITE_WITHDRAWN, '该邀请已被队长撤回')
    return teamError(409, ErrorCodes.EVENT_INVITE_CLOSED, '报名已截止或该队伍已取消报名，不能再加入')
  }

  /** Why `user` may not join this team now (the same refusals as registering, plus team rules), or null. */
  private async acceptRefusal(tx: Tx, user: AuthUser, ctx: TeamContext, now: number): Promise<AppError | null> {
    const { e } = ctx.ev
    const member = await this.events.memberOf(tx, user.userId)
    if (!member) return Errors.forbidden('仅限工会会员加入队伍，请先申请入会')
    if (!inSubtree(ctx.ev.orgPath, member.orgPath)) return Errors.forbidden('您所在的工会不在本活动的报名范围内')
    const refusal = this.events.eligibilityRefusal(e, member)
    if (refusal) return Errors.forbidden(refusal)
    const window = this.events.windowRefusal(e, now)
    if (window) return teamError(409, ErrorCodes.EVENT_INVITE_CLOSED, window)
    const ban = await this.events.banOf(tx, user.userId, now)
    if (ban) return Errors.conflict(ban)
    const mine = await activeTeamOf(tx, e.id, user.userId)
    if (mine?.registrationId === ctx.r.id) return teamError(409, ErrorCodes.EVENT_TEAM_ALREADY, '您已在该队伍中')
    if (mine) return alreadyInTeam()
    if ((ctx.r.teamSize ?? 0) >= teamMaxOf(e)) return teamError(409, ErrorCodes.EVENT_TEAM_FULL, '队伍已满，不能再加入')
    return null
  }

  /** The caller's team (captain or current team-mate), else 404; `lock` takes the registration row. */
  private async teamFor(tx: Tx, user: AuthUser, registrationId: number, lock: boolean): Promise<TeamContext> {
    const [m] = await tx
      .select({ captain: eventTeamMembers.captain })
      .from(eventTeamMembers)
      .where(and(eq(eventTeamMembers.registrationId, registrationId), eq(eventTeamMembers.userId, user.userId), isNull(eventTeamMembers.leftAt)))
    if (!m) throw Errors.notFound('队伍不存在')
    const q = tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId))
    const [r] = lock ? await q.for('update') : await q
    const ev = await this.events.loadEvent(tx, r.eventId)
    return { ev: ev!, r, role: m.captain && r.userId === user.userId ? 'captain' : 'member' }
  }

  private async captainOf(tx: Tx, user: AuthUser, registrationId: number): Promise<TeamContext> {
    const ctx = await this.teamFor(tx, user, registrationId, true)
    if (ctx.role !== 'captain') throw Errors.notFound('队伍不存在')
    return ctx
  }

  private assertOpen(ctx: TeamContext, now: number): void {
    if (!isLive(ctx.r)) throw locked('该队伍的报名已结束，不能再变更')
    if (now >= teamClosesAt(ctx.ev.e)) throw locked(`报名已于 ${chinaTime(teamClosesAt(ctx.ev.e))} 截止，队伍不能再变更`)
  }

  /** One member out (left / removed): the size drops, and a team below its minimum is no longer confirmed. */
  private async shrink(tx: Tx, ctx: TeamContext, memberRowId: number, reason: 'left' | 'removed', now: number): Promise<EventRegistrationRow> {
    await tx.update(eventTeamMembers).set({ leftAt: new Date(now), leftReason: reason }).where(eq(eventTeamMembers.id, memberRowId))
    const [shrunk] = await tx
      .update(eventRegistrations)
      .set({ teamSize: sql`${eventRegistrations.teamSize} - 1` })
      .where(eq(eventRegistrations.id, ctx.r.id))
      .returning()
    return this.settleStatus(tx, ctx, shrunk)
  }

  /** Applies the status rule after a size change and tells the team when it became complete or incomplete. */
  private async settleStatus(tx: Tx, ctx: TeamContext, r: EventRegistrationRow): Promise<EventRegistrationRow> {
    const { e } = ctx.ev
    const to = statusForSize(e, r.status, r.teamSize ?? 1)
    const updated = to === r.status ? r : (await tx.update(eventRegistrations).set({ status: to }).where(eq(eventRegistrations.id, r.id)).returning())[0]
    const wasComplete = isComplete(e, ctx.r.teamSize)
    const complete = isComplete(e, r.teamSize)
    if (wasComplete === complete) return updated
    const message: Omit<NewNotification, 'userId' | 'link'> = complete
      ? {
          kind: EVENT_NOTIFICATION_KINDS.teamComplete,
          title: '队伍已组满',
          body:
            updated.status === 'confirmed'
              ? `队伍「${r.teamName}」已组满 ${r.teamSize} 人，「${e.title}」报名成功。`
              : updated.status === 'waitlisted'
                ? `队伍「${r.teamName}」已组满 ${r.teamSize} 人，仍在候补中，有名额时自动递补。`
                : `队伍「${r.teamName}」已组满 ${r.teamSize} 人，等待主办方审核。`,
        }
      : {
          kind: EVENT_NOTIFICATION_KINDS.teamIncomplete,
          title: '队伍未组满',
          body: `队伍「${r.teamName}」现有 ${r.teamSize} 人，不足 ${teamMinOf(e)} 人，${chinaTime(teamClosesAt(e))} 前组满才能参加「${e.title}」。`,
        }
    await notify(tx, { ...message, userId: r.userId, link: teamPagePath(r.id) })
    await notifyTeamMates(tx, r.id, message)
    return updated
  }

  private async toView(tx: Tx, ctx: TeamContext, viewerId: number, now: number): Promise<TeamView> {
    const { e } = ctx.ev
    const { r, role } = ctx
    const members = (await teamMembersOf(tx, [r.id])).get(r.id) ?? []
    const team = this.events.teamOf(e, r, members, viewerId, role === 'captain')
    const status = statusOf(r, e, now)
    const position = status === 'waitlisted' ? ((await this.events.waitlistPositions(tx, [r.id])).get(r.id) ?? null) : null
    const closesAt = teamClosesAt(e)
    const open = isLive(r) && now < closesAt
    const pending = role === 'captain' ? (await pendingInvites(tx, r.id)).filter((i) => i.expiresAt.getTime() > now) : []
    const missing = teamMinOf(e) - team.size
    const notice = !isLive(r)
      ? status === 'checked_in' || status === 'no_show'
        ? '队伍已签到'
        : '该队伍的报名已结束'
      : team.complete
        ? status === 'confirmed'
          ? '队伍已组满，报名成功'
          : status === 'waitlisted'
            ? '队伍已组满，候补中，有名额时自动递补'
            : '队伍已组满，等待主办方审核'
        : open
          ? `还需 ${missing} 人接受邀请，组满后${e.approvalMode === 'manual' ? '才能进入审核' : '即报名成功'}（${chinaTime(closesAt)} 截止）`
          : '报名已截止，队伍未组满，报名未生效'
    return {
      registrationId: r.id,
      eventId: e.id,
      event: { title: e.title, kind: e.kind, orgName: ctx.ev.orgName, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), place: e.place, phase: phaseOf(e, now) },
      role,
      status,
      waitlistPosition: position,
      team,
      invites: pending.map((i) => ({ id: i.id, code: i.code, path: invitePagePath(i.code), createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() })),
      closesAt: new Date(closesAt).toISOString(),
      open,
      canInvite: role === 'captain' && open && team.size < team.maxSize && pending.length < team.maxSize - 1,
      notice,
      serverTime: new Date(now).toISOString(),
    }
  }
}

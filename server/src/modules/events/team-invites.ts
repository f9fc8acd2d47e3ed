/**
 * Teams by invitation. The captain registers the team (registering.ts) and shares invitations: random single-use
 * codes (invite-store.ts), never member numbers. Whoever opens one sees the event, the team's name and size and the
 * captain masked; an eligible member joins by accepting. Accepting locks the team's registration row and grows
 * `team_size` with a conditional UPDATE (`team_size < max`), so two acceptances for the last place cannot both win,
 * and the partial UNIQUE on event_team_members keeps a person in one team per event. Refusals name nobody.
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { InvitePreview, TeamView } from '@contract/events/schemas'
import { EVENT_NOTIFICATION_KINDS } from '@contract/events/labels'
import { EventReasons } from '@contract/events/reasons'
import type { Tx } from '../../db'
import { eventRegistrations, eventTeamInvites, eventTeamMembers, type EventTeamInviteRow } from '../../db/schema/events'
import { isUniqueViolation } from '../../db/unique'
import { inSubtree } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse, type AppError } from '../../errors'
import { memberOf } from '../membership'
import { notify } from '../notifications'
import type { EventsContext } from './context'
import { eligibilityRefusal, windowRefusal } from './eligibility'
import { findInvite } from './invite-lookups'
import { createInvite, pendingInvites } from './invite-store'
import { noShowRefusal } from './no-show'
import { maskName } from './rules'
import { loadEvent } from './store'
import { assertOpen, captainOf, isLive, settleStatus, type TeamContext } from './team-context'
import { teamClosesAt, teamMaxOf, teamMinOf } from './team-rules'
import { activeTeamOf } from './team-store'
import { toTeamView } from './team-view'
import { eventSummaryOf } from './views'
import { pages } from '@contract/pages'

type ClosedState = Exclude<InvitePreview['state'], 'open'>

/** The invitation and its team (the registration row, and then the invitation, locked with `lock`). */
async function loadInvite(tx: Tx, inviteId: number, lock: boolean): Promise<{ invite: EventTeamInviteRow; ctx: TeamContext }> {
  const [first] = await tx.select().from(eventTeamInvites).where(eq(eventTeamInvites.id, inviteId))
  const ev = await loadEvent(tx, first.eventId)
  const q = tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, first.registrationId))
  const [r] = lock ? await q.for('update') : await q
  const [invite] = lock ? await tx.select().from(eventTeamInvites).where(eq(eventTeamInvites.id, inviteId)).for('update') : [first]
  return { invite, ctx: { ev: ev!, r, role: 'captain' } }
}

function stateOf(invite: EventTeamInviteRow, ctx: TeamContext, now: number): InvitePreview['state'] {
  if (invite.acceptedAt) return 'accepted'
  if (invite.withdrawnAt) return 'withdrawn'
  if (!isLive(ctx.r) || now >= invite.expiresAt.getTime() || now >= teamClosesAt(ctx.ev.e)) return 'closed'
  return 'open'
}

function stateRefusal(state: ClosedState): AppError {
  if (state === 'accepted') return refuse(EventReasons.EVENT_INVITE_USED, {})
  if (state === 'withdrawn') return refuse(EventReasons.EVENT_INVITE_WITHDRAWN)
  return refuse(EventReasons.EVENT_INVITE_CLOSED, {})
}

export function teamInvites(ctx: EventsContext) {
  const { deps } = ctx

  /** Why `user` may not join this team now (the same refusals as registering, plus team rules), or null. */
  async function acceptRefusal(tx: Tx, user: AuthUser, team: TeamContext, now: number): Promise<AppError | null> {
    const { e } = team.ev
    const member = await memberOf(tx, user.userId)
    if (!member) return refuse(EventReasons.NOT_MEMBER, { to: '加入队伍' })
    if (!inSubtree(team.ev.orgPath, member.orgPath)) return refuse(EventReasons.OUT_OF_REACH)
    const refusal = eligibilityRefusal(e, member)
    if (refusal) return refusal
    const window = windowRefusal(e, now)
    if (window) return refuse(EventReasons.EVENT_INVITE_CLOSED, { why: window.message })
    const ban = await noShowRefusal(tx, ctx.noShow, user.userId, now)
    if (ban) return ban
    const mine = await activeTeamOf(tx, e.id, user.userId)
    if (mine) return refuse(EventReasons.EVENT_TEAM_ALREADY, { same: mine.registrationId === team.r.id })
    if ((team.r.teamSize ?? 0) >= teamMaxOf(e)) return refuse(EventReasons.EVENT_TEAM_FULL, {})
    return null
  }

  return {
    /** The captain: one more invitation (within the team size and teamMaxSize − 1 pending). */
    async invite(user: AuthUser, registrationId: number): Promise<TeamView> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const team = await captainOf(tx, user, registrationId)
        const { e } = team.ev
        assertOpen(team, now)
        if ((team.r.teamSize ?? 0) >= teamMaxOf(e)) throw refuse(EventReasons.EVENT_TEAM_FULL, { max: teamMaxOf(e) })
        const pending = (await pendingInvites(tx, team.r.id)).filter((i) => i.expiresAt.getTime() > now)
        if (pending.length >= teamMaxOf(e) - 1) throw refuse(EventReasons.EVENT_INVITE_LIMIT, { pending: pending.length })
        await createInvite(tx, e, team.r.id, user.userId, now)
        return toTeamView(tx, team, user.userId, now)
      })
    },

    /** The captain withdraws an invitation nobody accepted yet. */
    async withdraw(user: AuthUser, registrationId: number, inviteId: number): Promise<TeamView> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const team = await captainOf(tx, user, registrationId)
        const [invite] = await tx
          .select()
          .from(eventTeamInvites)
          .where(and(eq(eventTeamInvites.id, inviteId), eq(eventTeamInvites.registrationId, registrationId)))
          .for('update')
        if (!invite) throw refuse(EventReasons.INVITE_NOT_OF_TEAM)
        if (invite.acceptedAt) throw refuse(EventReasons.EVENT_INVITE_USED, { withdraw: true })
        if (!invite.withdrawnAt) await tx.update(eventTeamInvites).set({ withdrawnAt: new Date(now) }).where(eq(eventTeamInvites.id, inviteId))
        return toTeamView(tx, team, user.userId, now)
      })
    },

    /** What whoever holds the code sees before accepting: nobody's name but the captain's, masked. */
    async preview(user: AuthUser, rawCode: string): Promise<InvitePreview> {
      const inviteId = await findInvite(deps, user.userId, rawCode)
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const { invite, ctx: team } = await loadInvite(tx, inviteId, false)
        const { e } = team.ev
        const captain = await memberOf(tx, team.r.userId)
        const state = stateOf(invite, team, now)
        const mine = await activeTeamOf(tx, e.id, user.userId)
        const reason = state === 'open' ? await acceptRefusal(tx, user, team, now) : stateRefusal(state)
        return {
          code: invite.code,
          state,
          event: { id: e.id, ...eventSummaryOf(e, team.ev.orgName) },
          team: { name: team.r.teamName ?? '', captain: maskName(captain?.name ?? ''), size: team.r.teamSize ?? 1, minSize: teamMinOf(e), maxSize: teamMaxOf(e) },
          expiresAt: invite.expiresAt.toISOString(),
          canAccept: reason === null,
          reason: reason?.message ?? null,
          myTeamRegistrationId: mine?.registrationId === team.r.id ? team.r.id : null,
        }
      })
    },

    /** An eligible member joins the team; the captain is told. */
    async accept(user: AuthUser, rawCode: string): Promise<TeamView> {
      const inviteId = await findInvite(deps, user.userId, rawCode)
      const now = deps.now()
      try {
        return await deps.db.transaction(async (tx) => {
          // Lock order: the team's registration row, then the invitation.
          const { invite, ctx: team } = await loadInvite(tx, inviteId, true)
          const state = stateOf(invite, team, now)
          if (state !== 'open') throw stateRefusal(state)
          const refusal = await acceptRefusal(tx, user, team, now)
          if (refusal) throw refusal
          const { e } = team.ev
          const [grown] = await tx
            .update(eventRegistrations)
            .set({ teamSize: sql`${eventRegistrations.teamSize} + 1` })
            .where(
              and(
                eq(eventRegistrations.id, team.r.id),
                sql`${eventRegistrations.teamSize} < ${teamMaxOf(e)}`,
                sql`${eventRegistrations.status} in ('pending', 'confirmed', 'waitlisted')`,
              ),
            )
            .returning()
          if (!grown) throw refuse(EventReasons.EVENT_TEAM_FULL, {})
          const [used] = await tx
            .update(eventTeamInvites)
            .set({ acceptedBy: user.userId, acceptedAt: new Date(now) })
            .where(and(eq(eventTeamInvites.id, invite.id), isNull(eventTeamInvites.acceptedAt), isNull(eventTeamInvites.withdrawnAt)))
            .returning({ id: eventTeamInvites.id })
          if (!used) throw stateRefusal('accepted')
          await tx.insert(eventTeamMembers).values({ eventId: e.id, userId: user.userId, registrationId: team.r.id, joinedAt: new Date(now) })
          const r = await settleStatus(tx, team, grown)
          const me = await memberOf(tx, user.userId)
          await notify(tx, {
            userId: r.userId,
            kind: EVENT_NOTIFICATION_KINDS.teamJoined,
            title: '有队员加入了队伍',
            body: `${me?.name ?? ''} 接受邀请加入了队伍「${r.teamName}」（现 ${r.teamSize}/${teamMaxOf(e)} 人）。`,
            link: pages.events.team.url({ id: r.id }),
          })
          return toTeamView(tx, { ev: team.ev, r, role: 'member' }, user.userId, now)
        })
      } catch (err) {
        if (isUniqueViolation(err, 'event_team_members_unique')) throw refuse(EventReasons.EVENT_TEAM_ALREADY, {})
        throw err
      }
    },
  }
}

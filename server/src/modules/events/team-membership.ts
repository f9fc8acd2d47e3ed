/**
 * Who is in a team, after it formed: the team page, the captain removing a member, a team-mate leaving. Until the
 * registration deadline; each change is told to the people it affects (in-app messages, same transaction).
 */
import { and, eq, isNull } from 'drizzle-orm'
import type { TeamView } from '@contract/events/schemas'
import { EVENT_NOTIFICATION_KINDS } from '@contract/events/labels'
import { EventReasons } from '@contract/events/reasons'
import { eventTeamMembers } from '../../db/schema/events'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { memberDirectory } from '../membership'
import { notify } from '../notifications'
import type { EventsContext } from './context'
import { assertOpen, captainOf, shrink, teamFor } from './team-context'
import { isComplete, teamMinOf } from './team-rules'
import { toTeamView } from './team-view'
import { pages } from '@contract/pages'

const eventLink = (eventId: number) => pages.events.detail.url({ id: eventId })

export function teamMembership({ deps }: EventsContext) {
  return {
    async view(user: AuthUser, registrationId: number): Promise<TeamView> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => toTeamView(tx, await teamFor(tx, user, registrationId, false), user.userId, now))
    },

    /** The captain removes an accepted member; the member is told. */
    async remove(user: AuthUser, registrationId: number, memberId: number): Promise<TeamView> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ctx = await captainOf(tx, user, registrationId)
        assertOpen(ctx, now)
        const [m] = await tx
          .select()
          .from(eventTeamMembers)
          .where(and(eq(eventTeamMembers.id, memberId), eq(eventTeamMembers.registrationId, registrationId), isNull(eventTeamMembers.leftAt)))
        if (!m) throw refuse(EventReasons.TEAM_MEMBER_NOT_FOUND)
        if (m.captain) throw refuse(EventReasons.CAPTAIN_NOT_REMOVABLE, undefined, { memberId: EventReasons.CAPTAIN_NOT_REMOVABLE.message() })
        const e = ctx.ev.e
        await notify(tx, {
          userId: m.userId,
          kind: EVENT_NOTIFICATION_KINDS.teamRemoved,
          title: '您已被移出队伍',
          body: `队长已将您移出队伍「${ctx.r.teamName}」（活动「${e.title}」）。`,
          link: eventLink(e.id),
        })
        const r = await shrink(tx, ctx, m.id, 'removed', now)
        return toTeamView(tx, { ...ctx, r }, user.userId, now)
      })
    },

    /** A team-mate leaves; the captain is told. */
    async leave(user: AuthUser, registrationId: number): Promise<TeamView> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ctx = await teamFor(tx, user, registrationId, true)
        if (ctx.role === 'captain') throw refuse(EventReasons.CAPTAIN_CANNOT_LEAVE, undefined, { team: EventReasons.CAPTAIN_CANNOT_LEAVE.message() })
        assertOpen(ctx, now)
        const [m] = await tx
          .select({ id: eventTeamMembers.id, name: memberDirectory.name })
          .from(eventTeamMembers)
          .leftJoin(memberDirectory, eq(memberDirectory.userId, eventTeamMembers.userId))
          .where(and(eq(eventTeamMembers.registrationId, registrationId), eq(eventTeamMembers.userId, user.userId), isNull(eventTeamMembers.leftAt)))
        if (!m) throw refuse(EventReasons.TEAM_NOT_FOUND)
        const r = await shrink(tx, ctx, m.id, 'left', now)
        const e = ctx.ev.e
        await notify(tx, {
          userId: r.userId,
          kind: EVENT_NOTIFICATION_KINDS.teamLeft,
          title: '有队员退出了队伍',
          body: `队员 ${m.name ?? ''} 退出了队伍「${r.teamName}」（现 ${r.teamSize}/${teamMinOf(e)} 人）。${isComplete(e, r.teamSize) ? '' : '队伍未组满，请再邀请队员。'}`,
          link: pages.events.team.url({ id: r.id }),
        })
        return toTeamView(tx, { ...ctx, r }, user.userId, now)
      })
    },
  }
}

/** The team page (GET /api/events/teams/:id and every team change's answer): the team as the caller may see it. */
import type { TeamView } from '@contract/events/schemas'
import type { Tx } from '../../db'
import { chinaTime } from '../../time'
import { pendingInvites } from './invite-store'
import { phaseOf, statusOf } from './rules'
import { waitlistPositions } from './store'
import { isLive, type TeamContext } from './team-context'
import { teamClosesAt, teamMinOf } from './team-rules'
import { teamMembersOf } from './team-store'
import { eventSummaryOf, teamOf } from './views'
import { pages } from '@contract/pages'

export async function toTeamView(tx: Tx, ctx: TeamContext, viewerId: number, now: number): Promise<TeamView> {
  const { e } = ctx.ev
  const { r, role } = ctx
  const members = (await teamMembersOf(tx, [r.id])).get(r.id) ?? []
  const team = teamOf(e, r, members, viewerId, role === 'captain')
  const status = statusOf(r, e, now)
  const position = status === 'waitlisted' ? ((await waitlistPositions(tx, [r.id])).get(r.id) ?? null) : null
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
    event: { ...eventSummaryOf(e, ctx.ev.orgName), phase: phaseOf(e, now) },
    role,
    status,
    waitlistPosition: position,
    team,
    invites: pending.map((i) => ({ id: i.id, code: i.code, path: pages.events.invite.url({ code: i.code }), createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() })),
    closesAt: new Date(closesAt).toISOString(),
    open,
    canInvite: role === 'captain' && open && team.size < team.maxSize && pending.length < team.maxSize - 1,
    notice,
    serverTime: new Date(now).toISOString(),
  }
}

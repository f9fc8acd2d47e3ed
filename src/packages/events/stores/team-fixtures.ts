/** Shapes the server answers with, for the team and invitation tests. */
import type { InvitePreview, TeamView } from '@contract/events/schemas'

const place = { name: '全民健身中心', address: '示例市云溪区青禾路 20 号', lat: 30.27, lng: 120.15 }

export function teamView(over: Partial<TeamView> = {}): TeamView {
  return {
    registrationId: 9,
    eventId: 5,
    event: { title: '职工拔河比赛', kind: 'sports_culture', orgName: '云溪区总工会', startsAt: '2026-12-07T06:00:00Z', endsAt: '2026-12-07T09:00:00Z', place, phase: 'registering' },
    role: 'captain',
    status: 'pending',
    waitlistPosition: null,
    team: {
      name: '飞驰队', size: 1, minSize: 3, maxSize: 5, complete: false,
      members: [{ id: 1, name: '李晓梅', captain: true, me: true, joinedAt: '2026-11-23T02:00:00Z' }],
    },
    invites: [{ id: 31, code: 'K7QM2XPA', path: '/packages/events/invite/index?code=K7QM2XPA', createdAt: '2026-11-23T02:00:00Z', expiresAt: '2026-12-04T10:00:00Z' }],
    closesAt: '2026-12-04T10:00:00Z',
    open: true,
    canInvite: true,
    notice: '还需 2 人接受邀请，组满后即报名成功（2026-12-04 18:00 截止）',
    serverTime: '2026-11-23T02:00:00Z',
    ...over,
  }
}

export function invitePreview(over: Partial<InvitePreview> = {}): InvitePreview {
  return {
    code: 'K7QM2XPA',
    state: 'open',
    event: { id: 5, title: '职工拔河比赛', kind: 'sports_culture', orgName: '云溪区总工会', startsAt: '2026-12-07T06:00:00Z', endsAt: '2026-12-07T09:00:00Z', place },
    team: { name: '飞驰队', captain: '李*梅', size: 1, minSize: 3, maxSize: 5 },
    expiresAt: '2026-12-04T10:00:00Z',
    canAccept: true,
    reason: null,
    myTeamRegistrationId: null,
    ...over,
  }
}

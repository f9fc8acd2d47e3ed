import { ApiClient } from '../../../api/client'
import { FakeTransport, json } from '../../../test/fakes'
import { InviteStore, codeFromScan } from './InviteStore'
import { TeamStore } from './TeamStore'
import { DoorCode } from './DoorCode'
import { invitePreview, teamView } from './team-fixtures'

const api = (transport: FakeTransport) => new ApiClient({ transport })

describe('TeamStore', () => {
  it('loads the team; inviting again answers with the new invitation, which becomes the one to share', async () => {
    const transport = new FakeTransport()
    const store = new TeamStore(api(transport), 9)
    transport.reply(() => json(200, teamView()))
    await store.load()
    expect(store.isCaptain).toBe(true)
    expect(store.latestInvite?.code).toBe('K7QM2XPA')
    const second = { id: 32, code: 'R2D2C3PO', path: '/packages/events/invite/index?code=R2D2C3PO', createdAt: '2026-11-23T03:00:00Z', expiresAt: '2026-12-04T10:00:00Z' }
    transport.reply(() => json(200, teamView({ invites: [teamView().invites[0], second] })))
    expect(await store.invite()).toBe(true)
    expect(transport.requests[1]).toMatchObject({ method: 'POST', url: '/api/events/teams/9/invites' })
    expect(store.latestInvite?.code).toBe('R2D2C3PO')
  })

  it('a refused action keeps its message and shows the team as it is now', async () => {
    const transport = new FakeTransport()
    const store = new TeamStore(api(transport), 9)
    transport.reply(() => json(200, teamView()))
    await store.load()
    transport.reply(
      () => json(409, { reason: 'EVENT_TEAM_LOCKED', message: '报名已于 2026-12-04 18:00 截止，队伍不能再变更' }),
      () => json(200, teamView({ open: false, canInvite: false })),
    )
    expect(await store.remove(2)).toBe(false)
    expect(transport.requests[1]).toMatchObject({ url: '/api/events/teams/9/members/2/remove' })
    expect((store.actionError as Error).message).toContain('截止')
    expect(store.view?.open).toBe(false)
    expect(store.busy).toBeNull()
  })

  it('a team-mate leaves: the page is no longer theirs; a 404 on load means the same', async () => {
    const transport = new FakeTransport()
    const store = new TeamStore(api(transport), 9)
    transport.reply(() => json(200, teamView({ role: 'member' })))
    await store.load()
    transport.reply(() => json(200, teamView({ role: 'member' })))
    expect(await store.leave()).toBe(true)
    expect(transport.requests[1]).toMatchObject({ method: 'POST', url: '/api/events/teams/9/leave' })
    expect(store.gone).toBe(true)
    const other = new TeamStore(api(transport), 10)
    transport.reply(() => json(404, { code: 'NOT_FOUND', message: '队伍不存在' }))
    await other.load()
    expect(other.gone).toBe(true)
  })
})

describe('InviteStore', () => {
  it('checks the code’s shape before asking, normalises what was typed, and shows the invitation', async () => {
    const transport = new FakeTransport()
    const store = new InviteStore(api(transport))
    expect(await store.open('K7Q')).toBe(false)
    expect(store.codeError).toBe('邀请码为 8 位字母或数字')
    expect(transport.requests).toHaveLength(0)
    transport.reply(() => json(200, invitePreview()))
    expect(await store.open(' k7qm-2xpa ')).toBe(true)
    expect(transport.requests[0]).toMatchObject({ method: 'GET', url: '/api/events/invites/K7QM2XPA' })
    expect(store.preview?.team.captain).toBe('李*梅')
  })

  it('a wrong code or too many tries land beside the field, in the server’s words', async () => {
    const transport = new FakeTransport()
    const store = new InviteStore(api(transport))
    transport.reply(() => json(404, { reason: 'EVENT_INVITE_NOT_FOUND', message: '邀请码无效，请向队长核对' }))
    expect(await store.open('ZZZZZZZZ')).toBe(false)
    expect(store.codeError).toBe('邀请码无效，请向队长核对')
    transport.reply(() => json(429, { reason: 'EVENT_INVITE_RATE_LIMITED', message: '邀请码输错次数过多，请 15 分钟后再试' }))
    expect(await store.open('ZZZZZZZY')).toBe(false)
    expect(store.codeError).toContain('15 分钟后再试')
  })

  it('accepts; when the last place went meanwhile it says so and shows the invitation as it is now', async () => {
    const transport = new FakeTransport()
    const store = new InviteStore(api(transport))
    transport.reply(() => json(200, invitePreview()))
    await store.open('K7QM2XPA')
    transport.reply(
      () => json(409, { reason: 'EVENT_TEAM_FULL', message: '队伍已满，不能再加入' }),
      () => json(200, invitePreview({ canAccept: false, reason: '队伍已满，不能再加入', team: { ...invitePreview().team, size: 5 } })),
    )
    expect(await store.accept()).toBeNull()
    expect(transport.requests[1]).toMatchObject({ method: 'POST', url: '/api/events/invites/K7QM2XPA/accept' })
    expect((store.acceptError as Error).message).toBe('队伍已满，不能再加入')
    expect(store.preview?.canAccept).toBe(false)
    const fresh = new InviteStore(api(transport))
    transport.reply(() => json(200, invitePreview()))
    await fresh.open('K7QM2XPA')
    transport.reply(() => json(200, teamView({ role: 'member' })))
    expect(await fresh.accept()).toMatchObject({ registrationId: 9, role: 'member' })
  })

  it('reads a scanned invitation QR (the page path) or a plain code', () => {
    expect(codeFromScan('/packages/events/invite/index?code=K7QM2XPA')).toBe('K7QM2XPA')
    expect(codeFromScan('K7QM2XPA')).toBe('K7QM2XPA')
  })
})

describe('DoorCode', () => {
  it('shows the code the server signed for this login; once it may not be used any more it disappears', async () => {
    const transport = new FakeTransport()
    const door = new DoorCode(api(transport), 7)
    transport.reply(() => json(200, { code: 'E.7.tb3c1s.abcdefghijklmnopqrstuv', expiresAt: '2026-11-23T02:01:00Z', serverTime: '2026-11-23T02:00:00Z' }))
    await door.refresh()
    expect(transport.requests[0]).toMatchObject({ method: 'GET', url: '/api/events/registrations/7/checkin-code' })
    expect(door.code).toBe('E.7.tb3c1s.abcdefghijklmnopqrstuv')
    // A dropped connection keeps what is shown (it may still be valid); a refusal clears it.
    transport.reply(() => {
      throw new Error('offline')
    })
    await door.refresh()
    expect(door.code).not.toBeNull()
    expect(door.message).toBeTruthy()
    transport.reply(() => json(409, { reason: 'EVENT_CHECKIN_CODE_UNAVAILABLE', message: '您已签到，无需再出示签到码' }))
    await door.refresh()
    expect(door.code).toBeNull()
    expect(door.message).toBe('您已签到，无需再出示签到码')
  })
})

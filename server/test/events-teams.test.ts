/**
 * 活动报名 team entry by invitation (security review, issue 11): nobody is put in a team without accepting;
 * guessing member numbers or invitation codes learns nothing; invitations are single use, for eligible members,
 * before the deadline and within the team size (the database decides the last place); every change is told to
 * the people it affects; the organiser sees accepted members and 未组满.
 */
import { and, eq, isNull } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { eventsApi } from '@contract/events/api'
import type { EventInput } from '@contract/events/schemas'
import { databases } from './harness'
import { eventRegistrations, eventTeamMembers, memberships, notifications } from '../src/db/schema'
import { createMembers, type LoadMember } from './vouchers-fixtures'
import { DAY, MIN, T0, createEvent, register as registerFor, teamEvent as teamEventInput, useEventsWorld } from './builders/events'

describe.each(databases())('event teams on %s', (target) => {
  const ctx = useEventsWorld(target, { appPerTest: true })
  const { h } = ctx
  let nameSeq = 0

  const SURNAMES = '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗'
  /** Members with realistic, distinct names (so a leak of a name is visible in a response). */
  async function people(count: number, orgId = ctx.orgIds.logistics, employmentType: 'employee' | 'delivery' = 'employee') {
    const list = await createMembers(h.database.db, ctx.app.app.deps.sessions, { count, orgId, employmentType })
    const out: (LoadMember & { name: string; memberNo: string })[] = []
    for (const m of list) {
      nameSeq += 1
      const name = `${SURNAMES[nameSeq % SURNAMES.length]}${'秀建国明丽'[nameSeq % 5]}${'英华强芳伟'[(nameSeq >> 2) % 5]}`
      const [row] = await h.database.db.update(memberships).set({ name }).where(eq(memberships.userId, m.userId)).returning()
      out.push({ ...m, name, memberNo: row.memberNo })
    }
    return out
  }

  /** A team event of 星河物流: 10 places for teams of 2–3, auto approval. */
  const teamEvent = (over: Partial<EventInput> = {}) => createEvent(ctx.app, ctx.admin, teamEventInput(ctx.orgIds.logistics, { description: '', ...over }))

  const register = (token: string, eventId: number, team: { name: string }) => registerFor(ctx.app, token, eventId, { team })
  /** What an old app (or an attacker) sends: member numbers beside the team name (ignored by the server). */
  const registerListing = (token: string, eventId: number, team: { name: string; memberNos: string[] }) =>
    ctx.app.request('POST', `/api/events/${eventId}/registrations`, { token, body: { team } })
  const teamOf = (token: string, id: number) => ctx.app.call(eventsApi.team, { params: { id }, token })
  const preview = (token: string, code: string) => ctx.app.call(eventsApi.invitePreview, { params: { code }, token })
  const accept = (token: string, code: string) => ctx.app.call(eventsApi.acceptInvite, { params: { code }, token })
  const invite = (token: string, id: number) => ctx.app.call(eventsApi.invite, { params: { id }, token })
  const leave = (token: string, id: number) => ctx.app.call(eventsApi.leaveTeam, { params: { id }, token })
  const decide = (id: number, ids: number[]) => ctx.app.call(eventsApi.decide, { params: { id }, body: { ids, decision: 'approve' }, token: ctx.admin })
  const inbox = (userId: number) => h.database.db.select().from(notifications).where(eq(notifications.userId, userId))

  /** The captain's team registration and its first invitation code. */
  async function formTeam(captain: { token: string }, eventId: number, name = '星河队') {
    const reg = await register(captain.token, eventId, { name })
    expect(reg.status).toBe(200)
    const view = await teamOf(captain.token, reg.body.id)
    return { id: reg.body.id, code: view.body.invites[0].code, reg: reg.body }
  }

  it('a captain registers the team by name and gets a random invitation; a listed member number puts nobody in the team', async () => {
    const ev = await teamEvent()
    const [captain, victim] = await people(2)

    // An old app (or an attacker) still sends member numbers: they are ignored.
    const reg = await registerListing(captain.token, ev.id, { name: '星河队', memberNos: [victim.memberNo] })
    expect(reg.status).toBe(200)
    expect(reg.body.status).toBe('pending') // 组队中: an incomplete team is never confirmed, even in auto mode
    expect(reg.body.team).toMatchObject({ name: '星河队', size: 1, minSize: 2, maxSize: 3, complete: false })
    expect(reg.body.team.members).toEqual([expect.objectContaining({ name: captain.name, captain: true, me: true })])
    expect(reg.text).not.toContain(victim.name)

    // The listed member is in no team: the team page is not theirs, and they may still register on their own.
    expect((await teamOf(victim.token, reg.body.id)).status).toBe(404)
    const seen = await ctx.app.call(eventsApi.detail, { params: { id: ev.id }, token: victim.token })
    expect(seen.body.event.myTeam).toBeNull()
    expect(seen.body.event.registerHint.allowed).toBe(true)
    const rows = await h.database.db.select().from(eventTeamMembers).where(eq(eventTeamMembers.registrationId, reg.body.id))
    expect(rows.map((r) => r.userId)).toEqual([captain.userId])
    expect(await inbox(victim.userId)).toEqual([])

    // The captain's team page: the invitation (8 random characters, never sequential) and the page to share.
    const view = await teamOf(captain.token, reg.body.id)
    expect(view.status).toBe(200)
    expect(view.body).toMatchObject({ role: 'captain', open: true, canInvite: true, status: 'pending' })
    expect(view.body.notice).toContain('还需 1 人接受邀请')
    const [first] = view.body.invites
    expect(first.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
    expect(first.path).toBe(`/packages/events/invite/index?code=${first.code}`)
    const second = await invite(captain.token, reg.body.id)
    expect(second.status).toBe(200)
    const codes = second.body.invites.map((i) => i.code)
    expect(new Set(codes).size).toBe(2)
    // A third pending invitation would exceed teamMaxSize − 1.
    const third = await invite(captain.token, reg.body.id)
    expect(third.status).toBe(409)
    expect(third.body.reason).toBe('EVENT_INVITE_LIMIT')
    // Only the captain may invite.
    expect((await invite(victim.token, reg.body.id)).status).toBe(404)
  })

  it('the attacker’s view: listing guessed member numbers learns nobody’s name or number and enrols nobody', async () => {
    const ev = await teamEvent()
    const [attacker, neighbour] = await people(2)
    const [outsider] = await people(1, ctx.orgIds.express) // outside the event's union: the old refusal named them
    // Member numbers are sequential: the attacker lists a neighbour's and an outsider's.
    const guess = await registerListing(attacker.token, ev.id, { name: '猜号队', memberNos: [outsider.memberNo, neighbour.memberNo] })
    for (const secret of [outsider.name, neighbour.name, outsider.memberNo, neighbour.memberNo]) expect(guess.text).not.toContain(secret)
    const enrolled = await h.database.db.select().from(eventTeamMembers).where(eq(eventTeamMembers.eventId, ev.id))
    expect(enrolled.map((r) => r.userId)).toEqual([attacker.userId])
    expect(await inbox(neighbour.userId)).toEqual([])
  })

  it('the attacker’s view: an invitation names nobody but the masked captain; wrong codes are limited per user', async () => {
    const ev = await teamEvent({ teamMaxSize: 4 })
    const [captain, mate, attacker, bystander] = await people(4)
    const team = await formTeam(captain, ev.id)
    expect((await accept(mate.token, team.code)).status).toBe(200)

    // The invitation shows the captain masked and names nobody else.
    const other = await invite(captain.token, team.id)
    const code = other.body.invites[0].code as string
    const seen = await preview(bystander.token, code.toLowerCase().replace(/(.{4})/, '$1-')) // typed loosely
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({ state: 'open', canAccept: true, team: { name: '星河队', size: 2, minSize: 2, maxSize: 4 } })
    expect(seen.body.team.captain).toBe(`${[...captain.name][0]}*${[...captain.name][2]}`)
    for (const secret of [captain.name, mate.name, captain.memberNo, mate.memberNo]) expect(seen.text).not.toContain(secret)

    // Ten wrong codes: each a plain 404; the eleventh lookup is refused even with a valid code.
    for (let i = 0; i < 10; i++) {
      const wrong = await preview(attacker.token, `ZZZZZZ${'ABCDEFGHJK'[i]}A`)
      expect(wrong.status).toBe(404)
      expect(wrong.body).toMatchObject({ reason: 'EVENT_INVITE_NOT_FOUND', message: '邀请码无效，请向队长核对' })
    }
    const limited = await preview(attacker.token, code)
    expect(limited.status).toBe(429)
    expect(limited.body.reason).toBe('EVENT_INVITE_RATE_LIMITED')
    expect(limited.body.message).toContain('15 分钟后再试')
    expect((await accept(attacker.token, code)).status).toBe(429)
    // Per user: someone else is not affected; after the window the attacker may try again.
    expect((await preview(bystander.token, code)).status).toBe(200)
    ctx.clock = T0 + 16 * MIN
    expect((await preview(attacker.token, code)).status).toBe(200)
  })

  it('accepting: members of the event’s reach only, once, before the deadline, within the team size; the captain sees who joined', async () => {
    const ev = await teamEvent({ eligibleEmploymentTypes: ['employee'] })
    const [captain, m1, m2, m3] = await people(4)
    const [rider] = await people(1, ctx.orgIds.logistics, 'delivery')
    const [outsider] = await people(1, ctx.orgIds.express)
    const gig = await ctx.app.login('gig') // not a member
    const team = await formTeam(captain, ev.id)

    const notMember = await accept(gig, team.code)
    expect(notMember.status).toBe(403)
    expect(notMember.body.message).toContain('请先申请入会')
    expect((await accept(outsider.token, team.code)).body.message).toBe('您所在的工会不在本活动的报名范围内')
    expect((await accept(outsider.token, team.code)).body.reason).toBe('OUT_OF_REACH')
    const rejectedRider = await accept(rider.token, team.code)
    expect(rejectedRider.status).toBe(403)
    expect(rejectedRider.body.reason).toBe('NOT_ELIGIBLE')
    const self = await accept(captain.token, team.code)
    expect(self.body).toMatchObject({ reason: 'EVENT_TEAM_ALREADY', message: '您已在该队伍中' })

    const joined = await accept(m1.token, team.code)
    expect(joined.status).toBe(200)
    expect(joined.body).toMatchObject({ role: 'member', status: 'confirmed', team: { size: 2, complete: true } })
    // A team-mate sees the others masked, themselves in full.
    expect(joined.body.team.members.map((m) => [m.name, m.me])).toEqual([
      [`${[...captain.name][0]}*${[...captain.name][2]}`, false],
      [m1.name, true],
    ])
    // The invitation is used up: not by the same person again, nor by anyone else.
    expect((await accept(m1.token, team.code)).body.reason).toBe('EVENT_INVITE_USED')
    expect((await accept(m2.token, team.code)).body.reason).toBe('EVENT_INVITE_USED')
    expect((await preview(m2.token, team.code)).body).toMatchObject({ state: 'accepted', canAccept: false })
    // A team-mate cannot register a team of their own.
    const own = await register(m1.token, ev.id, { name: '另一队' })
    expect(own.status).toBe(409)
    expect(own.body.reason).toBe('EVENT_TEAM_ALREADY')
    const detail = await ctx.app.call(eventsApi.detail, { params: { id: ev.id }, token: m1.token })
    expect(detail.body.event.myTeam).toMatchObject({ registrationId: team.id, name: '星河队', status: 'confirmed', complete: true })
    expect(detail.body.event.registerHint).toMatchObject({ allowed: false })

    // The captain sees the member (full name) and the team confirmed (auto mode, minimum reached); both are told.
    const mine = await teamOf(captain.token, team.id)
    expect(mine.body.team.members.map((m) => m.name)).toEqual([captain.name, m1.name])
    expect(mine.body.status).toBe('confirmed')
    const captainInbox = await inbox(captain.userId)
    expect(captainInbox.map((n) => n.kind).sort()).toEqual(['events.team_complete', 'events.team_joined'])
    expect(captainInbox.find((n) => n.kind === 'events.team_joined')!.body).toContain(m1.name)
    expect((await inbox(m1.userId)).map((n) => n.kind)).toEqual(['events.team_complete'])

    // Beyond the size: max 3.
    const a = await invite(captain.token, team.id)
    const b = await invite(captain.token, team.id)
    const [c2, c3] = b.body.invites.map((i) => i.code)
    expect(a.status).toBe(200)
    expect((await accept(m2.token, c2)).status).toBe(200)
    const full = await accept(m3.token, c3)
    expect(full.status).toBe(409)
    expect(full.body).toMatchObject({ reason: 'EVENT_TEAM_FULL' })
    expect((await invite(captain.token, team.id)).body.reason).toBe('EVENT_TEAM_FULL')

    // The organiser's list and roster show the accepted members.
    const regs = await ctx.app.ok(eventsApi.manageRegistrations, { params: { id: ev.id }, token: ctx.admin })
    expect(regs.items[0].team).toMatchObject({ name: '星河队', size: 3, complete: true })
    expect(regs.items[0].team?.members).toEqual([
      { memberNo: captain.memberNo, name: captain.name, captain: true },
      { memberNo: m1.memberNo, name: m1.name, captain: false },
      { memberNo: m2.memberNo, name: m2.name, captain: false },
    ])
    const xlsx = await fetch(`${ctx.app.baseUrl}/api/events/manage/events/${ev.id}/roster.xlsx`, { headers: { authorization: `Bearer ${ctx.admin}` } })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await xlsx.arrayBuffer())
    const text = JSON.stringify(wb.worksheets[0].getRow(2).values)
    expect(text).toContain(`${m2.name}(${m2.memberNo})`)
    expect(text).not.toContain(m3.name)

    // After the deadline nothing changes any more.
    const late = await teamEvent({ title: '截止测试' })
    const lateTeam = await formTeam(m3, late.id, '迟到队')
    ctx.clock = T0 + 5 * DAY
    const closed = await accept(rider.token, lateTeam.code)
    expect(closed.status).toBe(409)
    expect(closed.body.reason).toBe('EVENT_INVITE_CLOSED')
    expect((await invite(m3.token, lateTeam.id)).body).toMatchObject({ reason: 'EVENT_TEAM_LOCKED', message: '报名已于 2026-11-28 10:00 截止，队伍不能再变更' })
    expect((await leave(m1.token, team.id)).body.reason).toBe('EVENT_TEAM_LOCKED')
    const lateView = await teamOf(m3.token, lateTeam.id)
    expect(lateView.body).toMatchObject({ open: false, canInvite: false, notice: '报名已截止，队伍未组满，报名未生效' })
  })

  it('leave, remove, withdraw, cancel: each change is told to those it affects; below the minimum a team cannot be approved or checked in', async () => {
    const ev = await teamEvent({ teamMinSize: 3, teamMaxSize: 4, approvalMode: 'manual', kind: 'labour_competition' })
    const [captain, m1, m2, m3] = await people(4)
    const team = await formTeam(captain, ev.id, '攻坚队')
    const second = (await invite(captain.token, team.id)).body.invites.map((i) => i.code)
    expect((await accept(m1.token, team.code)).status).toBe(200)
    const incomplete = await decide(ev.id, [team.id])
    expect(incomplete.body.results[0]).toMatchObject({ ok: false, status: 'pending', message: '队伍未组满（2/3 人），不能通过' })
    const organiserView = await ctx.app.ok(eventsApi.manageRegistrations, { params: { id: ev.id }, token: ctx.admin })
    expect(organiserView.items[0].team).toMatchObject({ size: 2, minSize: 3, complete: false })

    expect((await accept(m2.token, second[1])).status).toBe(200)
    expect((await teamOf(captain.token, team.id)).body).toMatchObject({ status: 'pending', notice: '队伍已组满，等待主办方审核' })
    const approved = await decide(ev.id, [team.id])
    expect(approved.body.results[0]).toMatchObject({ ok: true, status: 'confirmed' })
    expect((await inbox(m2.userId)).map((n) => n.kind)).toContain('events.approved')

    // A member leaves: the captain is told; the team is incomplete again → back to pending, the others are told.
    const left = await leave(m2.token, team.id)
    expect(left.status).toBe(200)
    expect(left.body.team.members.some((m) => m.me)).toBe(false)
    expect((await teamOf(m2.token, team.id)).status).toBe(404)
    const [reg] = await h.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.id, team.id))
    expect(reg).toMatchObject({ status: 'pending', teamSize: 2 })
    const captainInbox = (await inbox(captain.userId)).map((n) => n.kind)
    expect(captainInbox).toEqual(expect.arrayContaining(['events.team_left', 'events.team_incomplete']))
    expect((await inbox(m1.userId)).map((n) => n.kind)).toContain('events.team_incomplete')
    ctx.clock = T0 + 7 * DAY - 10 * MIN
    const noCheckin = await ctx.app.call(eventsApi.checkinManual, { params: { id: ev.id, registrationId: team.id }, token: ctx.admin })
    expect(noCheckin.status).toBe(409)
    expect(noCheckin.body.message).toBe('队伍未组满（2/3 人），不能签到')
    expect(noCheckin.body.reason).toBe('TEAM_INCOMPLETE')
    ctx.clock = T0

    // The captain withdraws an unused invitation: it no longer works.
    const fresh = (await invite(captain.token, team.id)).body.invites[0]
    const withdrawn = await ctx.app.call(eventsApi.withdrawInvite, { params: { id: team.id, inviteId: fresh.id }, token: captain.token })
    expect(withdrawn.status).toBe(200)
    expect(withdrawn.body.invites).toEqual([])
    expect((await accept(m3.token, fresh.code)).body.reason).toBe('EVENT_INVITE_WITHDRAWN')
    expect((await accept(m3.token, second[0])).body.reason).toBe('EVENT_INVITE_USED')

    // The captain removes a member: they are told and lose the team page.
    const m1Row = (await teamOf(captain.token, team.id)).body.team.members.find((m) => !m.captain)!
    const removed = await ctx.app.call(eventsApi.removeMember, { params: { id: team.id, memberId: m1Row.id }, token: captain.token })
    expect(removed.status).toBe(200)
    expect(removed.body.team.size).toBe(1)
    const m1Inbox = await inbox(m1.userId)
    expect(m1Inbox.map((n) => n.kind)).toContain('events.team_removed')
    expect((await teamOf(m1.token, team.id)).status).toBe(404)
    // …and may join another team now.
    const other = await formTeam(m3, ev.id, '新队')
    expect((await accept(m1.token, other.code)).status).toBe(200)

    // The captain of the other team cancels: its member is told and released.
    const cancelled = await ctx.app.call(eventsApi.cancel, { params: { id: other.id }, token: m3.token })
    expect(cancelled.status).toBe(200)
    expect((await inbox(m1.userId)).map((n) => n.kind)).toContain('events.team_closed')
    const active = await h.database.db
      .select()
      .from(eventTeamMembers)
      .where(and(eq(eventTeamMembers.userId, m1.userId), isNull(eventTeamMembers.leftAt)))
    expect(active).toEqual([])
  })

  it('a waiting team moves up when a place frees: confirmed only when complete, its members are told', async () => {
    const ev = await teamEvent({ capacity: 1 })
    const [c1, c2, m2] = await people(3)
    const first = await formTeam(c1, ev.id, '一队')
    const second = await formTeam(c2, ev.id, '二队')
    expect(second.reg.status).toBe('waitlisted')
    expect((await accept(m2.token, second.code)).body).toMatchObject({ status: 'waitlisted', team: { complete: true } })
    await ctx.app.call(eventsApi.cancel, { params: { id: first.id }, token: c1.token })
    expect((await teamOf(m2.token, second.id)).body.status).toBe('confirmed')
    expect((await inbox(m2.userId)).map((n) => n.kind)).toContain('events.promoted')
  })

  it('two acceptances for the last place: exactly one joins, the other is told the team is full', async () => {
    const ev = await teamEvent({ capacity: 20 })
    const teams = 6
    const crowd = await people(teams * 4)
    const races = []
    for (let t = 0; t < teams; t++) {
      const [captain, first, x, y] = crowd.slice(t * 4, t * 4 + 4)
      const team = await formTeam(captain, ev.id, `抢位队${t}`)
      expect((await accept(first.token, team.code)).status).toBe(200)
      await invite(captain.token, team.id)
      const codes = (await invite(captain.token, team.id)).body.invites.map((i) => i.code)
      expect(codes).toHaveLength(2)
      races.push({ id: team.id, run: () => Promise.all([accept(x.token, codes[0]), accept(y.token, codes[1])]) })
    }
    const results = await Promise.all(races.map((r) => r.run()))
    for (const [a, b] of results) {
      expect([a.status, b.status].sort()).toEqual([200, 409])
      expect([a, b].find((r) => r.status === 409)!.body.reason).toBe('EVENT_TEAM_FULL')
    }
    for (const r of races) {
      const [row] = await h.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.id, r.id))
      const members = await h.database.db
        .select()
        .from(eventTeamMembers)
        .where(and(eq(eventTeamMembers.registrationId, r.id), isNull(eventTeamMembers.leftAt)))
      expect([row.teamSize, members.length]).toEqual([3, 3])
    }

    // One code accepted by two people at once: one wins.
    const [captain, p, q] = await people(3)
    const team = await formTeam(captain, ev.id, '同码队')
    const [r1, r2] = await Promise.all([accept(p.token, team.code), accept(q.token, team.code)])
    expect([r1.status, r2.status].sort()).toEqual([200, 409])
    expect([r1, r2].find((r) => r.status === 409)!.body.reason).toBe('EVENT_INVITE_USED')
  })
})

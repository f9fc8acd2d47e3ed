/**
 * Content security of texts users publish to others (issue 15, item 2), against the fake WeChat server: msgSecCheck
 * `risky` → refused with a Chinese message beside the field (problem report, team name, nickname), nothing saved;
 * `review` → saved but held: the author sees it, others do not, staff of the union see it in 内容审核 and decide;
 * WeChat unreachable → the local word list holds a listed word and passes a clean text. Who may decide: union admins
 * over the item's union — not a sibling union's admin, not a member.
 */
import { authApi } from '@contract/auth/api'
import { eventsApi } from '@contract/events/api'
import { moderationApi } from '@contract/moderation/api'
import { notificationsApi } from '@contract/notifications/api'
import { stationsApi } from '@contract/stations/api'
import { MODERATION_NOTICES, MODERATION_REJECTED_KIND, TEAM_NAME_HELD, TEAM_NAME_REJECTED } from '@contract/moderation/labels'
import { ModerationReasons } from '@contract/moderation/reasons'
import type { TestApp } from './harness'
import { FAKE_TEXT } from './fake-wechat'
import { createEvent, teamEvent } from './builders/events'
import { orgIdOf } from './builders/membership'
import { databases, heldItems, logged, useModerationWorld, UNION_A, type People } from './builders/moderation'

const RISKY_MESSAGE = '内容含有不适宜公开的信息，请修改后再提交'

describe.each(databases())('content security of texts on %s', (target) => {
  const w = useModerationWorld(target)
  let app: TestApp
  let p: People
  let stationA: number
  beforeAll(async () => {
    app = await w.start()
    p = await w.people(app)
    stationA = await w.stationA()
  })

  const report = (token: string, description: string) => app.call(stationsApi.report, { token, params: { id: stationA }, body: { description } })
  const stationAs = async (token: string | null) => (await app.ok(stationsApi.detail, { token, params: { id: stationA } })).reports
  const teamEventOfA = async () => createEvent(app, p.district, teamEvent(await orgIdOf(w.h, UNION_A), {}, w.clock))

  it('a risky text is refused with the Chinese message beside its field, and nothing is saved: report, team name, nickname', async () => {
    const reportsBefore = (await app.ok(stationsApi.reports, { token: p.district, params: { id: stationA } })).items.length
    const refused = await report(p.member, `门口有人${FAKE_TEXT.risky}`)
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ reason: 'CONTENT_RISKY', message: RISKY_MESSAGE, fields: { description: RISKY_MESSAGE } })
    expect((await app.ok(stationsApi.reports, { token: p.district, params: { id: stationA } })).items).toHaveLength(reportsBefore)
    const asked = w.fake.textChecks[w.fake.textChecks.length - 1]
    expect(asked).toMatchObject({ content: `门口有人${FAKE_TEXT.risky}`, version: 2, scene: 3, openid: 'dev:member' })

    const ev = await teamEventOfA()
    const team = await app.call(eventsApi.register, { token: p.member, params: { id: ev.id }, body: { team: { name: `${FAKE_TEXT.risky}队` } } })
    expect(team.status).toBe(400)
    expect(team.body).toMatchObject({ reason: ModerationReasons.CONTENT_RISKY.reason, fields: { 'team.name': RISKY_MESSAGE } })
    expect((await app.ok(eventsApi.myRegistrations, { token: p.member })).items.filter((r) => r.eventId === ev.id)).toEqual([])

    const nick = await app.call(authApi.updateProfile, { token: p.member, body: { nickname: `小${FAKE_TEXT.risky}` } })
    expect(nick.status).toBe(400)
    expect(nick.body).toMatchObject({ reason: 'CONTENT_RISKY', message: RISKY_MESSAGE, fields: { nickname: RISKY_MESSAGE } })
    const me = await app.ok(authApi.me, { token: p.member })
    expect(me).toMatchObject({ nickname: '李晓梅', pendingNickname: null })
    expect(await heldItems(app, p.district)).toEqual([])
  })

  it('a review text is held: its author sees the report, another member does not, staff see it in the queue; approved → everyone sees it', async () => {
    const text = `饮水机旁有${FAKE_TEXT.review}的小广告`
    // What others count as open problems is what they can read: a held report is not among them until approved.
    const openCount = async () => (await app.ok(stationsApi.detail, { token: p.other, params: { id: stationA } })).openReports
    const countBefore = await openCount()
    const res = await report(p.member, text)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ description: text, notice: MODERATION_NOTICES.textHeld })

    const mine = (await stationAs(p.member)).find((r) => r.id === res.body.id)
    expect(mine).toMatchObject({ description: text, notice: MODERATION_NOTICES.textHeld })
    expect((await stationAs(p.other)).map((r) => r.id)).not.toContain(res.body.id)
    expect((await stationAs(null)).map((r) => r.id)).not.toContain(res.body.id)
    expect(await openCount()).toBe(countBefore)
    // the station's keeper (staff) still gets the problem to fix
    expect((await app.ok(stationsApi.reports, { token: p.adminA, params: { id: stationA } })).items.map((r) => r.id)).toContain(res.body.id)

    const queued = (await heldItems(app, p.adminA)).find((i) => i.text === text)!
    expect(queued).toMatchObject({ kind: 'stations.report', kindLabel: '驿站问题反馈', ownerName: '李晓梅', orgName: UNION_A, source: 'wechat', suggest: 'review', status: 'held' })
    expect((await heldItems(app, p.district)).map((i) => i.id)).toContain(queued.id)

    const approved = await app.ok(moderationApi.approve, { token: p.adminA, params: { id: queued.id } })
    expect(approved).toMatchObject({ status: 'approved', decidedAt: expect.any(String) })
    expect((await stationAs(p.other)).find((r) => r.id === res.body.id)).toMatchObject({ description: text, notice: null })
    expect((await stationAs(p.member)).find((r) => r.id === res.body.id)?.notice).toBeNull()
    expect(await openCount()).toBe(countBefore + 1)
    expect(await heldItems(app, p.adminA)).toEqual([])
    // decided once: a second decision is refused
    const again = await app.call(moderationApi.reject, { token: p.district, params: { id: queued.id }, body: {} })
    expect(again.status).toBe(409)
    expect(again.body.reason).toBe('MODERATION_ITEM_DECIDED')
  })

  it('rejected: stays hidden from others, the author is told in 消息', async () => {
    const text = `这里${FAKE_TEXT.review}，请处理`
    const res = await report(p.member, text)
    const item = (await heldItems(app, p.district)).find((i) => i.text === text)!
    const rejected = await app.ok(moderationApi.reject, { token: p.district, params: { id: item.id }, body: { note: '与驿站无关' } })
    expect(rejected).toMatchObject({ status: 'rejected', note: '与驿站无关' })
    expect((await stationAs(p.other)).map((r) => r.id)).not.toContain(res.body.id)
    expect((await stationAs(p.member)).find((r) => r.id === res.body.id)?.notice).toBe(MODERATION_NOTICES.textRejected)
    const inbox = await app.ok(notificationsApi.list, { token: p.member })
    const told = inbox.items.find((m) => m.kind === MODERATION_REJECTED_KIND && m.body.includes(text))!
    expect(told).toMatchObject({ title: '你提交的驿站问题反馈未通过审核', link: `/packages/stations/station/index?id=${stationA}` })
    expect(told.body).toContain('说明：与驿站无关')
  })

  it('a held nickname is not applied until approved (others keep the old one); a held team name shows as 队名审核中 until decided', async () => {
    const me = await app.ok(authApi.updateProfile, { token: p.member, body: { nickname: `晓梅${FAKE_TEXT.review}` } })
    expect(me).toMatchObject({ nickname: '李晓梅', pendingNickname: `晓梅${FAKE_TEXT.review}` })
    const nick = (await heldItems(app, p.adminA)).find((i) => i.kind === 'auth.nickname')!
    expect(nick).toMatchObject({ kindLabel: '昵称', orgName: UNION_A, text: `晓梅${FAKE_TEXT.review}` })
    await app.ok(moderationApi.approve, { token: p.adminA, params: { id: nick.id } })
    expect(await app.ok(authApi.me, { token: p.member })).toMatchObject({ nickname: `晓梅${FAKE_TEXT.review}`, pendingNickname: null })
    await app.ok(authApi.updateProfile, { token: p.member, body: { nickname: '李晓梅' } })
    // a newer nickname (or going back to the one others see) withdraws one still waiting: staff never apply a stale one
    await app.ok(authApi.updateProfile, { token: p.member, body: { nickname: `梅梅${FAKE_TEXT.review}` } })
    expect(await app.ok(authApi.updateProfile, { token: p.member, body: { nickname: '李晓梅' } })).toMatchObject({ nickname: '李晓梅', pendingNickname: null })
    expect((await heldItems(app, p.adminA)).filter((i) => i.kind === 'auth.nickname')).toEqual([])

    const ev = await teamEventOfA()
    const reg = await app.ok(eventsApi.register, { token: p.member, params: { id: ev.id }, body: { team: { name: `${FAKE_TEXT.review}队` } } })
    expect(reg.team?.name).toBe(TEAM_NAME_HELD)
    const teamItem = (await heldItems(app, p.adminA)).find((i) => i.kind === 'events.team_name')!
    expect(teamItem).toMatchObject({ kindLabel: '队伍名称', text: `${FAKE_TEXT.review}队` })
    await app.ok(moderationApi.approve, { token: p.adminA, params: { id: teamItem.id } })
    expect((await app.ok(eventsApi.team, { token: p.member, params: { id: reg.id } })).team.name).toBe(`${FAKE_TEXT.review}队`)

    const ev2 = await teamEventOfA()
    const reg2 = await app.ok(eventsApi.register, { token: p.member, params: { id: ev2.id }, body: { team: { name: `乙${FAKE_TEXT.review}` } } })
    const item2 = (await heldItems(app, p.adminA)).find((i) => i.kind === 'events.team_name')!
    await app.ok(moderationApi.reject, { token: p.adminA, params: { id: item2.id }, body: {} })
    expect((await app.ok(eventsApi.team, { token: p.member, params: { id: reg2.id } })).team.name).toBe(TEAM_NAME_REJECTED)
  })

  it('WeChat unreachable (HTTP 500, errcode -1) → the local word list: a listed word is held (written with spaces or full-width), a clean text passes; the path is logged', async () => {
    w.fake.textCheckOutage(500)
    try {
      const held = await report(p.member, '有人在群里拉人刷 单，请注意')
      expect(held.status).toBe(200)
      expect(held.body.notice).toBe(MODERATION_NOTICES.textHeld)
      expect((await stationAs(p.other)).map((r) => r.id)).not.toContain(held.body.id)
      const item = (await heldItems(app, p.adminA)).find((i) => i.kind === 'stations.report')!
      expect(item).toMatchObject({ source: 'wordlist', suggest: 'review', label: '刷单' })

      w.fake.textCheckOutage('busy')
      const wide = await report(p.member, '墙上贴着“ＶＸ代开发票”的小广告') // NFKC: full-width letters, the listed word inside
      expect(wide.body.notice).toBe(MODERATION_NOTICES.textHeld)
      const clean = await report(p.member, '饮水机没有热水了')
      expect(clean.status).toBe(200)
      expect(clean.body.notice).toBeNull()
      expect((await stationAs(p.other)).map((r) => r.id)).toContain(clean.body.id)
    } finally {
      w.fake.textCheckOutage(null)
    }
    const fallbacks = logged(w.lines, /local word list used/)
    expect(fallbacks.length).toBeGreaterThanOrEqual(3)
    expect(fallbacks[0]).toMatchObject({ path: 'wordlist', field: 'description' })
    expect(logged(w.lines, /checked by WeChat msgSecCheck/)[0]).toMatchObject({ path: 'wechat' })
  })

  it('WeChat not configured (development): the word list alone decides', async () => {
    const local = await w.h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now: () => w.clock })
    const checks = w.fake.textChecks.length
    const token = await local.login('member')
    // an ideographic (full-width) space inside the listed word
    const held = await local.call(stationsApi.report, { token, params: { id: stationA }, body: { description: '门口有人兜售冰\u3000毒' } })
    expect(held.body.notice).toBe(MODERATION_NOTICES.textHeld)
    const clean = await local.call(stationsApi.report, { token, params: { id: stationA }, body: { description: '门锁坏了，进不去' } })
    expect(clean.body.notice).toBeNull()
    expect(w.fake.textChecks.length).toBe(checks)
  })

  it('attackers: a sibling union’s admin neither lists nor decides union A’s items; a member and an anonymous caller cannot reach the staff endpoints', async () => {
    const res = await report(p.member, `第二处${FAKE_TEXT.review}`)
    const item = (await heldItems(app, p.adminA)).find((i) => i.text === `第二处${FAKE_TEXT.review}`)!
    expect(item).toBeDefined()

    expect((await heldItems(app, p.adminB)).map((i) => i.id)).not.toContain(item.id)
    for (const decide of [moderationApi.approve, moderationApi.reject] as const) {
      const r = await app.call(decide as typeof moderationApi.reject, { token: p.adminB, params: { id: item.id }, body: {} })
      expect(r.status).toBe(403)
    }
    for (const token of [p.member, p.other, p.gig]) {
      expect((await app.call(moderationApi.list, { token })).status).toBe(403)
      expect((await app.call(moderationApi.approve, { token, params: { id: item.id } })).status).toBe(403)
      expect((await app.call(moderationApi.reject, { token, params: { id: item.id }, body: {} })).status).toBe(403)
    }
    expect((await app.call(moderationApi.list, {})).status).toBe(401)
    expect((await app.call(moderationApi.approve, { params: { id: item.id } })).status).toBe(401)
    // unknown item: 404 for staff
    expect((await app.call(moderationApi.approve, { token: p.district, params: { id: 999_999 } })).body.reason).toBe('MODERATION_ITEM_NOT_FOUND')

    // nothing changed: still held, still hidden
    expect((await heldItems(app, p.adminA)).map((i) => i.id)).toContain(item.id)
    expect((await stationAs(p.other)).map((r) => r.id)).not.toContain(res.body.id)
  })
})

/**
 * 消息设置 (issue 15, item 4): per subscription template, whether the member wants it in WeChat and the credits they
 * hold; 关闭 for marketing-like notices. A template turned off sends nothing and keeps the credit, while the message
 * still lands in the message centre; a marketing kind the member closed (新福利上线, `vouchers.new_campaign`) creates
 * no message at all. Driven through the real API (活动报名 decided by the organiser, a voucher campaign published and
 * announced by the announcements job), WeChat answered by the fake server that records every call.
 */
import { eq } from 'drizzle-orm'
import { eventsApi } from '@contract/events/api'
import { notificationsApi } from '@contract/notifications/api'
import { pages } from '@contract/pages'
import { databases, useDatabase, type TestApp } from './harness'
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from './fake-wechat'
import { notificationOutbox, users } from '../src/db/schema'
import { createEvent, demoOrgs, event, register, type DemoOrgs } from './builders/events'
import { campaign, createCampaign, createMembers, type LoadMember } from './builders/vouchers'

const EVENT_TMPL = 'tmpl_event_result_settings'

describe.each(databases())('消息设置 on %s', (target) => {
  const h = useDatabase(target)
  let fake: FakeWechat
  let app: TestApp
  let admin: string
  let orgIds: DemoOrgs
  // ahead of the database's clock: outbox rows are due from its now()
  const at = Date.now() + 60_000

  beforeAll(async () => {
    fake = await startFakeWechat()
    app = await h.app(
      { WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET, WECHAT_API_BASE: fake.url, WECHAT_TMPL_EVENT_RESULT: EVENT_TMPL, RATE_LIMIT_PER_MIN: '100000' },
      { now: () => at },
    )
    admin = await app.login('admin')
    orgIds = await demoOrgs(h.database.db)
  })
  afterAll(async () => {
    await fake.close()
  })

  const members = (count: number) => createMembers(h.database.db, app.app.deps.sessions, { count, orgId: orgIds.logistics })
  const openidOf = async (m: LoadMember) => (await h.database.db.select().from(users).where(eq(users.id, m.userId)))[0]!.openid
  const drain = () => app.app.services.notifications.outbox.drain(app.app.log)
  const settingsOf = (token: string) => app.ok(notificationsApi.settings, { token })
  const eventSetting = async (token: string) => (await settingsOf(token)).templates.find((t) => t.key === 'event_result')!
  /** A manual-approval event of 星河物流 the member registers for; the organiser decides. */
  async function decided(m: LoadMember, decision: 'approve' | 'reject', title: string) {
    const ev = await createEvent(app, admin, event(orgIds.logistics, { title, approvalMode: 'manual' }, at))
    const reg = await register(app, m.token, ev.id)
    expect(reg.body.status).toBe('pending')
    const res = await app.ok(eventsApi.decide, { params: { id: ev.id }, body: { ids: [reg.body.id], decision, reason: '名额已满' }, token: admin })
    expect(res.results).toEqual([expect.objectContaining({ id: reg.body.id, ok: true })])
    return reg.body.id
  }

  it('lists every template with its WeChat switch and credits; saves only what it names, for the caller only', async () => {
    const [m, other] = await members(2)
    const first = await settingsOf(m.token)
    expect(first.marketing).toBe(true)
    expect(first.templates.map((t) => [t.key, t.templateId, t.wechat, t.credits])).toEqual([
      ['join_result', null, true, 0],
      ['voucher_result', null, true, 0],
      ['event_result', EVENT_TMPL, true, 0],
      ['relief_progress', null, true, 0],
      ['legal_reply', null, true, 0],
      ['booking_reminder', null, true, 0],
      ['membership_change', null, true, 0],
    ])
    expect(first.templates[2]).toMatchObject({ label: '活动报名结果', hint: expect.stringContaining('审核结果') })

    await app.ok(notificationsApi.reportSubscriptions, { token: m.token, body: { accepted: [EVENT_TMPL] } })
    await app.ok(notificationsApi.reportSubscriptions, { token: m.token, body: { accepted: [EVENT_TMPL] } })
    expect(await eventSetting(m.token)).toMatchObject({ wechat: true, credits: 2 })

    const off = await app.ok(notificationsApi.saveSettings, { token: m.token, body: { wechat: [{ key: 'event_result', on: false }] } })
    expect(off.templates.find((t) => t.key === 'event_result')).toMatchObject({ wechat: false, credits: 2 })
    expect(off.marketing).toBe(true)
    const closed = await app.ok(notificationsApi.saveSettings, { token: m.token, body: { marketing: false } })
    expect(closed.marketing).toBe(false)
    expect(closed.templates.find((t) => t.key === 'event_result')!.wechat).toBe(false) // untouched by the second save
    // a fresh read gives the same; the other member's settings did not move
    expect(await settingsOf(m.token)).toEqual(closed)
    expect(await settingsOf(other.token)).toMatchObject({ marketing: true, templates: expect.arrayContaining([expect.objectContaining({ key: 'event_result', wechat: true, credits: 0 })]) })

    const empty = await app.call(notificationsApi.saveSettings, { token: m.token, body: {} })
    expect(empty.status).toBe(400)
    expect(empty.body.fields).toEqual({ marketing: '没有要保存的设置' })
    const unknown = await app.request('PUT', '/api/notifications/settings', { token: m.token, body: { wechat: [{ key: 'made_up', on: false }] } })
    expect(unknown.status).toBe(400)
    expect(Object.values(unknown.body.fields)).toEqual(['没有这种消息模板'])
    expect((await app.call(notificationsApi.settings)).status).toBe(401)
    expect((await app.call(notificationsApi.saveSettings, { body: { marketing: false } })).status).toBe(401)
  })

  it('a template turned off: no send, the credit kept, the message in the message centre; back on: sent with that credit', async () => {
    const [m] = await members(1)
    const openid = await openidOf(m)
    await app.ok(notificationsApi.reportSubscriptions, { token: m.token, body: { accepted: [EVENT_TMPL] } })
    await app.ok(notificationsApi.saveSettings, { token: m.token, body: { wechat: [{ key: 'event_result', on: false }] } })

    const quiet = await decided(m, 'approve', '职工读书会')
    await drain()
    expect(fake.subscribeCalls.filter((c) => c.touser === openid)).toEqual([])
    expect(await h.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.userId, m.userId))).toEqual([])
    expect(await eventSetting(m.token)).toMatchObject({ wechat: false, credits: 1 })
    const inbox = await app.ok(notificationsApi.list, { token: m.token })
    expect(inbox.items.map((n) => [n.kind, n.title, n.link])).toEqual([
      ['events.approved', '报名已通过', `/packages/events/registration/index?id=${quiet}`],
    ])
    expect(inbox.unread).toBe(1)

    await app.ok(notificationsApi.saveSettings, { token: m.token, body: { wechat: [{ key: 'event_result', on: true }] } })
    const told = await decided(m, 'approve', '职工书法展')
    expect(await drain()).toMatchObject({ sent: 1 })
    const sends = fake.subscribeSends.filter((s) => s.touser === openid)
    expect(sends).toEqual([expect.objectContaining({ template_id: EVENT_TMPL, page: `packages/events/registration/index?id=${told}` })])
    expect(await eventSetting(m.token)).toMatchObject({ wechat: true, credits: 0 })
  })

  it('marketing closed: no 新福利上线 message at all (the campaign itself is published); others still get it', async () => {
    const [closedOne, openOne] = await members(2)
    await app.ok(notificationsApi.saveSettings, { token: closedOne.token, body: { marketing: false } })

    const c = await createCampaign(app, admin, campaign({ orgId: orgIds.logistics, title: '星河健身季卡体验券', kind: 'gym' }, at))
    await app.app.services.notifications.announcements.drain()
    expect(await app.ok(notificationsApi.list, { token: closedOne.token })).toMatchObject({ items: [], unread: 0 })
    expect((await app.ok(notificationsApi.list, { token: openOne.token })).items.map((n) => [n.kind, n.link])).toEqual([
      ['vouchers.new_campaign', pages.vouchers.campaign.url({ id: c.id })],
    ])

    // a kind that is not marketing still reaches the member who closed marketing
    await decided(closedOne, 'approve', '职工摄影展')
    expect((await app.ok(notificationsApi.list, { token: closedOne.token })).items.map((n) => n.kind)).toEqual(['events.approved'])
  })
})

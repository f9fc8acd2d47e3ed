/**
 * 订阅消息 through the outbox: credits from the app's acceptances, one queued send per (event × user × template)
 * while a credit lasts, the job's handling of WeChat's answers (fake WeChat server records every call), restarts.
 */
import { bookingsApi } from '@contract/bookings/api'
import { notificationsApi } from '@contract/notifications/api'
import { and, eq } from 'drizzle-orm'
import { databases, useDatabase, type TestApp } from './harness'
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from './fake-wechat'
import { notificationOutbox, subscribeCredits, users } from '../src/db/schema'
import { personaOpenid } from '../src/personas'
import { notify } from '../src/modules/notifications/service'
import { fitField } from '../src/modules/notifications/template-data'
import { demoOrgs } from './builders/events'

const EVENT_TMPL = 'tmpl_event_result_1'
const RELIEF_TMPL = 'tmpl_relief_progress_1'
const BOOKING_TMPL = 'tmpl_booking_reminder_1'

describe.each(databases())('subscription messages on %s', (target) => {
  const h = useDatabase(target)
  let fake: FakeWechat
  // ahead of the database clock (rows are queued at its now())
  let clock = Date.now() + 60_000
  const lines: string[] = []

  beforeAll(async () => {
    fake = await startFakeWechat()
  })
  afterAll(async () => {
    await fake.close()
  })

  const start = (env: Record<string, string> = {}) =>
    h.app(
      {
        WECHAT_APPID: FAKE_APPID,
        WECHAT_SECRET: FAKE_SECRET,
        WECHAT_API_BASE: fake.url,
        WECHAT_TMPL_EVENT_RESULT: EVENT_TMPL,
        WECHAT_TMPL_RELIEF_PROGRESS: RELIEF_TMPL,
        WECHAT_TMPL_BOOKING_REMINDER: BOOKING_TMPL,
        LOG_LEVEL: 'info',
        ...env,
      },
      { now: () => clock, logStream: { write: (line) => void lines.push(line) } },
    )
  const drain = (app: TestApp) => app.app.services.notifications.outbox.drain(app.app.log)
  const userId = async (persona: string) => {
    const [u] = await h.database.db.select().from(users).where(eq(users.openid, personaOpenid(persona)))
    return u!.id
  }
  const approved = (uid: number, title = '报名已通过') => ({
    userId: uid,
    kind: 'events.approved' as const,
    title,
    body: '您报名的「职工拔河比赛」已通过审核，请于 2026-12-20 09:00 准时参加，签到时出示报名二维码。',
    link: '/packages/events/registration/index?id=7',
  })
  const outboxOf = (uid: number) =>
    h.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.userId, uid)).orderBy(notificationOutbox.id)
  const creditOf = async (uid: number, templateId = EVENT_TMPL) => {
    const [c] = await h.database.db
      .select()
      .from(subscribeCredits)
      .where(and(eq(subscribeCredits.userId, uid), eq(subscribeCredits.templateId, templateId)))
    return c?.remaining ?? 0
  }
  const sendsTo = (persona: string) => fake.subscribeSends.filter((s) => s.touser === personaOpenid(persona))
  const callsTo = (persona: string) => fake.subscribeCalls.filter((s) => s.touser === personaOpenid(persona))

  it('two accepted subscriptions, three qualifying events: exactly two sends, all three in the message centre', async () => {
    const app = await start()
    const token = await app.login('member')
    const me = await userId('member')

    const templates = await app.ok(notificationsApi.subscribeTemplates, { token })
    expect(templates.templates.map((t) => [t.key, t.templateId])).toEqual([
      ['event_result', EVENT_TMPL],
      ['relief_progress', RELIEF_TMPL],
      ['booking_reminder', BOOKING_TMPL],
    ])
    const unknown = await app.call(notificationsApi.reportSubscriptions, { token, body: { accepted: ['tmpl_made_up'] } })
    expect(unknown.status).toBe(400)
    expect(unknown.body.reason).toBe('SUBSCRIBE_TEMPLATE_UNKNOWN')

    // two taps, each accepted in WeChat's dialog
    await app.ok(notificationsApi.reportSubscriptions, { token, body: { accepted: [EVENT_TMPL] } })
    const second = await app.ok(notificationsApi.reportSubscriptions, { token, body: { accepted: [EVENT_TMPL] } })
    expect(second.credits).toEqual([{ templateId: EVENT_TMPL, remaining: 2 }])

    for (const title of ['第一场已通过', '第二场已通过', '第三场已通过']) {
      await h.database.db.transaction((tx) => notify(tx, approved(me, title)))
    }
    // a kind without a template: message centre only, whatever the credits
    await notify(h.database.db, { userId: me, kind: 'events.team_joined', title: '队友加入', body: '王小骑加入了您的队伍' })
    expect(await creditOf(me)).toBe(0)

    const result = await drain(app)
    expect(result).toMatchObject({ sent: 2, failed: 0, retrying: 0 })
    await drain(app)
    const sends = sendsTo('member')
    expect(sends.map((s) => s.data.thing1!.value)).toEqual(['第一场已通过', '第二场已通过'])
    expect(sends[0]).toMatchObject({
      template_id: EVENT_TMPL,
      page: 'packages/events/registration/index?id=7',
      miniprogram_state: 'formal',
      data: { phrase2: { value: '已通过' } },
    })
    expect((await outboxOf(me)).map((r) => r.status)).toEqual(['sent', 'sent'])

    const list = await app.ok(notificationsApi.list, { token })
    expect(list.items.map((n) => n.title)).toEqual(['队友加入', '第三场已通过', '第二场已通过', '第一场已通过'])
  })

  it('43101 spends the credit and is not retried; 47003 is logged, not retried, and gives the credit back', async () => {
    const app = await start()
    const token = await app.login('gig')
    const gig = await userId('gig')
    await app.ok(notificationsApi.reportSubscriptions, { token, body: { accepted: [EVENT_TMPL] } })
    await notify(h.database.db, approved(gig, '被拒收的一条'))
    fake.failNextSends(43101)
    expect(await drain(app)).toMatchObject({ sent: 0, failed: 1 })
    clock += 24 * 3600_000
    await drain(app)
    expect(callsTo('gig')).toHaveLength(1)
    expect(sendsTo('gig')).toHaveLength(0)
    expect((await outboxOf(gig)).map((r) => [r.status, r.attempts])).toEqual([['failed', 1]])
    expect(await creditOf(gig)).toBe(0)
    expect(lines.some((l) => l.includes('43101'))).toBe(true)

    await app.ok(notificationsApi.reportSubscriptions, { token, body: { accepted: [EVENT_TMPL] } })
    await notify(h.database.db, approved(gig, '参数被拒的一条'))
    fake.failNextSends(47003)
    expect(await drain(app)).toMatchObject({ sent: 0, failed: 1 })
    clock += 3600_000
    await drain(app)
    expect(callsTo('gig')).toHaveLength(2)
    expect(await creditOf(gig)).toBe(1)
    expect(lines.some((l) => l.includes('47003'))).toBe(true)
  })

  it('a 5xx from WeChat is retried with back-off and sent once', async () => {
    const app = await start()
    const token = await app.login('venue')
    const uid = await userId('venue')
    await app.ok(notificationsApi.reportSubscriptions, { token, body: { accepted: [RELIEF_TMPL] } })
    await notify(h.database.db, { userId: uid, kind: 'relief.stage', title: '初审通过', body: '您的大病医疗救助申请已通过初审', link: '/packages/relief/detail/index?id=3' })
    fake.failNextSends(500)
    expect(await drain(app)).toMatchObject({ sent: 0, retrying: 1 })
    expect(await drain(app)).toMatchObject({ sent: 0, retrying: 0 }) // not due yet
    clock += 31_000
    expect(await drain(app)).toMatchObject({ sent: 1 })
    clock += 3600_000
    await drain(app)
    expect(callsTo('venue')).toHaveLength(2)
    expect(sendsTo('venue').map((s) => s.data)).toEqual([
      { thing1: { value: '初审通过' }, thing2: { value: '您的大病医疗救助申请已通过初审' }, time3: { value: expect.any(String) } },
    ])
    expect((await outboxOf(uid)).map((r) => [r.status, r.attempts])).toEqual([['sent', 2]])
  })

  it('a restart mid-queue sends nothing twice', async () => {
    const first = await start({ OUTBOX_BATCH_SIZE: '2' })
    const token = await first.login('reviewer')
    const uid = await userId('reviewer')
    for (let i = 0; i < 5; i++) await first.ok(notificationsApi.reportSubscriptions, { token, body: { accepted: [EVENT_TMPL] } })
    for (let i = 1; i <= 5; i++) await notify(h.database.db, approved(uid, `第${i}条`))
    expect(await drain(first)).toMatchObject({ sent: 2 })
    const rows = await outboxOf(uid)
    // the instance dies: row 3 during its call to WeChat (WeChat got it), row 4 claimed but not yet started
    const lease = new Date(clock + 60_000)
    await h.database.db.update(notificationOutbox).set({ status: 'sending', attempts: 1, leaseUntil: lease }).where(eq(notificationOutbox.id, rows[2]!.id))
    await h.database.db.update(notificationOutbox).set({ leaseUntil: lease }).where(eq(notificationOutbox.id, rows[3]!.id))
    fake.subscribeSends.push({ touser: personaOpenid('reviewer'), template_id: EVENT_TMPL, data: rows[2]!.data })
    await first.close()

    const second = await start({ OUTBOX_BATCH_SIZE: '2' })
    expect(await drain(second)).toMatchObject({ sent: 1, abandoned: 0 }) // row 5 only: rows 3 and 4 are still leased
    clock += 5 * 60_000
    expect(await drain(second)).toMatchObject({ sent: 1, abandoned: 1 }) // row 4 taken over; row 3 never again
    clock += 24 * 3600_000
    expect(await drain(second)).toMatchObject({ sent: 0, abandoned: 0 })
    const titles = sendsTo('reviewer').map((s) => s.data.thing1!.value)
    expect([...titles].sort()).toEqual(['第1条', '第2条', '第3条', '第4条', '第5条'])
    expect((await outboxOf(uid)).map((r) => r.status)).toEqual(['sent', 'sent', 'unknown', 'sent', 'sent'])
  })

  it('cuts a 25-character Chinese title to 19 characters + … (20 in all), by characters, never by bytes', async () => {
    const app = await start()
    const token = await app.login('admin')
    const uid = await userId('admin')
    await app.ok(notificationsApi.reportSubscriptions, { token, body: { accepted: [EVENT_TMPL] } })
    const title = '云溪区总工会二〇二六年职工技能大赛叉车项目报名审核结果'.slice(0, 25)
    expect(Array.from(title)).toHaveLength(25)
    await notify(h.database.db, approved(uid, title))
    expect(await drain(app)).toMatchObject({ sent: 1 })
    const [sent] = sendsTo('admin')
    expect(sent!.data.thing1!.value).toBe(`${title.slice(0, 19)}…`)
    expect(Array.from(sent!.data.thing1!.value)).toHaveLength(20)
    expect(Array.from(sent!.data.thing3!.value)).toHaveLength(20)
    // the full message stays in the message centre
    expect((await app.ok(notificationsApi.list, { token })).items[0]!.title).toBe(title)
  })

  it('the day-before booking reminder reaches WeChat as 预约提醒 when the member accepted it at 预约', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const token = await app.login('member')
    const { district } = await demoOrgs(h.database.db)
    const service = await app.ok(bookingsApi.createService, { token: admin, body: { orgId: district, kind: 'health_bus', title: '流动体检车进园区', description: '' } })
    const startsAt = clock + 2 * 24 * 3600_000
    const slot = await app.ok(bookingsApi.addSlot, {
      token: admin,
      params: { id: service.id },
      body: { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * 3600_000).toISOString(), place: '云溪科技园区东门停车场', capacity: 5 },
    })
    // the 预约 tap: WeChat's dialog accepted, then the booking
    await app.ok(notificationsApi.reportSubscriptions, { token, body: { accepted: [BOOKING_TMPL] } })
    await app.ok(bookingsApi.book, { token, params: { id: slot.id } })
    clock = startsAt - 20 * 3600_000
    expect(await app.app.services.bookings.reminders.sendDue()).toBe(1)
    expect(await drain(app)).toMatchObject({ sent: 1 })
    const sent = fake.subscribeSends.filter((x) => x.template_id === BOOKING_TMPL)
    expect(sent).toEqual([
      expect.objectContaining({ touser: personaOpenid('member'), page: 'packages/bookings/mine/index', data: expect.objectContaining({ thing1: { value: '预约提醒：流动体检车进园区' } }) }),
    ])
    expect(await creditOf(await userId('member'), BOOKING_TMPL)).toBe(0)
  })

  it('stops at the daily quota with a log line, and sends the rest the next day', async () => {
    const app = await start({ SUBSCRIBE_DAILY_QUOTA: '1' })
    const token = await app.login('member')
    const me = await userId('member')
    await app.ok(notificationsApi.reportSubscriptions, { token, body: { accepted: [RELIEF_TMPL] } })
    await app.ok(notificationsApi.reportSubscriptions, { token, body: { accepted: [RELIEF_TMPL] } })
    const before = sendsTo('member').length
    clock += 2 * 24 * 3600_000 // a day no other test sent on
    await notify(h.database.db, { userId: me, kind: 'relief.stage', title: '复核通过', body: 'a' })
    await notify(h.database.db, { userId: me, kind: 'relief.stage', title: '已发放', body: 'b' })
    expect(await drain(app)).toMatchObject({ sent: 1, stopped: null })
    expect(await drain(app)).toMatchObject({ sent: 0, stopped: 'quota' })
    expect(lines.some((l) => l.includes('今日订阅消息发送已达上限'))).toBe(true)
    clock += 24 * 3600_000
    expect(await drain(app)).toMatchObject({ sent: 1, stopped: null })
    expect(sendsTo('member').length - before).toBe(2)
  })
})

describe('template field limits', () => {
  it('counts characters, not bytes or UTF-16 units', () => {
    expect(fitField('thing', '短标题')).toBe('短标题')
    expect(fitField('thing', '一'.repeat(20))).toBe('一'.repeat(20))
    expect(fitField('thing', '一'.repeat(21))).toBe(`${'一'.repeat(19)}…`)
    expect(Array.from(fitField('thing', '😀'.repeat(25)))).toHaveLength(20)
    expect(fitField('phrase', '候补转正成功啦')).toBe('候补转正成')
    expect(fitField('thing', '  ')).toBe('-')
  })
})

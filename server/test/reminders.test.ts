/**
 * The voucher-expiry and event reminders (issue 15 item 1): driven as members cause them (claim, register, get
 * approved), the clock moved, the job's own function run as the timer would. Each is sent once only (the job run
 * twice, or twice at the same moment, sends one), never for a voucher used, returned or expired or a registration
 * not 正式, and says its times in China time (T0 is 10:00 in Beijing, 02:00 UTC).
 */
import { eventsApi } from '@contract/events/api'
import { notificationsApi } from '@contract/notifications/api'
import type { NotificationKind } from '@contract/notifications/labels'
import { pages } from '@contract/pages'
import { vouchersApi } from '@contract/vouchers/api'
import { eq } from 'drizzle-orm'
import { databases, useDatabase, type TestApp } from './harness'
import { notificationOutbox } from '../src/db/schema'
import { DAY, HOUR, MIN, T0, createEvent, demoOrgs, event, iso, register, teamEvent, type DemoOrgs } from './builders/events'
import { campaign, createCampaign, createMembers } from './builders/vouchers'

describe.each(databases())('reminders on %s', (target) => {
  const h = useDatabase(target)
  let clock = T0
  let app: TestApp
  let admin: string
  let orgIds: DemoOrgs

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now: () => clock })
    admin = await app.login('admin')
    orgIds = await demoOrgs(h.database.db)
  })
  beforeEach(() => {
    clock = T0
  })

  const members = (count: number) => createMembers(h.database.db, app.app.deps.sessions, { count, orgId: orgIds.logistics })
  const inbox = async (token: string, kind: NotificationKind) =>
    (await app.ok(notificationsApi.list, { token, query: { limit: 50 } })).items.filter((n) => n.kind === kind)
  const remindVouchers = () => app.app.services.vouchers.remindExpiring()
  const remindEvents = () => app.app.services.events.remindDue()

  describe('福利券到期提醒', () => {
    it('a voucher ending within a day: its holder is told once, with the end time in China time and the venues', async () => {
      const c = await createCampaign(app, admin, campaign({ orgId: orgIds.district, title: '周末观影券', voucherValidDays: 2 }))
      const [m, other] = await members(2)
      await app.ok(vouchersApi.claim, { params: { id: c.id }, token: m.token })
      clock = T0 + DAY - HOUR // more than a day left: not yet
      expect(await remindVouchers()).toBe(0)
      expect(await inbox(m.token, 'vouchers.expiring')).toEqual([])

      clock = T0 + DAY + HOUR
      // Two runs at the same moment (two server instances), then a later one: one message in all.
      const [a, b] = await Promise.all([remindVouchers(), remindVouchers()])
      expect(a + b).toBe(1)
      clock = T0 + DAY + 2 * HOUR
      expect(await remindVouchers()).toBe(0)
      const got = await inbox(m.token, 'vouchers.expiring')
      expect(got).toHaveLength(1)
      expect(got[0]).toMatchObject({
        title: '你的福利券明天到期：周末观影券',
        link: pages.vouchers.mine.url(),
        readAt: null,
      })
      // valid until T0 + 2 days = 2026-11-25 10:00 in Beijing (02:00 UTC)
      expect(got[0]!.body).toContain('「周末观影券」将于 2026-11-25 10:00 到期，可在云溪影城等 2 家场馆使用')
      expect(await inbox(other.token, 'vouchers.expiring')).toEqual([])
    })

    it('a voucher used, returned, expired, or issued with only a day of validity gets none', async () => {
      const venue = await app.login('venue')
      const c = await createCampaign(app, admin, campaign({ orgId: orgIds.district, title: '书店券', kind: 'other', voucherValidDays: 2 }))
      const [used, returned, expired] = await members(3)
      const v1 = (await app.ok(vouchersApi.claim, { params: { id: c.id }, token: used.token })).voucher
      const v2 = (await app.ok(vouchersApi.claim, { params: { id: c.id }, token: returned.token })).voucher
      await app.ok(vouchersApi.claim, { params: { id: c.id }, token: expired.token })
      await app.ok(vouchersApi.redeem, { token: venue, body: { code: v1.code, venueId: c.venues[0]!.id } })
      await app.ok(vouchersApi.cancelVoucher, { params: { id: v2.id }, token: returned.token })

      const short = await createCampaign(app, admin, campaign({ orgId: orgIds.district, title: '当日游泳券', kind: 'swim', voucherValidDays: 1 }))
      const [fresh] = await members(1)
      await app.ok(vouchersApi.claim, { params: { id: short.id }, token: fresh.token })

      clock = T0 + 2 * DAY + MIN // the unused one of 书店券 has just expired; 当日游泳券 too
      expect(await remindVouchers()).toBe(0)
      clock = T0 + 2 * HOUR
      expect(await remindVouchers()).toBe(0) // 当日游泳券 ends within a day, but was issued that way
      for (const m of [used, returned, expired, fresh]) expect(await inbox(m.token, 'vouchers.expiring')).toEqual([])
    })
  })

  describe('活动提醒', () => {
    const startsAt = T0 + 2 * DAY
    const dayBefore = { approvalMode: 'manual' as const, startsAt: iso(startsAt), endsAt: iso(startsAt + 3 * HOUR), registrationClosesAt: iso(T0 + DAY) }

    it('the day before, only the 正式 registration is reminded, once, with the start time in China time and the place', async () => {
      const ev = await createEvent(app, admin, event(orgIds.logistics, { ...dayBefore, title: '职工健步走' }))
      const [approved, rejected, cancelled, pending] = await members(4)
      const reg = async (m: { token: string }) => (await register(app, m.token, ev.id)).body.id
      const [ra, rr, rc] = [await reg(approved), await reg(rejected), await reg(cancelled), await reg(pending)]
      const decide = (id: number, decision: 'approve' | 'reject') =>
        app.ok(eventsApi.decide, { params: { id: ev.id }, body: { ids: [id], decision, reason: '名额有限' }, token: admin })
      await decide(ra, 'approve')
      await decide(rr, 'reject')
      await decide(rc, 'approve')
      await app.ok(eventsApi.cancel, { params: { id: rc }, token: cancelled.token })

      clock = startsAt - DAY - HOUR // 25 h before: not yet
      expect(await remindEvents()).toBe(0)
      clock = startsAt - DAY + HOUR
      const [a, b] = await Promise.all([remindEvents(), remindEvents()])
      expect(a + b).toBe(1)
      clock = startsAt - HOUR
      expect(await remindEvents()).toBe(0)

      const got = await inbox(approved.token, 'events.reminder')
      expect(got).toHaveLength(1)
      expect(got[0]).toMatchObject({ title: '活动提醒：职工健步走', link: pages.events.registration.url({ id: ra }) })
      // starts at T0 + 2 days = 2026-11-25 10:00 in Beijing (02:00 UTC)
      expect(got[0]!.body).toBe('您报名的「职工健步走」将于 2026-11-25 10:00 在全民健身中心（示例市云溪区青禾路 20 号）开始，请准时到场签到。')
      for (const m of [rejected, cancelled, pending]) expect(await inbox(m.token, 'events.reminder')).toEqual([])
    })

    it('a team entry: the captain and each member still in the team are reminded, the member with the team page', async () => {
      const ev = await createEvent(app, admin, teamEvent(orgIds.logistics, { title: '职工拔河友谊赛' }))
      const [captain, mate] = await members(2)
      const reg = (await register(app, captain.token, ev.id, { team: { name: '同心队' } })).body
      const code = (await app.ok(eventsApi.invite, { params: { id: reg.id }, token: captain.token })).invites[0]!.code
      await app.ok(eventsApi.acceptInvite, { params: { code }, token: mate.token })

      clock = T0 + 7 * DAY - 20 * HOUR
      expect(await remindEvents()).toBe(1)
      expect(await remindEvents()).toBe(0)
      expect((await inbox(captain.token, 'events.reminder')).map((n) => n.link)).toEqual([pages.events.registration.url({ id: reg.id })])
      expect((await inbox(mate.token, 'events.reminder')).map((n) => n.link)).toEqual([pages.events.team.url({ id: reg.id })])
    })
  })

  it('subscribed in WeChat: each reminder is queued once for the 福利券 / 活动 template, with its status word and page', async () => {
    const wx = await h.app(
      { RATE_LIMIT_PER_MIN: '100000', WECHAT_TMPL_VOUCHER_RESULT: 'tmpl_voucher_1', WECHAT_TMPL_EVENT_RESULT: 'tmpl_event_1' },
      { now: () => clock },
    )
    const c = await createCampaign(wx, admin, campaign({ orgId: orgIds.district, title: '健身体验券', kind: 'gym', voucherValidDays: 2 }))
    const ev = await createEvent(wx, admin, event(orgIds.logistics, { startsAt: iso(T0 + 2 * DAY), endsAt: iso(T0 + 2 * DAY + 3 * HOUR), registrationClosesAt: iso(T0 + DAY), title: '职工读书会' }))
    const [m] = await members(1)
    await wx.ok(notificationsApi.reportSubscriptions, { token: m.token, body: { accepted: ['tmpl_voucher_1', 'tmpl_event_1'] } })
    await wx.ok(notificationsApi.reportSubscriptions, { token: m.token, body: { accepted: ['tmpl_voucher_1', 'tmpl_event_1'] } })
    const v = (await wx.ok(vouchersApi.claim, { params: { id: c.id }, token: m.token })).voucher
    const reg = (await register(wx, m.token, ev.id)).body
    expect(reg.status).toBe('confirmed')
    // (the claim and the registration's own notices may be queued too: only the reminders are looked at)
    const queued = async () =>
      (await h.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.userId, m.userId)).orderBy(notificationOutbox.id)).filter((o) =>
        /^(vouchers\.expiring|events\.reminder):/.test(o.eventKey),
      )

    clock = T0 + DAY + HOUR
    for (let i = 0; i < 2; i++) {
      await wx.app.services.vouchers.remindExpiring()
      await wx.app.services.events.remindDue()
    }
    const rows = (await queued()).map((o) => ({ templateId: o.templateId, eventKey: o.eventKey, page: o.page, status: o.data.phrase2?.value }))
    expect(rows).toEqual([
      { templateId: 'tmpl_voucher_1', eventKey: `vouchers.expiring:${v.id}`, page: pages.vouchers.mine.url().slice(1), status: '即将到期' },
      { templateId: 'tmpl_event_1', eventKey: `events.reminder:${reg.id}`, page: pages.events.registration.url({ id: reg.id }).slice(1), status: '即将开始' },
    ])
  })
})

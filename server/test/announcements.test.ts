/**
 * 新福利上线 (issue 15, item 4): publishing a voucher campaign announces it to the members of the union's subtree
 * (`vouchers.new_campaign`, a marketing kind) — not to a sibling union's members, not to members who closed marketing
 * notices in 消息设置 (their other notices still arrive). The publishing transaction only queues an announcement; the
 * announcements job's function delivers it in batches, each batch with its cursor in one transaction: run again it
 * adds nothing, and with a batch of 2 several runs reach each member exactly once.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { notificationsApi } from '@contract/notifications/api'
import { pages } from '@contract/pages'
import { databases, useDatabase, type TestApp } from './harness'
import { announcements, notificationOutbox, notifications } from '../src/db/schema'
import { notify } from '../src/modules/notifications'
import { demoOrgs, type DemoOrgs } from './builders/events'
import { T0, campaign, createCampaign, createMembers, type LoadMember } from './builders/vouchers'

const VOUCHER_TMPL = 'tmpl_voucher_result_announce'

describe.each(databases())('新福利上线 announcements on %s', (target) => {
  const h = useDatabase(target)
  let app: TestApp
  let admin: string
  let orgIds: DemoOrgs

  beforeAll(async () => {
    // A voucher template is configured: the announcement must still spend no member's credit.
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000', WECHAT_TMPL_VOUCHER_RESULT: VOUCHER_TMPL }, { now: () => T0 })
    admin = await app.login('admin')
    orgIds = await demoOrgs(h.database.db)
  })

  const members = (count: number, orgId = orgIds.logistics, employmentType?: 'employee' | 'delivery') =>
    createMembers(h.database.db, app.app.deps.sessions, { count, orgId, employmentType })
  const worker = () => app.app.services.notifications.announcements
  const inbox = async (m: LoadMember) => (await app.ok(notificationsApi.list, { token: m.token, query: { limit: 50 } })).items
  const announcementsOf = async (m: LoadMember, link: string) =>
    (await inbox(m)).filter((n) => n.kind === 'vouchers.new_campaign' && n.link === link)

  it('reaches the members of the subtree with its page, not a sibling union nor a member who closed marketing; a second run adds nothing', async () => {
    const [a, b, closed] = await members(3)
    const [sibling] = await members(1, orgIds.express)
    await app.ok(notificationsApi.reportSubscriptions, { token: a.token, body: { accepted: [VOUCHER_TMPL] } })
    await app.ok(notificationsApi.saveSettings, { token: closed.token, body: { marketing: false } })

    const c = await createCampaign(app, admin, campaign({ orgId: orgIds.logistics, title: '星河周末电影券' }))
    const link = pages.vouchers.campaign.url({ id: c.id })
    // Publishing queued it; nobody has it before the job runs.
    expect(await announcementsOf(a, link)).toEqual([])

    await worker().drain()
    for (const m of [a, b]) {
      const got = await announcementsOf(m, link)
      expect(got).toHaveLength(1)
      expect(got[0]).toMatchObject({ title: '新福利：星河周末电影券', readAt: null })
      // when it opens, in China time (T0 − 1 min = 2026-11-23 09:59), the kind and the venues
      expect(got[0]!.body).toContain('2026-11-23 09:59')
      expect(got[0]!.body).toContain('电影')
      expect(got[0]!.body).toContain('云溪影城')
    }
    expect((await app.ok(notificationsApi.list, { token: a.token })).unread).toBeGreaterThanOrEqual(1)
    expect(await announcementsOf(sibling, link)).toEqual([])
    expect(await announcementsOf(closed, link)).toEqual([])
    // no WeChat send queued, the credit untouched (marketing never spends a one-time credit)
    expect(await h.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.userId, a.userId))).toEqual([])
    const settings = await app.ok(notificationsApi.settings, { token: a.token })
    expect(settings.templates.find((t) => t.key === 'voucher_result')).toMatchObject({ credits: 1 })

    // the member who closed marketing still gets every other notice
    await notify(h.database.db, { userId: closed.userId, kind: 'vouchers.waitlist_granted', title: '候补到券', body: '您候补的福利券已到账。', link: pages.vouchers.mine.url() })
    expect((await inbox(closed)).map((n) => n.kind)).toEqual(['vouchers.waitlist_granted'])

    const [row] = await h.database.db.select().from(announcements).where(eq(announcements.subjectId, c.id))
    expect(row!.doneAt).not.toBeNull()
    const count = async () =>
      (await h.database.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.kind, 'vouchers.new_campaign'))).length
    const before = await count()
    expect(await worker().drain()).toEqual({ batches: 0, delivered: 0, finished: 0 })
    expect(await count()).toBe(before)
  })

  it('a campaign for some employment types is announced to those members only', async () => {
    const [employee] = await members(1, orgIds.logistics, 'employee')
    const [rider] = await members(1, orgIds.logistics, 'delivery')
    const c = await createCampaign(app, admin, campaign({ orgId: orgIds.logistics, title: '骑手专享洗车券', eligibleEmploymentTypes: ['delivery'] }))
    const link = pages.vouchers.campaign.url({ id: c.id })
    await worker().drain()
    expect(await announcementsOf(rider, link)).toHaveLength(1)
    expect(await announcementsOf(employee, link)).toEqual([])
  })

  it('in batches of 2, several runs reach each of 5 members exactly once, the cursor moving with each batch', async () => {
    const five = await members(5, orgIds.express)
    const c = await createCampaign(app, admin, campaign({ orgId: orgIds.express, title: '快递小哥健身券', kind: 'gym' }))
    const link = pages.vouchers.campaign.url({ id: c.id })
    const [queued] = await h.database.db.select().from(announcements).where(eq(announcements.subjectId, c.id))
    let runs = 0
    let last = queued!.cursorUserId
    for (;;) {
      const r = await worker().deliverBatch(2)
      if (!r) break
      runs++
      expect(r.delivered).toBeLessThanOrEqual(2)
      const [now] = await h.database.db.select().from(announcements).where(eq(announcements.id, queued!.id))
      expect(now!.cursorUserId).toBeGreaterThanOrEqual(last)
      last = now!.cursorUserId
      if (r.done) expect(now!.doneAt).not.toBeNull()
      else expect(r.delivered).toBe(2)
    }
    expect(runs).toBeGreaterThanOrEqual(3)
    const got = await h.database.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.link, link), inArray(notifications.userId, five.map((m) => m.userId))))
    expect(got.map((g) => g.userId).sort((x, y) => x - y)).toEqual(five.map((m) => m.userId).sort((x, y) => x - y))
    const [done] = await h.database.db.select().from(announcements).where(eq(announcements.id, queued!.id))
    const total = (await h.database.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.link, link))).length
    expect(done!.delivered).toBe(total)
    expect(await worker().deliverBatch(2)).toBeNull()
  })
})

/** 我的申请: one list across capabilities — joining, relief (relief-flow.test.ts) and event approvals. */
import { sql } from 'drizzle-orm'
import { databases, useDatabase } from './harness'
import { rowsOf } from '../src/db'
import { membershipApplicationItems } from '../src/modules/membership'
import { eventApplicationItems } from '../src/modules/events'
import { legalApplicationItems } from '../src/modules/legal'
import { gigJoins, start } from './relief-fixtures'
import { orgs } from '../src/db/schema'
import type { EventInput } from '@contract/events/schemas'
import { event as eventInput } from './builders/events'
import { eventsApi } from '@contract/events/api'
import { applicationsApi } from '@contract/applications/api'

const T0 = new Date('2026-11-23T10:00:00+08:00').getTime() // a Monday
const HOUR = 3_600_000
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()

describe.each(databases())('我的申请 on %s', (target) => {
  const h = useDatabase(target)
  let clock = T0
  const now = () => clock

  it('lists event registrations that wait for the organiser, with the expected time, the decision and its reason', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const member = await app.login('member')
    const [district] = (await h.database.db.select().from(orgs)).filter((o) => o.kind === 'district')
    const event = (over: Partial<EventInput>) =>
      app.call(eventsApi.createEvent, {
        token: admin,
        body: eventInput(district.id, {
          kind: 'skills_competition',
          title: '电工技能竞赛',
          description: '理论 + 实操',
          startsAt: iso(T0 + 10 * DAY),
          endsAt: iso(T0 + 10 * DAY + 8 * HOUR),
          capacity: 10,
          ...over,
        }),
      })
    const manual = await event({ approvalMode: 'manual' })
    const auto = await event({ kind: 'sports_culture', title: '职工趣味运动会', approvalMode: 'auto' })
    expect([manual.status, auto.status]).toEqual([200, 200])

    const reg = await app.call(eventsApi.register, { params: { id: manual.body.id }, token: member, body: {} })
    expect(reg.body.status).toBe('pending')
    expect((await app.call(eventsApi.register, { params: { id: auto.body.id }, token: member, body: {} })).body.status).toBe('confirmed')

    const list = await app.call(applicationsApi.mine, { token: member })
    expect(list.status).toBe(200)
    const events = list.body.items.filter((i: { kind: string }) => i.kind === 'event')
    // the auto-confirmed sign-up is not an application
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      id: reg.body.id,
      title: '活动报名 · 电工技能竞赛',
      state: 'in_review',
      stageLabel: '待主办方审核',
      lastDecisionReason: null,
      link: `/packages/events/registration/index?id=${reg.body.id}`,
    })
    // 3 working days from Monday 10:00 → Thursday 10:00, before the event starts
    expect(events[0].expectedBy).toBe(new Date('2026-11-26T10:00:00+08:00').toISOString())
    expect(events[0].timeline.map((t: { title: string }) => t.title)).toEqual(['提交报名'])

    clock = T0 + 2 * HOUR
    const rejected = await app.call(eventsApi.decide, {
      params: { id: manual.body.id },
      token: admin,
      body: { ids: [reg.body.id], decision: 'reject', reason: '请先取得电工操作证' },
    })
    expect(rejected.status).toBe(200)
    const after = (await app.call(applicationsApi.mine, { token: member })).body.items.find(
      (i: { kind: string }) => i.kind === 'event',
    )
    if (!after) throw new Error('the event application is gone from 我的申请')
    expect(after).toMatchObject({ state: 'rejected', stageLabel: '未通过', lastDecisionReason: '请先取得电工操作证', expectedBy: null })
    expect(after.timeline.map((t: { title: string; note: string | null }) => [t.title, t.note])).toEqual([
      ['提交报名', null],
      ['审核未通过', '请先取得电工操作证'],
    ])
    expect(after.updatedAt).toBe(iso(T0 + 2 * HOUR))

    // nobody else sees it
    const gig = await app.login('gig')
    expect((await app.call(applicationsApi.mine, { token: gig })).body.items.filter((i: { kind: string }) => i.kind === 'event')).toEqual([])
    expect((await app.call(applicationsApi.mine)).status).toBe(401)
  })

  it('the one statement with the session gives every item exactly as each capability reads it on its own', async () => {
    const app = await h.app({}, { now })
    const { db } = h.database
    // A join application decided (with its timeline) and a relief draft, beside the demo's legal cases.
    await gigJoins(app, db)
    await start(app, await app.login('member'), 'serious_illness')
    const users = rowsOf<{ id: number }>(
      await db.execute(sql`select user_id as id from membership_applications union select user_id from relief_applications
        union select user_id from legal_cases union select user_id from event_registrations order by id`),
    )
    const kinds = new Set<string>()
    for (const { id } of users) {
      const { token } = await app.app.deps.sessions.create(db, id)
      const { items } = await app.ok(applicationsApi.mine, { token })
      const own = (
        await Promise.all([
          membershipApplicationItems(db, id),
          eventApplicationItems(db, id, now()),
          app.app.services.relief.applicationItemsFor(db, id),
          legalApplicationItems(db, id),
        ])
      )
        .flat()
        .sort((x, y) => y.updatedAt.localeCompare(x.updatedAt) || y.id - x.id)
      expect([id, items]).toEqual([id, JSON.parse(JSON.stringify(own))])
      for (const item of items) kinds.add(item.kind)
    }
    // The demo's data reaches every capability's mapping (join timelines, relief, legal) through the json.
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['legal', 'membership', 'relief']))
  })
})

/**
 * The office console's 活动管理 (issue 16): the organiser's event list with the 报名中 state filter (phase=registering)
 * beside the others, and the endpoints its form and side panel call — create / edit, the registrations, decisions,
 * manual check-in, the roster — refused to staff outside the event's subtree: an admin of a sibling branch, an admin
 * of a lower union, venue staff and a member.
 */
import { eventsApi } from '@contract/events/api'
import { databases } from './harness'
import { newUser } from './builders/membership'
import { DAY, HOUR, T0, createEvent, event, iso, register, useEventsWorld } from './builders/events'

describe.each(databases())('console 活动管理 on %s', (target) => {
  const ctx = useEventsWorld(target)
  const ids: Record<string, number> = {}
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    const { district, logistics } = ctx.orgIds
    // open: registering now (opened an hour before T0, closes in five days)
    ids.open = (await createEvent(ctx.app, ctx.admin, event(district, { title: '报名中的培训', kind: 'training', approvalMode: 'manual' }))).id
    // later: registration opens tomorrow
    ids.later = (await createEvent(ctx.app, ctx.admin, event(logistics, { title: '明天开始报名', registrationOpensAt: iso(T0 + DAY), registrationClosesAt: iso(T0 + 3 * DAY) }))).id
    // closed: registration closed already, the event starts in two days
    ids.closed = (await createEvent(ctx.app, ctx.admin, event(district, { title: '报名已截止', registrationOpensAt: iso(T0 - 3 * DAY), registrationClosesAt: iso(T0 - HOUR), startsAt: iso(T0 + 2 * DAY), endsAt: iso(T0 + 2 * DAY + HOUR) }))).id
    expect((await register(ctx.app, ctx.member, ids.open)).status).toBe(200)
    tokens.sibling = (await newUser(ctx.h, ctx.app, '园区管理员', { role: 'admin', orgName: '云溪科技园区工会' })).token
    tokens.lower = (await newUser(ctx.h, ctx.app, '街道管理员', { role: 'admin', orgName: '青禾街道总工会' })).token
    tokens.venue = await ctx.app.login('venue')
    tokens.member = ctx.member
  })

  const listed = async (token: string, query: Record<string, string | number> = {}) =>
    (await ctx.app.ok(eventsApi.manageEvents, { token, query: { limit: 50, ...query } as never })).items.map((e) => e.id).filter((id) => Object.values(ids).includes(id))

  it('filters 报名中: inside the registration window and not started, nothing else', async () => {
    expect(await listed(ctx.admin, { phase: 'registering' })).toEqual([ids.open])
    // every one of them is still "not started"
    expect((await listed(ctx.admin, { phase: 'upcoming' })).sort()).toEqual([ids.open, ids.later, ids.closed].sort())
    // a day later the other one opens
    ctx.clock = T0 + DAY + HOUR
    expect((await listed(ctx.admin, { phase: 'registering' })).sort()).toEqual([ids.open, ids.later].sort())
    // combined with the union and kind filters
    expect(await listed(ctx.admin, { phase: 'registering', kind: 'training' })).toEqual([ids.open])
    expect(await listed(ctx.admin, { phase: 'registering', orgId: ctx.orgIds.logistics })).toEqual([ids.later])
    const bad = await ctx.app.call(eventsApi.manageEvents, { token: ctx.admin, query: { phase: 'drafting' } as never })
    expect(bad.status).toBe(400)
    expect(bad.body.fields).toHaveProperty('phase')
  })

  it('keeps the keyset cursor under the 报名中 filter', async () => {
    ctx.clock = T0 + DAY + HOUR
    const seen: number[] = []
    let cursor: string | null | undefined
    do {
      const page = await ctx.app.ok(eventsApi.manageEvents, { token: ctx.admin, query: { limit: 1, phase: 'registering', cursor: cursor ?? undefined } })
      for (const e of page.items) {
        expect(e.phase).toBe('registering')
        expect(seen).not.toContain(e.id)
        seen.push(e.id)
      }
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(expect.arrayContaining([ids.open, ids.later]))
  })

  it('lists none of the district’s events to the sibling branch, the lower union or a member, and refuses their union filter', async () => {
    expect(await listed(tokens.sibling, { phase: 'registering' })).toEqual([])
    // a member holds no organiser or check-in post anywhere: the gate refuses the list itself
    expect((await ctx.app.call(eventsApi.manageEvents, { token: tokens.member, query: { phase: 'registering' } })).status).toBe(403)
    // the street sees only 星河物流's event (its subtree), never the district's own
    ctx.clock = T0 + DAY + HOUR
    expect(await listed(tokens.lower, { phase: 'registering' })).toEqual([ids.later])
    for (const token of [tokens.sibling, tokens.lower]) {
      const res = await ctx.app.call(eventsApi.manageEvents, { token, query: { orgId: ctx.orgIds.district, phase: 'registering' } })
      expect(res.status).toBe(403)
      expect(res.body.reason).toBe('EVENTS_UNION_OUTSIDE')
    }
  })

  it('refuses creating an event for a union outside the post (the gate reads the body’s 主办工会)', async () => {
    for (const token of [tokens.sibling, tokens.lower, tokens.venue, tokens.member]) {
      const res = await ctx.app.call(eventsApi.createEvent, { token, body: event(ctx.orgIds.district, { title: '越权创建' }) })
      expect(res.status).toBe(403)
      expect(res.body.reason).toBe('FORBIDDEN')
    }
    const all = await ctx.app.ok(eventsApi.manageEvents, { token: ctx.admin, query: { limit: 50 } })
    expect(all.items.map((e) => e.title)).not.toContain('越权创建')
  })

  it('gives the side panel’s reads and actions on a district event to nobody outside its subtree', async () => {
    const regs = await ctx.app.ok(eventsApi.manageRegistrations, { token: ctx.admin, params: { id: ids.open }, query: {} })
    const regId = regs.items[0].id
    const attempts = (token: string) => [
      // venue staff check members in at the district's events: they may read the event itself, nothing more
      ...(token === tokens.venue ? [] : [ctx.app.call(eventsApi.manageEvent, { token, params: { id: ids.open } })]),
      ctx.app.call(eventsApi.updateEvent, { token, params: { id: ids.open }, body: event(ctx.orgIds.district, { title: '被改的名称' }) }),
      ctx.app.call(eventsApi.manageRegistrations, { token, params: { id: ids.open }, query: {} }),
      ctx.app.call(eventsApi.decide, { token, params: { id: ids.open }, body: { ids: [regId], decision: 'approve' } }),
      ctx.app.call(eventsApi.checkinManual, { token, params: { id: ids.open, registrationId: regId } }),
      ctx.app.call(eventsApi.roster, { token, params: { id: ids.open } }),
    ]
    for (const [who, token] of Object.entries(tokens)) {
      const answers = await Promise.all(attempts(token))
      for (const res of answers) {
        expect({ who, refused: [403, 404].includes(res.status) }).toEqual({ who, refused: true })
        expect(typeof res.body?.reason).toBe('string')
      }
    }
    // nothing changed: still the same title, the registration still waiting
    const ev = await ctx.app.ok(eventsApi.manageEvent, { token: ctx.admin, params: { id: ids.open } })
    expect(ev.title).toBe('报名中的培训')
    expect(ev.counts.pending).toBe(1)
  })
})

/**
 * The office console's 活动审批 and 法律援助 queues (issue 16): the organiser's event list and the legal worklist take
 * the console's filters (union, type, state, dates, waiting for approval / overdue), keep their keyset cursors, and
 * give staff of a sibling branch or a lower level nothing of another subtree — a union filter outside the post is a
 * 403 with its reason.
 */
import { eventsApi } from '@contract/events/api'
import { legalApi } from '@contract/legal/api'
import { legalAsk } from './builders/legal'
import { databases } from './harness'
import { newUser, orgIdOf } from './builders/membership'
import { DAY, HOUR, T0, createEvent, event, iso, register, useEventsWorld } from './builders/events'


describe.each(databases())('console queues on %s', (target) => {
  const ctx = useEventsWorld(target)

  describe('活动审批: the organiser’s event list with filters', () => {
    const ids: Record<string, number> = {}
    beforeAll(async () => {
      const { district, logistics } = ctx.orgIds
      // waiting: a district event with approval, the member registered (pending)
      ids.waiting = (await createEvent(ctx.app, ctx.admin, event(district, { title: '技能大赛报名审核', kind: 'skills_competition', approvalMode: 'manual' }))).id
      expect((await register(ctx.app, ctx.member, ids.waiting)).status).toBe(200)
      // quiet: a training of 星河物流 two weeks later, nobody waiting
      ids.quiet = (await createEvent(ctx.app, ctx.admin, event(logistics, { title: '安全培训', kind: 'training', startsAt: iso(T0 + 14 * DAY), endsAt: iso(T0 + 14 * DAY + 2 * HOUR) }))).id
    })

    const listed = async (token: string, query: Record<string, string | number> = {}) =>
      (await ctx.app.ok(eventsApi.manageEvents, { token, query: { limit: 50, ...query } as never })).items.map((e) => e.id).filter((id) => Object.values(ids).includes(id))

    it('filters by waiting for approval, kind, union, phase and start dates', async () => {
      expect(await listed(ctx.admin)).toEqual([ids.quiet, ids.waiting])
      expect(await listed(ctx.admin, { pending: '1' })).toEqual([ids.waiting])
      expect(await listed(ctx.admin, { pending: '0' })).toEqual([ids.quiet])
      expect(await listed(ctx.admin, { kind: 'training' })).toEqual([ids.quiet])
      expect(await listed(ctx.admin, { orgId: ctx.orgIds.logistics })).toEqual([ids.quiet])
      expect(await listed(ctx.admin, { phase: 'upcoming' })).toEqual([ids.quiet, ids.waiting])
      expect(await listed(ctx.admin, { phase: 'ended' })).toEqual([])
      // the waiting event starts on 2026-11-30 (China), the training on 2026-12-07
      expect(await listed(ctx.admin, { from: '2026-11-30', to: '2026-11-30' })).toEqual([ids.waiting])
      expect(await listed(ctx.admin, { from: '2026-12-01' })).toEqual([ids.quiet])
    })

    it('keeps the keyset cursor under a filter', async () => {
      const first = await ctx.app.ok(eventsApi.manageEvents, { token: ctx.admin, query: { limit: 1, pending: '1' } })
      expect(first.items.every((e) => e.counts.pending > 0)).toBe(true)
      const seen = new Set(first.items.map((e) => e.id))
      let cursor = first.nextCursor
      while (cursor) {
        const next = await ctx.app.ok(eventsApi.manageEvents, { token: ctx.admin, query: { limit: 1, pending: '1', cursor } })
        for (const e of next.items) {
          expect(seen.has(e.id)).toBe(false)
          expect(e.counts.pending).toBeGreaterThan(0)
          seen.add(e.id)
        }
        cursor = next.nextCursor
      }
      expect(seen.has(ids.waiting)).toBe(true)
    })

    it('gives a sibling branch’s or a lower level’s admin none of the district’s events, and refuses their union filter', async () => {
      const park = await newUser(ctx.h, ctx.app, '园区管理员', { role: 'admin', orgName: '云溪科技园区工会' })
      const street = await newUser(ctx.h, ctx.app, '街道管理员', { role: 'admin', orgName: '青禾街道总工会' })
      expect(await listed(park.token)).toEqual([])
      expect(await listed(park.token, { pending: '1' })).toEqual([])
      // the street sees 星河物流's training (its subtree), never the district's own event
      expect(await listed(street.token)).toEqual([ids.quiet])
      for (const [token, orgId] of [[park.token, ctx.orgIds.logistics], [street.token, ctx.orgIds.district]] as const) {
        const res = await ctx.app.call(eventsApi.manageEvents, { token, query: { orgId } })
        expect(res.status).toBe(403)
        expect(res.body.reason).toBe('EVENTS_UNION_OUTSIDE')
      }
      // and cannot decide the district's pending registration
      const regs = await ctx.app.ok(eventsApi.manageRegistrations, { token: ctx.admin, params: { id: ids.waiting }, query: { status: 'pending' } })
      const decided = await ctx.app.call(eventsApi.decide, { token: street.token, params: { id: ids.waiting }, body: { ids: [regs.items[0].id], decision: 'approve' } })
      expect([403, 404]).toContain(decided.status)
    })

    it('approves the waiting registration from the console’s panel (the existing decision endpoint)', async () => {
      const regs = await ctx.app.ok(eventsApi.manageRegistrations, { token: ctx.admin, params: { id: ids.waiting }, query: { status: 'pending' } })
      const res = await ctx.app.ok(eventsApi.decide, { token: ctx.admin, params: { id: ids.waiting }, body: { ids: regs.items.map((r) => r.id), decision: 'approve' } })
      expect(res.results.every((r) => r.ok)).toBe(true)
      expect(await listed(ctx.admin, { pending: '1' })).toEqual([])
    })
  })

  describe('法律援助: the legal worklist with filters', () => {
    const ids: Record<string, number> = {}
    let legal: string
    beforeAll(async () => {
      legal = await ctx.app.login('legal')
      ctx.clock = T0 // Monday 2026-11-23
      ids.wages = (await ctx.app.ok(legalApi.create, { token: ctx.member, body: legalAsk() })).id
      ctx.clock = T0 + 2 * DAY // Wednesday 2026-11-25
      ids.injury = (await ctx.app.ok(legalApi.create, { token: ctx.member, body: legalAsk({ kind: 'injury', amount: null }) })).id
      await ctx.app.ok(legalApi.take, { token: legal, params: { id: ids.injury } })
    })

    const listed = async (token: string, query: Record<string, string | number> = {}) =>
      (await ctx.app.ok(legalApi.manageList, { token, query: { limit: 50, ...query } as never })).items.map((c) => c.id).filter((id) => Object.values(ids).includes(id))

    it('filters by dispute, state, union, request dates and overdue', async () => {
      ctx.clock = T0 + 2 * DAY + HOUR
      expect(await listed(legal)).toEqual([ids.wages, ids.injury])
      expect(await listed(legal, { kind: 'injury' })).toEqual([ids.injury])
      expect(await listed(legal, { status: 'submitted' })).toEqual([ids.wages])
      expect(await listed(legal, { status: 'in_progress' })).toEqual([ids.injury])
      expect(await listed(legal, { orgId: await orgIdOf(ctx.h, '星河物流有限公司工会') })).toEqual([ids.wages, ids.injury])
      expect(await listed(legal, { from: '2026-11-24' })).toEqual([ids.injury])
      expect(await listed(legal, { to: '2026-11-23' })).toEqual([ids.wages])
      // the wages case was not answered within a working day; the injury case was taken but not yet answered in time
      expect(await listed(legal, { filter: 'overdue', kind: 'unpaid_wages' })).toEqual([ids.wages])
      expect(await listed(legal, { filter: 'closed' })).toEqual([])
      const bad = await ctx.app.call(legalApi.manageList, { token: legal, query: { from: '25-11-2026' } as never })
      expect(bad.status).toBe(400)
      expect(bad.body.fields).toHaveProperty('from')
    })

    it('gives legal staff of a sibling branch or a lower union nothing, and refuses their union filter', async () => {
      const sibling = await newUser(ctx.h, ctx.app, '园区法律专员', { role: 'legal_staff', orgName: '云溪科技园区工会' })
      const lower = await newUser(ctx.h, ctx.app, '快递工会法律专员', { role: 'legal_staff', orgName: '云溪区快递行业联合工会' })
      for (const token of [sibling.token, lower.token]) {
        expect(await listed(token, { filter: 'all' })).toEqual([])
        const res = await ctx.app.call(legalApi.manageList, { token, query: { orgId: await orgIdOf(ctx.h, '星河物流有限公司工会') } })
        expect(res.status).toBe(403)
        expect(res.body.reason).toBe('LEGAL_UNION_OUTSIDE')
        expect((await ctx.app.call(legalApi.manageDetail, { token, params: { id: ids.wages } })).status).toBe(403)
      }
      const up = await ctx.app.call(legalApi.manageList, { token: legal, query: { orgId: ctx.orgIds.district } })
      expect(up.status).toBe(403)
    })
  })
})

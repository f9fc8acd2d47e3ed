/**
 * 活动报名 test fixtures: an event's input relative to one test clock (`T0`), a team event, and the few calls every
 * events test makes, typed by the contract. Override what a test is about; the rest is a plausible event.
 *
 *   const ctx = useEventsWorld(target)
 *   const ev = await createEvent(ctx.app, ctx.admin, event(ctx.orgIds.district, { capacity: 2, approvalMode: 'manual' }))
 *   const res = await register(ctx.app, ctx.member, ev.id, { answers: { q1: 'L' } })
 */
import { eventsApi } from '@contract/events/api'
import type { EventInput, RegisterBody } from '@contract/events/schemas'
import { orgs } from '../../src/db/schema'
import type { Db } from '../../src/db'
import { useDatabase, type DatabaseHandle, type DatabaseTarget, type TestApp } from '../harness'

/** The test clock's start: Monday 2026-11-23 10:00 China time. */
export const T0 = new Date('2026-11-23T10:00:00+08:00').getTime()
export const SEC = 1000
export const MIN = 60 * SEC
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR
export const iso = (ms: number): string => new Date(ms).toISOString()

export const PLACE = { name: '全民健身中心', address: '示例市云溪区青禾路 20 号', lat: 30.27, lng: 120.15 }

/**
 * An individual 文体活动 of `orgId` with 20 places: registration open from an hour before `at` (T0) until five days
 * after, held a week after it for eight hours.
 */
export function event(orgId: number, over: Partial<EventInput> = {}, at = T0): EventInput {
  return {
    kind: 'sports_culture',
    title: '职工趣味运动会',
    description: '趣味项目',
    orgId,
    startsAt: iso(at + 7 * DAY),
    endsAt: iso(at + 7 * DAY + 8 * HOUR),
    place: PLACE,
    capacity: 20,
    registrationOpensAt: iso(at - HOUR),
    registrationClosesAt: iso(at + 5 * DAY),
    ...over,
  }
}

/** The times of an event held the day after T0 (three hours; registration until 12 h after T0; check-in from 30 min before). */
export const nextDay = (): Partial<EventInput> => ({
  startsAt: iso(T0 + DAY),
  endsAt: iso(T0 + DAY + 3 * HOUR),
  registrationClosesAt: iso(T0 + 12 * HOUR),
  checkinOpensMinutes: 30,
})

/** A team event (拔河): 10 places for teams of 2–3, confirmed without review once complete. */
export function teamEvent(orgId: number, over: Partial<EventInput> = {}, at = T0): EventInput {
  return event(orgId, {
    title: '职工拔河比赛',
    endsAt: iso(at + 7 * DAY + 4 * HOUR),
    capacity: 10,
    entryMode: 'team',
    teamMinSize: 2,
    teamMaxSize: 3,
    approvalMode: 'auto',
    ...over,
  }, at)
}

/** The demo unions events tests use: the district, 星河物流 under it, the express union, the gig-workers' union. */
export type DemoOrgs = { district: number; logistics: number; express: number; gig: number }

/** The ids of the DemoOrgs in the seeded database. */
export async function demoOrgs(db: Db): Promise<DemoOrgs> {
  const rows = await db.select({ id: orgs.id, name: orgs.name, kind: orgs.kind }).from(orgs)
  const by = (s: string) => rows.find((r) => r.name.includes(s))!.id
  return { district: rows.find((r) => r.kind === 'district')!.id, logistics: by('星河物流'), express: by('快递行业'), gig: by('新就业形态') }
}

/** What an events test file works with; `useEventsWorld`'s hooks fill it in before the tests. */
export interface EventsWorld {
  readonly h: DatabaseHandle
  /** The test app; it reads `clock` as the time. */
  app: TestApp
  /** Sessions of 管理员·周 (organises the district's events) and of 李晓梅 (a member of 星河物流). */
  admin: string
  member: string
  orgIds: DemoOrgs
  /** The app's time (ms): back at T0 before each test; set it to move time on. */
  clock: number
}

/**
 * The setup every events test file shares: a database with the demo seed, an app on the test clock (rate limits out
 * of the way), the admin's and a member's sessions, the demo unions. `appPerTest`: a fresh app before each test, so
 * its per-IP rate-limit counters start empty (every request comes from 127.0.0.1).
 */
export function useEventsWorld(target: DatabaseTarget, options: { appPerTest?: boolean } = {}): EventsWorld {
  const h = useDatabase(target)
  const world = { h, clock: T0 } as EventsWorld
  const start = () => h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now: () => world.clock })
  beforeAll(async () => {
    world.app = await start()
    world.admin = await world.app.login('admin')
    world.member = await world.app.login('member')
    world.orgIds = await demoOrgs(h.database.db)
  })
  beforeEach(async () => {
    world.clock = T0
    if (options.appPerTest) world.app = await start()
  })
  return world
}

/** Creates the event as `token` (an organiser); fails the test unless created. */
export const createEvent = (app: TestApp, token: string, input: EventInput) => app.ok(eventsApi.createEvent, { body: input, token })

/** Registers `token` for the event (no answers unless given). */
export const register = (app: TestApp, token: string, id: number, body: RegisterBody = {}) =>
  app.call(eventsApi.register, { params: { id }, body, token })

/** The member's own registration. */
export const registrationOf = (app: TestApp, token: string, id: number) => app.call(eventsApi.registration, { params: { id }, token })

/** The member's check-in code for their registration. */
export const checkinCodeOf = (app: TestApp, token: string, id: number) => app.call(eventsApi.checkinCode, { params: { id }, token })

/** A multipart form with one `file` field, for POST /api/events/uploads. */
export function fileForm(bytes: BlobPart, name = 'cert.png', type = 'image/png'): FormData {
  const form = new FormData()
  form.append('file', new Blob([bytes], { type }), name)
  return form
}

/** The smallest bytes that sniff as a PNG. */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3, 4])

/**
 * 活动报名 test fixtures: an event's input relative to one test clock (`T0`), a team event, and the few calls every
 * events test makes, typed by the contract. Override what a test is about; the rest is a plausible event.
 *
 *   const ev = await createEvent(app, admin, event(orgs.district, { capacity: 2, approvalMode: 'manual' }))
 *   const res = await register(app, member, ev.id, { answers: { q1: 'L' } })
 */
import { eventsApi } from '@contract/events/api'
import type { EventInput, RegisterBody } from '@contract/events/schemas'
import { orgs } from '../../src/db/schema'
import type { Db } from '../../src/db'
import type { TestApp } from '../harness'

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
export async function demoOrgs(db: Db): Promise<{ district: number; logistics: number; express: number; gig: number }> {
  const rows = await db.select({ id: orgs.id, name: orgs.name, kind: orgs.kind }).from(orgs)
  const by = (s: string) => rows.find((r) => r.name.includes(s))!.id
  return { district: rows.find((r) => r.kind === 'district')!.id, logistics: by('星河物流'), express: by('快递行业'), gig: by('新就业形态') }
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

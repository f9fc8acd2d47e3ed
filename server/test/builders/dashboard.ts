/**
 * 数据看板 test world: dated rows in two branches of the seeded tree (in, before and after the range; at its edges),
 * and the oracle — every figure recounted from plain rows in JS (no GROUP BY, its own date arithmetic), so a figure
 * the service computes wrongly differs from it.
 */
import { randomUUID } from 'node:crypto'
import type { DatabaseHandle } from '../harness'
import { at, DAY, HOUR } from './relief'
import { orgIdOf, rawRows, sql } from './membership'
import {
  eventRegistrations,
  events,
  legalCases,
  membershipApplications,
  memberships,
  reliefApplications,
  reliefEvents,
  users,
  venues,
  voucherCampaignVenues,
  voucherCampaigns,
  vouchers,
} from '../../src/db/schema'
import { addWorkingDays } from '../../src/modules/calendar'
import { chinaMonth } from '../../src/time'

/** Friday 2026-11-20 10:00 China time. */
export const NOW = at('2026-11-20T10:00:00')
export const RANGE = { from: '2026-09-01', to: '2026-11-30' }
const START = at('2026-09-01T00:00:00')
const END = at('2026-12-01T00:00:00')

export const UNIONS = {
  district: '云溪区总工会',
  street: '青禾街道总工会',
  park: '云溪科技园区工会',
  logistics: '星河物流有限公司工会',
  express: '云溪区快递行业联合工会',
  gig: '云溪区新就业形态劳动者联合工会',
} as const
type U = keyof typeof UNIONS

export async function seedDashboardWorld(h: DatabaseHandle): Promise<void> {
  const db = h.database.db
  const org = {} as Record<U, number>
  for (const k of Object.keys(UNIONS) as U[]) org[k] = await orgIdOf(h, UNIONS[k])
  const person = async () => (await db.insert(users).values({ openid: `dash:${randomUUID()}`, nickname: '看板测试' }).returning({ id: users.id }))[0].id
  const d = (local: string) => new Date(at(local))

  // ---- members ----
  const members: [U, (typeof memberships.$inferInsert)['employmentType'], string][] = [
    ['logistics', 'employee', '2026-08-15T10:00:00'],
    ['logistics', 'delivery', '2026-09-03T10:00:00'],
    ['logistics', 'courier', '2026-10-31T23:30:00'],
    ['logistics', 'employee', '2026-11-30T23:00:00'],
    ['express', 'delivery', '2026-09-01T00:10:00'],
    ['express', 'employee', '2026-12-01T00:00:00'],
    ['gig', 'ride_hailing', '2026-08-31T23:59:00'],
    ['gig', 'delivery', '2026-10-10T12:00:00'],
    ['street', 'employee', '2026-10-01T09:00:00'],
    ['park', 'truck', '2026-11-11T11:00:00'],
  ]
  for (const [u, employmentType, joined] of members) {
    const tag = randomUUID()
    await db.insert(memberships).values({ userId: await person(), idHash: tag, idNumberEnc: 'x', memberNo: `D${tag.slice(0, 12)}`, name: '看板会员', orgId: org[u], employmentType, joinedAt: d(joined) })
  }

  // ---- joining applications ----
  const applications: [U, 'submitted' | 'approved' | 'rejected', string, string | null][] = [
    ['logistics', 'submitted', '2026-11-10T09:00:00', null],
    ['logistics', 'submitted', '2026-11-19T09:00:00', null],
    ['express', 'approved', '2026-09-02T10:00:00', '2026-09-03T12:00:00'],
    ['gig', 'rejected', '2026-10-05T08:00:00', '2026-10-09T08:00:00'],
    ['gig', 'approved', '2026-08-20T08:00:00', '2026-09-01T09:00:00'],
    ['park', 'submitted', '2026-11-16T10:00:00', null],
  ]
  for (const [u, status, submitted, decided] of applications) {
    await db.insert(membershipApplications).values({
      userId: await person(), name: '看板申请', idNumberEnc: 'x', idHash: randomUUID(), phoneEnc: 'x', birthDate: '1990-01-01', gender: 'male',
      employmentType: 'delivery', orgId: org[u], status, submittedAt: d(submitted), decidedAt: decided ? d(decided) : null,
    })
  }

  // ---- vouchers ----
  const venue = async (u: U, name: string) =>
    (await db.insert(venues).values({ orgId: org[u], name, address: '示例路 1 号', lat: 30.2, lng: 120.1 }).returning({ id: venues.id }))[0].id
  const v1 = await venue('logistics', '看板影城')
  const v2 = await venue('logistics', '看板泳馆')
  const v3 = await venue('gig', '看板球馆')
  const campaign = async (u: U, title: string, opens: string, closes: string, venueIds: number[]) => {
    const [c] = await db
      .insert(voucherCampaigns)
      .values({ kind: 'movie', title, orgId: org[u], totalStock: 100, shards: 1, opensAt: d(opens), closesAt: d(closes), voucherValidDays: 30, mode: 'first_come', limitCount: 5, limitPeriod: 'campaign' })
      .returning({ id: voucherCampaigns.id })
    await db.insert(voucherCampaignVenues).values(venueIds.map((venueId, position) => ({ campaignId: c.id, venueId, position })))
    return c.id
  }
  const c1 = await campaign('logistics', '看板观影券', '2026-09-01T00:00:00', '2026-12-31T00:00:00', [v1, v2])
  const c2 = await campaign('gig', '看板球馆券', '2026-10-01T00:00:00', '2026-12-31T00:00:00', [v3])
  const c3 = await campaign('logistics', '看板夏季券', '2026-06-01T00:00:00', '2026-07-31T00:00:00', [v1])
  const voucher = async (campaignId: number, claimed: string, state: 'unused' | 'used' | 'returned', o: { usedAt?: number; validUntil?: string; venueId?: number } = {}) =>
    db.insert(vouchers).values({
      campaignId, userId: await person(), code: randomUUID(), shard: 0, quotaScope: 'campaign', state, claimedAt: d(claimed),
      validUntil: d(o.validUntil ?? '2026-12-31T00:00:00'), venueId: o.venueId ?? null, usedVenueId: o.usedAt ?? null,
      usedAt: state === 'used' ? d(claimed) : null,
    })
  await voucher(c1, '2026-09-10T10:00:00', 'used', { usedAt: v1 })
  await voucher(c1, '2026-10-10T10:00:00', 'used', { usedAt: v2 })
  await voucher(c1, '2026-10-01T10:00:00', 'unused', { validUntil: '2026-11-01T00:00:00' })
  await voucher(c1, '2026-11-01T10:00:00', 'unused')
  await voucher(c1, '2026-10-02T10:00:00', 'returned')
  await voucher(c1, '2026-08-20T10:00:00', 'used', { usedAt: v1 })
  await voucher(c1, '2026-11-02T10:00:00', 'unused', { venueId: v2 })
  await voucher(c2, '2026-10-15T10:00:00', 'used', { usedAt: v3 })
  await voucher(c3, '2026-07-01T10:00:00', 'used', { usedAt: v1 })

  // ---- events ----
  const event = async (u: U, title: string, starts: string, regs: (typeof eventRegistrations.$inferInsert)['status'][]) => {
    const s = at(starts)
    const [e] = await db
      .insert(events)
      .values({
        kind: 'sports_culture', title, orgId: org[u], startsAt: new Date(s), endsAt: new Date(s + 3 * HOUR), place: { name: '看板礼堂', address: '示例路 2 号', lat: 30.2, lng: 120.1 },
        capacity: 50, registrationOpensAt: new Date(s - 20 * DAY), registrationClosesAt: new Date(s - DAY), entryMode: 'individual', approvalMode: 'auto',
        cancelCutoffHours: 2, checkinOpensMinutes: 30, questions: [],
      } as typeof events.$inferInsert)
      .returning({ id: events.id })
    for (const status of regs) await db.insert(eventRegistrations).values({ eventId: e.id, userId: await person(), status, answers: {}, createdAt: new Date(s - 5 * DAY) })
  }
  await event('logistics', '看板读书会', '2026-10-10T14:00:00', ['checked_in', 'checked_in', 'confirmed', 'pending', 'cancelled', 'waitlisted'])
  await event('gig', '看板骑手座谈', '2026-11-25T14:00:00', ['confirmed', 'confirmed'])
  await event('logistics', '看板夏日跑', '2026-08-01T08:00:00', ['checked_in'])

  // ---- relief ----
  const reliefCase = async (u: U, typeKey: string, stage: (typeof reliefApplications.$inferInsert)['stage'], submitted: string | null, since: string, amount: number | null) =>
    (await db
      .insert(reliefApplications)
      .values({ userId: await person(), typeKey, orgId: org[u], stage, fields: {}, documents: {}, submissionCount: 1, submittedAt: submitted ? d(submitted) : null, stageSince: d(since), amount })
      .returning({ id: reliefApplications.id }))[0].id
  const step = (applicationId: number, kind: 'district_approved' | 'paid', when: string) => db.insert(reliefEvents).values({ applicationId, kind, at: d(when) })
  await reliefCase('logistics', 'serious_illness', 'base_review', '2026-11-02T09:00:00', '2026-11-02T09:00:00', null)
  await reliefCase('logistics', 'hardship', 'district_review', '2026-11-05T09:00:00', '2026-11-19T09:00:00', null)
  const r3 = await reliefCase('express', 'serious_illness', 'paid', '2026-09-05T09:00:00', '2026-10-08T09:00:00', 3000)
  await step(r3, 'district_approved', '2026-09-20T09:00:00')
  await step(r3, 'paid', '2026-10-08T09:00:00')
  const r4 = await reliefCase('gig', 'gig_accident', 'approved', '2026-10-01T09:00:00', '2026-10-15T09:00:00', 2000)
  await step(r4, 'district_approved', '2026-10-15T09:00:00')
  await reliefCase('logistics', 'serious_illness', 'rejected', '2026-08-10T09:00:00', '2026-08-20T09:00:00', null)
  await reliefCase('logistics', 'serious_illness', 'draft', null, '2026-11-01T09:00:00', null)

  // ---- legal aid ----
  const legalCase = async (u: U, status: (typeof legalCases.$inferInsert)['status'], created: string, due: string, answered: string | null) =>
    db.insert(legalCases).values({
      userId: await person(), orgId: org[u], kind: 'unpaid_wages', employer: '看板公司', descriptionEnc: 'x', contactPref: 'phone', contactTime: 'any',
      status, createdAt: d(created), firstResponseDue: d(due), firstResponseAt: answered ? d(answered) : null,
    } as typeof legalCases.$inferInsert)
  await legalCase('logistics', 'submitted', '2026-11-10T10:00:00', '2026-11-11T10:00:00', null)
  await legalCase('gig', 'closed', '2026-10-01T10:00:00', '2026-10-02T10:00:00', '2026-10-01T12:00:00')
  await legalCase('express', 'in_progress', '2026-09-15T10:00:00', '2026-09-16T10:00:00', '2026-09-15T15:00:00')
}

// ---------------------------------------------------------------------------------------------------------------
// The oracle: plain rows, counted in JS.

type Row = Record<string, unknown>
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : new Date(v as string).getTime())
const inRange = (v: unknown) => {
  const t = ms(v)
  return t !== null && t >= START && t < END
}
const tally = (xs: string[]) => xs.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>())

export async function oracle(h: DatabaseHandle, rootPath: string) {
  const q = async (table: string, orgColumn = 'org_id', extra = '') =>
    (await rawRows<Row>(h, sql.raw(`select t.*, o.path as org_path from ${table} t join orgs o on o.id = t.${orgColumn} ${extra}`))).filter((r) =>
      String(r.org_path).startsWith(rootPath),
    )
  const m = (await q('memberships')).filter((r) => ms(r.joined_at)! < END)
  const apps = await q('membership_applications')
  const rel = await q('relief_applications')
  const relEvents = await rawRows<Row>(h, sql.raw(`select e.kind, e.at, a.amount, o.path from relief_events e join relief_applications a on a.id = e.application_id join orgs o on o.id = a.org_id`))
  const legal = await q('legal_cases')
  const stations = await q('stations')
  const campaigns = (await q('voucher_campaigns')).filter((c) => ms(c.opens_at)! < END && ms(c.closes_at)! >= START)
  const allVouchers = await rawRows<Row>(h, sql.raw('select * from vouchers'))
  const campaignVenues = await rawRows<Row>(h, sql.raw('select cv.campaign_id, cv.venue_id, v.name from voucher_campaign_venues cv join venues v on v.id = cv.venue_id'))
  const ev = (await q('events')).filter((e) => inRange(e.starts_at))
  const regs = await rawRows<Row>(h, sql.raw('select * from event_registrations'))

  const depth = rootPath.split('/').filter(Boolean).length
  const childOf = (path: unknown) => String(path).split('/').filter(Boolean)[depth] ?? 'self'
  const pending = apps.filter((a) => a.status === 'submitted')
  const decided = apps.filter((a) => a.status !== 'submitted' && inRange(a.decided_at)).map((a) => (ms(a.decided_at)! - ms(a.submitted_at)!) / HOUR).sort((x, y) => x - y)
  const median = decided.length === 0 ? null : decided.length % 2 ? decided[(decided.length - 1) / 2] : (decided[decided.length / 2 - 1] + decided[decided.length / 2]) / 2
  const submittedRelief = rel.filter((r) => r.stage !== 'draft' && inRange(r.submitted_at))
  const typeRows = await rawRows<{ key: string; config: { reviewWorkingDays: { base: number; district: number } } }>(h, sql.raw('select key, config from relief_aid_types'))
  const reliefDue = (r: Row) => {
    const days = typeRows.find((t) => t.key === r.type_key)!.config.reviewWorkingDays
    return addWorkingDays(new Date(ms(r.stage_since)!), r.stage === 'base_review' ? days.base : days.district).getTime()
  }
  const campaignIds = new Set(campaigns.map((c) => c.id))
  const vouchersInRange = allVouchers.filter((v) => campaignIds.has(v.campaign_id) && inRange(v.claimed_at))
  const venueStats = new Map<number, { name: string; usable: number; redeemed: number }>()
  for (const cv of campaignVenues.filter((x) => campaignIds.has(x.campaign_id))) {
    for (const v of vouchersInRange.filter((x) => x.campaign_id === cv.campaign_id && x.state !== 'returned' && (x.venue_id === null || x.venue_id === cv.venue_id))) {
      const s = venueStats.get(cv.venue_id as number) ?? { name: String(cv.name), usable: 0, redeemed: 0 }
      s.usable++
      if (v.state === 'used' && v.used_venue_id === cv.venue_id) s.redeemed++
      venueStats.set(cv.venue_id as number, s)
    }
  }
  const eventRegs = regs.filter((r) => ev.some((e) => e.id === r.event_id))
  const endsOf = new Map(ev.map((e) => [e.id, ms(e.ends_at)!]))
  return {
    members: {
      total: m.length,
      newInRange: m.filter((r) => inRange(r.joined_at)).length,
      gig: m.filter((r) => r.employment_type !== 'employee').length,
      byMonth: tally(m.filter((r) => inRange(r.joined_at)).map((r) => chinaMonth(ms(r.joined_at)!))),
      byType: tally(m.map((r) => String(r.employment_type))),
      byUnion: tally(m.map((r) => childOf(r.org_path))),
    },
    joining: {
      byStatus: tally(apps.filter((a) => inRange(a.submitted_at)).map((a) => String(a.status))),
      medianDecisionHours: median === null ? null : Math.round(median * 10) / 10,
      decidedInRange: decided.length,
      pendingNow: pending.length,
      overdueNow: pending.filter((a) => NOW > addWorkingDays(new Date(ms(a.submitted_at)!), 3).getTime()).length,
    },
    vouchers: {
      byCampaign: new Map(
        campaigns.map((c) => {
          const vs = vouchersInRange.filter((v) => v.campaign_id === c.id)
          return [c.id as number, {
            issued: vs.length,
            redeemed: vs.filter((v) => v.state === 'used').length,
            expired: vs.filter((v) => v.state === 'unused' && ms(v.valid_until)! < NOW).length,
            returned: vs.filter((v) => v.state === 'returned').length,
          }]
        }),
      ),
      byVenue: venueStats,
    },
    events: {
      events: ev.length,
      registrations: eventRegs.filter((r) => ['pending', 'confirmed', 'checked_in'].includes(String(r.status))).length,
      checkedIn: eventRegs.filter((r) => r.status === 'checked_in').length,
      noShows: eventRegs.filter((r) => r.status === 'confirmed' && endsOf.get(r.event_id)! <= NOW).length,
    },
    relief: {
      byStage: tally(submittedRelief.map((r) => String(r.stage))),
      byType: tally(submittedRelief.map((r) => String(r.type_key))),
      approvedByMonth: relEvents
        .filter((e) => e.kind === 'district_approved' && inRange(e.at) && String(e.path).startsWith(rootPath))
        .reduce((acc, e) => acc.set(chinaMonth(ms(e.at)!), (acc.get(chinaMonth(ms(e.at)!)) ?? 0) + Number(e.amount ?? 0)), new Map<string, number>()),
      paidByMonth: relEvents
        .filter((e) => e.kind === 'paid' && inRange(e.at) && String(e.path).startsWith(rootPath))
        .reduce((acc, e) => acc.set(chinaMonth(ms(e.at)!), (acc.get(chinaMonth(ms(e.at)!)) ?? 0) + Number(e.amount ?? 0)), new Map<string, number>()),
      overdueNow: rel.filter((r) => (r.stage === 'base_review' || r.stage === 'district_review') && NOW > reliefDue(r)).length,
    },
    legal: {
      byStatus: tally(legal.filter((c) => inRange(c.created_at)).map((c) => String(c.status))),
      overdueNow: legal.filter((c) => c.status !== 'closed' && c.first_response_at === null && ms(c.first_response_due)! < NOW).length,
    },
    stations: { total: stations.length, byStatus: tally(stations.map((s) => String(s.status))) },
  }
}

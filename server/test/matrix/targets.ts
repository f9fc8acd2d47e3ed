/* eslint-disable @typescript-eslint/no-explicit-any -- fixture responses are read loosely */
/**
 * The targets of the matrix, all in union A (星河物流有限公司工会) or owned by memberA: a campaign and a voucher, an
 * event and a registration, a joining application, a merchant offer, relief cases. Created through the API as the
 * people who would create them, so each is exactly what the product makes.
 */
import { checkDigit } from '@contract/membership/idcard'
import type { TestApp } from '../harness'
import { PNG, VALID, fill } from '../relief-fixtures'
import type { Cast } from './world'
import type { EventInput } from '@contract/events/schemas'
import { event } from '../builders/events'
import { campaign, type CampaignBody } from '../builders/vouchers'
import { memberships, stations, userRoles, users } from '../../src/db/schema'
import { CLOSED_NOW_STATION } from '../../src/seed-stations'
import { eq } from 'drizzle-orm'

export const T0 = Date.parse('2026-11-20T02:00:00Z')
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()

export interface Targets {
  venues: { A: number; B: number }
  /** 退会 of a member of union A outside the matrix (confirming it changes no persona's seat). */
  departureA: number
  /** memberA's data copy (下载我的数据). */
  exportA: number
  /** 更正 requests of two members of union A outside the matrix: one to approve, one to reject. */
  correctionA: number
  correctionA2: number
  teamEventA: number
  /** memberA's team registration (memberA is its captain) */
  teamA: number
  inviteA: { id: number; code: string }
  /** memberA's membership of the team (the captain's row, for 移出) */
  captainMemberA: number
  campaignA: number
  lotteryA: number
  voucherA: { id: number; code: string }
  eventA: number
  registrationA: number
  /** 在线预约: a service of union A, a slot of it two days after T0, memberA's booking of that slot */
  serviceA: number
  slotA: number
  bookingA: number
  /** another slot of serviceA, three days after T0, booked by memberA (取消时段 cancels it) */
  slotA2: number
  joinA: number
  offerA: number
  /** memberA's relief application in 初审 (base_review). */
  reliefBaseA: number
  /** memberA's draft relief application. */
  reliefDraftA: number
  /** a file memberA uploaded (served through signed links) */
  fileA: string
  /** an open invitation to be reviewer of union A (by the district admin) */
  staffInviteA: { id: number; code: string }
  /** an invitation to union A already revoked (accepting it: 410 for everyone) */
  staffInviteGone: string
  /** someone outside the matrix who is reviewer of union A (so revoking a role changes no persona's seat) */
  staffVictim: number
  /** memberA's legal-aid consultation (submitted, not taken) */
  legalCaseA: number
  /** memberA's second consultation, taken by the district admin (for 结案: the first who may close it does) */
  legalCaseA2: number
  /** 星河广场爱心驿站 (union A's) and an open problem report there by memberA */
  stationA: number
  stationReportA: number
  /** memberA's problem report at station A held by content review (a word of the local list: WeChat is off here) */
  moderationItemA: number
}

async function ok(app: TestApp, method: string, url: string, token: string | null, body?: unknown): Promise<any> {
  const res = await app.request(method, url, { token: token ?? undefined, body })
  if (res.status !== 200) throw new Error(`${method} ${url} → ${res.status} ${res.text}`)
  return res.body
}

/** A first-come campaign of `orgId` at the two seeded venues (A: 云溪影城, B: 星光电影院, both of the district). */
export const campaignInput = (orgId: number, venues: { A: number; B: number }, over: Partial<CampaignBody> = {}) =>
  campaign(
    {
      kind: 'gym',
      title: '矩阵健身券',
      rules: '每人限领 1 张',
      orgId,
      venues: [{ venueId: venues.A }, { venueId: venues.B }],
      perMemberLimit: { count: 1, period: 'campaign' },
      ...over,
    },
    T0,
  )

export const eventInput = (orgId: number, over: Partial<EventInput> = {}) => event(orgId, { title: '矩阵运动会', ...over }, T0)

/** A slot `days` after T0, two hours, 10 places. */
export const bookingSlotInput = (days: number) => ({ startsAt: iso(T0 + days * DAY), endsAt: iso(T0 + days * DAY + 2 * HOUR), place: '矩阵停车场', capacity: 10 })

export const merchantInput = (orgId: number, over: Record<string, unknown> = {}) => ({
  name: '矩阵水果店',
  category: 'food',
  offer: '会员 9 折',
  validFrom: '2026-11-01',
  validTo: '2027-11-01',
  address: '示例市云溪区青禾路 3 号',
  lat: 30.27,
  lng: 120.15,
  orgId,
  ...over,
})

const idNumberOf = (n: number) => {
  const body = `1101051985010${String(n).padStart(4, '0')}`
  return body + checkDigit(body)
}

const APPLICANT_ID = (() => {
  const body = '11010519850101123'
  return body + checkDigit(body)
})()

export async function makeTargets(app: TestApp, cast: Cast, venues: { A: number; B: number }): Promise<Targets> {
  const t = cast.tokens
  const admin = t.districtAdmin
  const campaign = await ok(app, 'POST', '/api/vouchers/manage/campaigns', admin, campaignInput(cast.orgs.unionA, venues))
  const lottery = await ok(
    app,
    'POST',
    '/api/vouchers/manage/campaigns',
    admin,
    campaignInput(cast.orgs.unionA, venues, { title: '矩阵抽签券', mode: 'lottery', opensAt: iso(T0 + 2 * DAY), closesAt: iso(T0 + 3 * DAY) }),
  )
  const claimed = await ok(app, 'POST', `/api/vouchers/campaigns/${campaign.id}/claim`, t.memberA)
  const event = await ok(app, 'POST', '/api/events/manage/events', admin, eventInput(cast.orgs.unionA))
  const registration = await ok(app, 'POST', `/api/events/${event.id}/registrations`, t.memberA, { answers: {} })
  const teamEvent = await ok(
    app,
    'POST',
    '/api/events/manage/events',
    admin,
    eventInput(cast.orgs.unionA, { title: '矩阵拔河赛', entryMode: 'team', teamMinSize: 2, teamMaxSize: 4 }),
  )
  const teamReg = await ok(app, 'POST', `/api/events/${teamEvent.id}/registrations`, t.memberA, { answers: {}, team: { name: '矩阵队' } })
  const team = await ok(app, 'GET', `/api/events/teams/${teamReg.id}`, t.memberA)
  const join = await ok(app, 'POST', '/api/membership/applications', cast.applicantToken, {
    name: '王小骑',
    idNumber: APPLICANT_ID,
    phone: '13912345678',
    noFixedEmployer: true,
    employmentType: 'delivery',
    orgId: cast.orgs.unionA,
    consentSensitive: true,
  })
  const offer = await ok(app, 'POST', '/api/merchants', admin, merchantInput(cast.orgs.unionA))
  const service = await ok(app, 'POST', '/api/bookings/manage/services', admin, { orgId: cast.orgs.unionA, kind: 'health_bus', title: '矩阵体检车' })
  const slot = await ok(app, 'POST', `/api/bookings/manage/services/${service.id}/slots`, admin, bookingSlotInput(2))
  const booking = await ok(app, 'POST', `/api/bookings/slots/${slot.id}/book`, t.memberA)
  const slot2 = await ok(app, 'POST', `/api/bookings/manage/services/${service.id}/slots`, admin, bookingSlotInput(3))
  await ok(app, 'POST', `/api/bookings/slots/${slot2.id}/book`, t.memberA)
  const draft = await ok(app, 'POST', '/api/relief/applications', t.memberA, { typeKey: 'travel_subsidy' })
  const base = await ok(app, 'POST', '/api/relief/applications', t.memberA, { typeKey: 'hardship' })
  const types = await ok(app, 'GET', '/api/relief/types', t.memberA)
  const hardship = types.items.find((x: any) => x.key === 'hardship')
  await fill(app, t.memberA!, base.id, VALID.hardship, hardship.documents.filter((d: any) => d.required).map((d: any) => d.key))
  await ok(app, 'POST', `/api/relief/applications/${base.id}/submit`, t.memberA)
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'proof.png')
  const file = await app.request('POST', '/api/relief/files', { token: t.memberA!, raw: fd })
  if (file.status !== 200) throw new Error(`upload → ${file.status}`)
  const staffInvite = await ok(app, 'POST', '/api/staff/invitations', admin, { role: 'reviewer', orgId: cast.orgs.unionA, note: '矩阵邀请' })
  const gone = await ok(app, 'POST', '/api/staff/invitations', admin, { role: 'reviewer', orgId: cast.orgs.unionA, note: '矩阵邀请（已撤回）' })
  await ok(app, 'DELETE', `/api/staff/invitations/${gone.id}`, admin)
  const db = app.app.deps.db
  const [victim] = await db.insert(users).values({ openid: 'matrix:staff-victim', nickname: '矩阵·审核员' }).returning({ id: users.id })
  await db.insert(userRoles).values({ userId: victim.id, orgId: cast.orgs.unionA, role: 'reviewer' })
  const legal = await ok(app, 'POST', '/api/legal/cases', t.memberA, {
    kind: 'unpaid_wages',
    employer: '矩阵用人单位',
    amount: 1000,
    description: '矩阵：拖欠工资一个月，多次催讨未果。',
    contactPref: 'online',
    contactTime: 'any',
  })
  const legal2 = await ok(app, 'POST', '/api/legal/cases', t.memberA, {
    kind: 'contract',
    employer: '矩阵用人单位',
    description: '矩阵：劳动合同到期不续签，也不给补偿。',
    contactPref: 'online',
    contactTime: 'any',
  })
  await ok(app, 'POST', `/api/legal/manage/cases/${legal2.id}/take`, admin)
  const [stationA] = await db.select({ id: stations.id }).from(stations).where(eq(stations.name, CLOSED_NOW_STATION))
  const stationReport = await ok(app, 'POST', `/api/stations/${stationA.id}/reports`, t.memberA, { description: '矩阵问题反馈' })
  await ok(app, 'POST', `/api/stations/${stationA.id}/reports`, t.memberA, { description: '矩阵：有人在驿站门口招揽刷单' })
  const held = await ok(app, 'GET', '/api/moderation/items', admin)
  const [leaver] = await db.insert(users).values({ openid: 'matrix:leaver', nickname: '矩阵退会会员' }).returning({ id: users.id })
  await db.insert(userRoles).values({ userId: leaver.id, orgId: cast.orgs.unionA, role: 'member' })
  await db.insert(memberships).values({
    userId: leaver.id,
    idHash: 'matrix-leaver-hash',
    idNumberEnc: app.app.deps.cipher.encrypt(idNumberOf(99)),
    memberNo: 'MX000099',
    name: '矩阵退会会员',
    orgId: cast.orgs.unionA,
    employmentType: 'employee',
    joinedAt: new Date(T0),
  })
  const leaverToken = (await app.app.deps.sessions.create(db, leaver.id)).token
  const departure = await ok(app, 'POST', '/api/privacy/departure', leaverToken, { reason: '矩阵退会' })
  const dataCopy = await ok(app, 'POST', '/api/privacy/exports', t.memberA)
  const corrections: number[] = []
  for (const n of [98, 97]) {
    const [who] = await db.insert(users).values({ openid: `matrix:corrector${n}`, nickname: `矩阵更正会员${n}` }).returning({ id: users.id })
    await db.insert(userRoles).values({ userId: who.id, orgId: cast.orgs.unionA, role: 'member' })
    await db.insert(memberships).values({
      userId: who.id,
      idHash: `matrix-corrector-hash-${n}`,
      idNumberEnc: app.app.deps.cipher.encrypt(idNumberOf(n)),
      memberNo: `MX0000${n}`,
      name: '矩阵更正会员',
      orgId: cast.orgs.unionA,
      employmentType: 'employee',
      joinedAt: new Date(T0),
    })
    const whoToken = (await app.app.deps.sessions.create(db, who.id)).token
    corrections.push((await ok(app, 'POST', '/api/privacy/correction', whoToken, { name: '矩阵更正后' })).id)
  }
  return {
    departureA: departure.id,
    exportA: dataCopy.id,
    correctionA: corrections[0],
    correctionA2: corrections[1],
    moderationItemA: held.items[0].id,
    legalCaseA: legal.id,
    legalCaseA2: legal2.id,
    stationA: stationA.id,
    stationReportA: stationReport.id,
    staffInviteA: { id: staffInvite.id, code: staffInvite.code },
    staffInviteGone: gone.code,
    staffVictim: victim.id,
    venues,
    teamEventA: teamEvent.id,
    teamA: teamReg.id,
    inviteA: { id: team.invites[0].id, code: team.invites[0].code },
    captainMemberA: team.team.members[0].id,
    fileA: file.body.id,
    campaignA: campaign.id,
    lotteryA: lottery.id,
    voucherA: { id: claimed.voucher.id, code: claimed.voucher.code },
    eventA: event.id,
    registrationA: registration.id,
    joinA: join.id,
    offerA: offer.id,
    serviceA: service.id,
    slotA: slot.id,
    bookingA: booking.id,
    slotA2: slot2.id,
    reliefBaseA: base.id,
    reliefDraftA: draft.id,
  }
}

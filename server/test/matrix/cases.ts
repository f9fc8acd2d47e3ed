/**
 * One case per endpoint of the contract: the request (on union A's targets) and the status every persona must get.
 * Cases run in this order; within a case, the refused personas go first and the allowed ones in PERSONAS order, so a
 * mutation is made once by the first allowed persona (later ones see its effect, e.g. 409 already decided).
 */
import type { PersonaKey } from './world'
import type { Cast } from './world'
import type { Targets } from './targets'
import { bookingSlotInput, campaignInput, eventInput, merchantInput, T0 } from './targets'
import { ADMINS, ADMINS_ELSEWHERE, ADMINS_OVER_A, KEEPERS, MEMBERS, REVIEWERS, STAFF, VENUE_STAFF, everyone, grid, type Row } from './grid'
import { randomUUID } from 'node:crypto'
import { PNG } from '../relief-fixtures'
import { rosterCsv, rosterForm, rosterId, rosterLine } from '../builders/roster'
import { unionsCsv } from '../builders/unions'
import { sheetForm, stationInput, stationsCsv } from '../builders/stations'

export interface CallSpec {
  params?: Record<string, string | number>
  query?: Record<string, string | number>
  body?: unknown
  /** multipart form data, made fresh for each call */
  form?: () => FormData
  headers?: Record<string, string>
  /** a token of its own for this call (e.g. logout must not end the persona's session) */
  token?: (who: PersonaKey) => Promise<string | null>
}

export interface World {
  cast: Cast
  t: Targets
  /** a fresh session of the persona (for logout) */
  freshToken(who: PersonaKey): Promise<string | null>
  /** memberA's live card code (for verifyCard) */
  cardCode: string
  /** a signed link to memberA's file (for files.download) */
  fileLink: { id: string; exp: string; sig: string }
}

export interface Case {
  call: (w: World) => CallSpec
  expect: Row
}

const png = () => {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png')
  return fd
}

/** A one-person roster of union A (the same file every call: the first admin over A writes it, later ones change nothing). */
const roster = () => rosterForm(rosterCsv([rosterLine(77, { name: '矩阵台账' })]), 'matrix.csv')

/** One grassroots union under the street (the street's admin creates it; later admins see it unchanged or not theirs). */
const unionsFile = () => rosterForm(unionsCsv([{ name: '矩阵导入工会', parent: '青禾街道总工会', kind: '基层工会' }]), 'matrix-unions.csv')
const unionFields = { name: '星河物流有限公司工会', kind: 'grassroots', address: '示例市云溪区星河路 1 号', contactName: '王主席', contactPhone: '0571-87654321' }

/** One station of union A (admins over A write it once, later ones see it unchanged; others: not theirs, nothing written). */
const stationsFile = () => sheetForm(stationsCsv([{ name: '矩阵导入驿站', org: '星河物流有限公司工会' }]), 'matrix-stations.csv')

const notMembers = (...allowed: PersonaKey[]) => grid(403, { 200: allowed })

export const CASES: Record<string, Case> = {
  // ---------- system, auth, files, messages ----------
  'system.health': { call: () => ({}), expect: everyone(200) },
  'auth.options': { call: () => ({}), expect: everyone(200) },
  'auth.devLogin': { call: () => ({ body: { persona: 'member' } }), expect: everyone(200) },
  'auth.wechatLogin': { call: () => ({ body: { code: 'matrix-code' } }), expect: everyone(403) },
  'auth.cloudLogin': { call: () => ({}), expect: everyone(403) },
  'auth.me': { call: () => ({}), expect: grid(200) },
  'auth.updateProfile': { call: () => ({ body: {} }), expect: grid(200) },
  'auth.uploadAvatar': { call: () => ({ form: png }), expect: grid(200) },
  'auth.logout': { call: (w) => ({ token: (who) => w.freshToken(who) }), expect: grid(200) },
  'files.download': { call: (w) => ({ params: { id: w.fileLink.id }, query: { exp: w.fileLink.exp, sig: w.fileLink.sig } }), expect: everyone(200) },
  'notifications.list': { call: () => ({}), expect: grid(200) },
  'notifications.unreadCount': { call: () => ({}), expect: grid(200) },
  'notifications.markRead': { call: () => ({ body: {} }), expect: grid(200) },
  'notifications.subscribeTemplates': { call: () => ({}), expect: grid(200) },
  // no template configured in the matrix app: every caller passes the gate and is told the id is unknown
  'notifications.reportSubscriptions': { call: () => ({ body: { accepted: ['tmpl_unknown'] } }), expect: grid(400) },
  'applications.mine': { call: () => ({}), expect: grid(200) },

  // ---------- membership ----------
  'membership.unions': { call: () => ({}), expect: grid(200) },
  'membership.mine': { call: () => ({}), expect: grid(200) },
  'membership.saveDraft': { call: () => ({ body: {} }), expect: grid(200) },
  // an empty form: every caller passes the gate and is told what is missing
  'membership.submit': { call: () => ({ body: {} }), expect: grid(400) },
  // WeChat is not configured in the test app: every caller who may ask is told so (400)
  'membership.exchangePhone': { call: () => ({ body: { code: 'matrix' } }), expect: grid(400) },
  'membership.reviewQueue': { call: () => ({}), expect: grid(403, { 200: [...REVIEWERS, ...ADMINS] }) },
  'membership.reviewDetail': {
    call: (w) => ({ params: { id: w.t.joinA } }),
    expect: grid(403, { 200: ['reviewerA', ...ADMINS_OVER_A] }),
  },
  'membership.approve': {
    call: (w) => ({ params: { id: w.t.joinA } }),
    expect: grid(403, { 200: ['reviewerA'], 409: ADMINS_OVER_A }),
  },
  'membership.reject': {
    call: (w) => ({ params: { id: w.t.joinA }, body: { reason: '资料不全' } }),
    expect: grid(403, { 409: ['reviewerA', ...ADMINS_OVER_A] }),
  },
  'membership.card': { call: () => ({}), expect: grid(404, { 200: MEMBERS }) },
  'membership.verifyCard': { call: (w) => ({ body: { code: w.cardCode } }), expect: grid(403, { 200: STAFF }) },

  // ---------- 会员实名制台账 and 会员认证 ----------
  // Every admin passes the gate; an admin elsewhere gets a report whose row is refused (union outside the subtree).
  'roster.dryRun': { call: () => ({ form: roster }), expect: grid(403, { 200: ADMINS }) },
  'roster.commit': { call: () => ({ form: roster }), expect: grid(403, { 200: ADMINS }) },
  // a well-formed claim that matches nothing: non-members get the one refusal (400), members ALREADY_MEMBER (409)
  'roster.claim': {
    call: () => ({ body: { name: '无此人', idNumber: rosterId(7_777_777), phoneTail: '0000' } }),
    expect: grid(400, { 409: MEMBERS }),
  },

  // ---------- merchants ----------
  'merchants.list': { call: () => ({}), expect: grid(200) },
  'merchants.manage': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
  'merchants.create': {
    call: (w) => ({ body: merchantInput(w.cast.orgs.unionA, { name: '矩阵新店' }) }),
    expect: grid(403, { 200: ADMINS_OVER_A }),
  },
  'merchants.update': {
    call: (w) => ({ params: { id: w.t.offerA }, body: merchantInput(w.cast.orgs.unionA) }),
    expect: grid(403, { 200: ADMINS_OVER_A }),
  },
  'merchants.takeDown': {
    call: (w) => ({ params: { id: w.t.offerA } }),
    expect: grid(403, { 200: ['adminA'], 404: ['streetAdmin', 'districtAdmin'] }),
  },

  // ---------- vouchers ----------
  'vouchers.campaigns': { call: () => ({}), expect: grid(200) },
  'vouchers.campaign': {
    call: (w) => ({ params: { id: w.t.campaignA } }),
    expect: grid(404, { 200: ['memberA', ...ADMINS_OVER_A] }),
  },
  'vouchers.claim': {
    call: (w) => ({ params: { id: w.t.campaignA } }),
    expect: grid(403, { 409: ['memberA'], 404: ['memberB'] }),
  },
  'vouchers.enter': { call: (w) => ({ params: { id: w.t.lotteryA } }), expect: grid(403, { 409: ['memberA'], 404: ['memberB'] }) },
  'vouchers.withdrawEntry': { call: (w) => ({ params: { id: w.t.lotteryA } }), expect: grid(403, { 404: MEMBERS }) },
  'vouchers.drawRecord': {
    call: (w) => ({ params: { id: w.t.lotteryA } }),
    // public to the union's subtree: its members and its staff (venue staff of the district included)
    expect: grid(404, { 200: ['memberA', ...VENUE_STAFF, 'reviewerA', ...ADMINS_OVER_A] }),
  },
  'vouchers.joinWaitlist': { call: (w) => ({ params: { id: w.t.campaignA } }), expect: grid(403, { 409: ['memberA'], 404: ['memberB'] }) },
  'vouchers.leaveWaitlist': { call: (w) => ({ params: { id: w.t.campaignA } }), expect: grid(403, { 404: MEMBERS }) },
  'vouchers.leaveWaitlistPost': { call: (w) => ({ params: { id: w.t.campaignA } }), expect: grid(403, { 404: MEMBERS }) },
  'vouchers.myVouchers': { call: () => ({}), expect: grid(200) },
  'vouchers.confirmVoucher': { call: (w) => ({ params: { id: w.t.voucherA.id } }), expect: grid(404, { 409: ['memberA'] }) },
  'vouchers.redeem': {
    call: (w) => ({ body: { code: w.t.voucherA.code, venueId: w.t.venues.A } }),
    expect: grid(403, { 200: ['venueA'], 409: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  'vouchers.redeemBatch': {
    call: (w) => ({
      body: {
        lastSyncAt: new Date(T0 - 60_000).toISOString(),
        items: [{ code: w.t.voucherA.code, venueId: w.t.venues.A, scannedAt: new Date(T0).toISOString(), clientId: randomUUID() }],
      },
    }),
    // venue B's staff are refused the whole batch: it names venue A
    expect: grid(403, { 200: ['venueA', ...ADMINS] }),
  },
  'vouchers.myRedeemVenues': { call: () => ({}), expect: grid(403, { 200: [...VENUE_STAFF, ...ADMINS] }) },
  'vouchers.manageVenues': {
    call: (w) => ({ query: { orgId: w.cast.orgs.unionA } }),
    expect: grid(403, { 200: ADMINS_OVER_A }),
  },
  'vouchers.cancelVoucher': { call: (w) => ({ params: { id: w.t.voucherA.id } }), expect: grid(404, { 409: ['memberA'] }) },
  'vouchers.createCampaign': {
    call: (w) => ({ body: campaignInput(w.cast.orgs.unionA, w.t.venues, { title: '矩阵新券' }) }),
    expect: grid(403, { 200: ADMINS_OVER_A }),
  },
  'vouchers.manageCampaigns': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
  'vouchers.campaignStats': {
    call: (w) => ({ params: { id: w.t.campaignA } }),
    expect: grid(403, { 200: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  'vouchers.runDraw': {
    call: (w) => ({ params: { id: w.t.lotteryA } }),
    expect: grid(403, { 409: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  'vouchers.exportCsv': {
    call: (w) => ({ params: { id: w.t.campaignA } }),
    expect: grid(403, { 200: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },

  // ---------- bookings (在线预约) ----------
  'bookings.services': { call: () => ({ query: {} }), expect: grid(200) },
  'bookings.service': {
    call: (w) => ({ params: { id: w.t.serviceA } }),
    expect: grid(404, { 200: ['memberA', ...VENUE_STAFF, ...ADMINS_OVER_A] }),
  },
  // memberA booked the slot already; memberB is of another branch; the rest are not members
  'bookings.book': { call: (w) => ({ params: { id: w.t.slotA } }), expect: grid(403, { 409: ['memberA'], 404: ['memberB'] }) },
  'bookings.mine': { call: () => ({ query: {} }), expect: grid(200) },
  'bookings.booking': { call: (w) => ({ params: { id: w.t.bookingA } }), expect: grid(404, { 200: ['memberA'] }) },
  'bookings.manageServices': { call: () => ({ query: {} }), expect: grid(403, { 200: [...VENUE_STAFF, ...ADMINS] }) },
  'bookings.createService': {
    call: (w) => ({ body: { orgId: w.cast.orgs.unionA, kind: 'counselling', title: '矩阵心理咨询' } }),
    expect: grid(403, { 200: ADMINS_OVER_A }),
  },
  'bookings.updateService': {
    call: (w) => ({ params: { id: w.t.serviceA }, body: { orgId: w.cast.orgs.unionA, kind: 'health_bus', title: '矩阵体检车' } }),
    expect: grid(403, { 200: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  'bookings.manageService': {
    call: (w) => ({ params: { id: w.t.serviceA } }),
    expect: grid(403, { 200: [...VENUE_STAFF, ...ADMINS_OVER_A], 404: ADMINS_ELSEWHERE }),
  },
  'bookings.addSlot': {
    call: (w) => ({ params: { id: w.t.serviceA }, body: bookingSlotInput(3) }),
    expect: grid(403, { 200: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  'bookings.slotBookings': {
    call: (w) => ({ params: { id: w.t.slotA }, query: {} }),
    expect: grid(403, { 200: [...VENUE_STAFF, ...ADMINS_OVER_A], 404: ADMINS_ELSEWHERE }),
  },
  // check-in opens an hour before the slot: whoever may check in here is told so
  'bookings.checkin': {
    call: (w) => ({ params: { id: w.t.bookingA } }),
    expect: grid(403, { 409: [...VENUE_STAFF, ...ADMINS_OVER_A], 404: ADMINS_ELSEWHERE }),
  },
  'bookings.cancel': { call: (w) => ({ params: { id: w.t.bookingA } }), expect: grid(404, { 200: ['memberA'] }) },

  // ---------- events ----------
  'events.list': { call: () => ({ query: {} }), expect: grid(200) },
  'events.detail': {
    call: (w) => ({ params: { id: w.t.eventA } }),
    expect: grid(404, { 200: ['memberA', ...VENUE_STAFF, ...ADMINS_OVER_A] }),
  },
  'events.upload': { call: () => ({ form: png }), expect: grid(200) },
  'events.register': {
    call: (w) => ({ params: { id: w.t.eventA }, body: { answers: {} } }),
    expect: grid(403, { 409: ['memberA'], 404: ['memberB'] }),
  },
  'events.myRegistrations': { call: () => ({ query: {} }), expect: grid(200) },
  'events.registration': { call: (w) => ({ params: { id: w.t.registrationA } }), expect: grid(404, { 200: ['memberA'] }) },
  'events.checkinCode': { call: (w) => ({ params: { id: w.t.registrationA } }), expect: grid(404, { 200: ['memberA'] }) },
  'events.team': { call: (w) => ({ params: { id: w.t.teamA } }), expect: grid(404, { 200: ['memberA'] }) },
  'events.invitePreview': { call: (w) => ({ params: { code: w.t.inviteA.code } }), expect: grid(200) },
  // the captain cannot join their own team; memberB is outside the event's union; others are not members
  'events.acceptInvite': { call: (w) => ({ params: { code: w.t.inviteA.code } }), expect: grid(403, { 409: ['memberA'] }) },
  'events.invite': { call: (w) => ({ params: { id: w.t.teamA } }), expect: grid(404, { 200: ['memberA'] }) },
  'events.withdrawInvite': { call: (w) => ({ params: { id: w.t.teamA, inviteId: w.t.inviteA.id } }), expect: grid(404, { 200: ['memberA'] }) },
  // the captain cannot remove themself (they cancel the registration instead)
  'events.removeMember': { call: (w) => ({ params: { id: w.t.teamA, memberId: w.t.captainMemberA } }), expect: grid(404, { 400: ['memberA'] }) },
  // nobody of the matrix is a team-mate (the captain does not "leave" a team: they cancel it)
  'events.leaveTeam': { call: (w) => ({ params: { id: w.t.teamA } }), expect: grid(404) },
  'events.checkinByToken': { call: () => ({ body: { token: 'matrix-invalid-token' } }), expect: grid(403, { 400: MEMBERS }) },
  'events.volunteerHours': { call: () => ({ query: {} }), expect: grid(200) },
  'events.ranking': {
    call: (w) => ({ params: { id: w.t.eventA } }),
    expect: grid(404, { 409: ['memberA', ...VENUE_STAFF, ...ADMINS_OVER_A] }),
  },
  'events.createEvent': {
    call: (w) => ({ body: eventInput(w.cast.orgs.unionA, { title: '矩阵新活动' }) }),
    expect: grid(403, { 200: ADMINS_OVER_A }),
  },
  'events.updateEvent': {
    call: (w) => ({ params: { id: w.t.eventA }, body: eventInput(w.cast.orgs.unionA) }),
    expect: grid(403, { 200: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  'events.manageEvents': { call: () => ({ query: {} }), expect: grid(403, { 200: [...VENUE_STAFF, ...ADMINS] }) },
  'events.manageEvent': {
    call: (w) => ({ params: { id: w.t.eventA } }),
    expect: grid(403, { 200: [...VENUE_STAFF, ...ADMINS_OVER_A], 404: ADMINS_ELSEWHERE }),
  },
  'events.manageRegistrations': {
    call: (w) => ({ params: { id: w.t.eventA }, query: {} }),
    expect: grid(403, { 200: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  'events.decide': {
    call: (w) => ({ params: { id: w.t.eventA }, body: { ids: [w.t.registrationA], decision: 'approve' } }),
    expect: grid(403, { 200: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  // a code that is not a signed door code: whoever may check in here is told it is invalid
  'events.checkinByCode': {
    call: (w) => ({ params: { id: w.t.eventA }, body: { code: 'E.1.1.matrix' } }),
    expect: grid(403, { 400: [...VENUE_STAFF, ...ADMINS_OVER_A], 404: ADMINS_ELSEWHERE }),
  },
  'events.checkinManual': {
    call: (w) => ({ params: { id: w.t.eventA, registrationId: w.t.registrationA } }),
    expect: grid(403, { 409: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  // eventA is not a volunteer activity: whoever may check out here is told so
  'events.checkoutByCode': {
    call: (w) => ({ params: { id: w.t.eventA }, body: { code: 'E.1.1.matrix' } }),
    expect: grid(403, { 400: [...VENUE_STAFF, ...ADMINS_OVER_A], 404: ADMINS_ELSEWHERE }),
  },
  'events.checkoutManual': {
    call: (w) => ({ params: { id: w.t.eventA, registrationId: w.t.registrationA } }),
    expect: grid(403, { 409: [...VENUE_STAFF, ...ADMINS_OVER_A], 404: ADMINS_ELSEWHERE }),
  },
  'events.checkinToken': {
    call: (w) => ({ params: { id: w.t.eventA } }),
    expect: grid(403, { 200: [...VENUE_STAFF, ...ADMINS_OVER_A], 404: ADMINS_ELSEWHERE }),
  },
  'events.checkinStats': {
    call: (w) => ({ params: { id: w.t.eventA } }),
    expect: grid(403, { 200: [...VENUE_STAFF, ...ADMINS_OVER_A], 404: ADMINS_ELSEWHERE }),
  },
  'events.saveScores': {
    call: (w) => ({ params: { id: w.t.eventA }, body: { scores: [{ registrationId: w.t.registrationA, score: 90 }] } }),
    expect: grid(403, { 409: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  'events.manageRanking': {
    call: (w) => ({ params: { id: w.t.eventA } }),
    expect: grid(403, { 409: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  'events.roster': {
    call: (w) => ({ params: { id: w.t.eventA } }),
    expect: grid(403, { 200: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  'events.cancel': { call: (w) => ({ params: { id: w.t.registrationA } }), expect: grid(404, { 200: ['memberA'] }) },

  // ---------- relief ----------
  'relief.types': { call: () => ({}), expect: grid(200) },
  'relief.updateType': { call: () => ({ params: { key: 'no_such_type' }, body: {} }), expect: grid(403, { 400: ADMINS }) },
  'relief.manageTypes': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
  // a seeded type, owned by the root: only the district's admin reaches it
  'relief.manageType': { call: () => ({ params: { key: 'travel_subsidy' } }), expect: grid(403, { 200: ['districtAdmin'] }) },
  'relief.typeLimits': { call: (w) => ({ params: { orgId: w.cast.orgs.unionA } }), expect: grid(403, { 200: ADMINS_OVER_A }) },
  'relief.setTypeLimits': { call: (w) => ({ params: { orgId: w.cast.orgs.unionA }, body: {} }), expect: grid(403, { 400: ADMINS }) },
  'relief.start': { call: () => ({ body: { typeKey: 'travel_subsidy' } }), expect: notMembers(...MEMBERS) },
  'relief.mine': { call: () => ({}), expect: grid(200) },
  'relief.detail': { call: (w) => ({ params: { id: w.t.reliefDraftA } }), expect: grid(404, { 200: ['memberA'] }) },
  'relief.saveDraft': {
    call: (w) => ({ params: { id: w.t.reliefDraftA }, body: { step: 'basic', fields: {} } }),
    expect: grid(404, { 200: ['memberA'] }),
  },
  // 返乡交通补贴 opens in January: memberA may submit, and is told the window is closed
  'relief.submit': { call: (w) => ({ params: { id: w.t.reliefDraftA }, body: {} }), expect: grid(404, { 409: ['memberA'] }) },
  'relief.upload': { call: () => ({ form: png }), expect: grid(200) },
  'relief.reviewQueue': { call: () => ({ query: { level: 'base' } }), expect: grid(403, { 200: [...REVIEWERS, ...ADMINS] }) },
  'relief.reviewCases': { call: () => ({ query: { stage: 'approved' } }), expect: grid(403, { 200: [...REVIEWERS, ...ADMINS] }) },
  'relief.reviewDetail': { call: (w) => ({ params: { id: w.t.reliefDraftA } }), expect: grid(403, { 404: [...REVIEWERS, ...ADMINS] }) },
  'relief.homeVisit': { call: (w) => ({ params: { id: w.t.reliefDraftA }, body: {} }), expect: grid(403, { 400: [...REVIEWERS, ...ADMINS] }) },
  'relief.approve': { call: (w) => ({ params: { id: w.t.reliefDraftA }, body: {} }), expect: grid(403, { 404: [...REVIEWERS, ...ADMINS] }) },
  'relief.reject': { call: (w) => ({ params: { id: w.t.reliefDraftA }, body: {} }), expect: grid(403, { 400: [...REVIEWERS, ...ADMINS] }) },
  'relief.returnForInfo': { call: (w) => ({ params: { id: w.t.reliefDraftA }, body: {} }), expect: grid(403, { 400: [...REVIEWERS, ...ADMINS] }) },
  'relief.payout': { call: (w) => ({ params: { id: w.t.reliefDraftA }, body: {} }), expect: grid(403, { 400: [...REVIEWERS, ...ADMINS] }) },
  'relief.createRound': { call: () => ({ body: {} }), expect: grid(403, { 400: [...REVIEWERS, ...ADMINS] }) },
  'relief.publicity': { call: () => ({}), expect: grid(403, { 200: [...MEMBERS, ...REVIEWERS, ...ADMINS] }) },
  'relief.object': { call: () => ({ params: { id: 999999 }, body: { content: '情况不实，申请人家境良好' } }), expect: grid(403, { 404: MEMBERS }) },
  'relief.reviewObjections': { call: () => ({}), expect: grid(403, { 200: [...REVIEWERS, ...ADMINS] }) },
  'relief.answerObjection': {
    call: () => ({ params: { id: 999999 }, body: { answer: '经核实情况属实', upheld: false } }),
    expect: grid(403, { 404: [...REVIEWERS, ...ADMINS] }),
  },
  'relief.withdraw': { call: (w) => ({ params: { id: w.t.reliefDraftA }, body: {} }), expect: grid(404, { 200: ['memberA'] }) },

  // ---------- legal aid (法律援助): legal.handle = legal_staff and admins over the member's union ----------
  // an empty request: members pass the gate and are told what is missing; others are pointed to the hotline
  'legal.create': { call: () => ({ body: {} }), expect: grid(403, { 400: MEMBERS }) },
  'legal.mine': { call: () => ({}), expect: grid(200) },
  'legal.detail': { call: (w) => ({ params: { id: w.t.legalCaseA } }), expect: grid(404, { 200: ['memberA'] }) },
  'legal.message': { call: (w) => ({ params: { id: w.t.legalCaseA }, body: { text: '矩阵留言' } }), expect: grid(404, { 200: ['memberA'] }) },
  // not closed yet: memberA is told so (409)
  'legal.rate': { call: (w) => ({ params: { id: w.t.legalCaseA }, body: { stars: 5 } }), expect: grid(404, { 409: ['memberA'] }) },
  'legal.upload': { call: () => ({ form: png }), expect: grid(200) },
  'legal.manageList': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
  'legal.manageDetail': { call: (w) => ({ params: { id: w.t.legalCaseA } }), expect: grid(403, { 200: ADMINS_OVER_A }) },
  // adminA takes it first; the admins after it find it taken (409)
  'legal.take': { call: (w) => ({ params: { id: w.t.legalCaseA } }), expect: grid(403, { 200: ['adminA'], 409: ['streetAdmin', 'districtAdmin'] }) },
  // empty bodies: holders of legal.handle pass the gate and are told what is missing
  'legal.reply': { call: (w) => ({ params: { id: w.t.legalCaseA }, body: {} }), expect: grid(403, { 400: ADMINS }) },
  'legal.schedule': { call: (w) => ({ params: { id: w.t.legalCaseA }, body: {} }), expect: grid(403, { 400: ADMINS }) },
  'legal.close': { call: (w) => ({ params: { id: w.t.legalCaseA }, body: {} }), expect: grid(403, { 400: ADMINS }) },
  'legal.withdraw': { call: (w) => ({ params: { id: w.t.legalCaseA } }), expect: grid(404, { 200: ['memberA'] }) },

  // ---------- staff (invitations, roles) ----------
  'staff.createInvitation': {
    call: (w) => ({ body: { role: 'reviewer', orgId: w.cast.orgs.unionA, note: '矩阵邀请' } }),
    expect: grid(403, { 200: ADMINS_OVER_A }),
  },
  'staff.invitations': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
  // revoking again changes nothing (200)
  'staff.revokeInvitation': { call: (w) => ({ params: { id: w.t.staffInviteA.id } }), expect: grid(403, { 200: ADMINS_OVER_A }) },
  // whoever holds a code sees the invitation (revoked by now: state 'revoked')
  'staff.preview': { call: (w) => ({ body: { code: w.t.staffInviteA.code } }), expect: grid(200) },
  // a revoked invitation: every logged-in caller passes the gate and is told so (410)
  'staff.accept': { call: (w) => ({ body: { code: w.t.staffInviteGone } }), expect: grid(410) },
  'staff.roles': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
  'staff.unions': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
  // adminA revokes first; for the admins after it the role is gone (404)
  'staff.revokeRole': {
    call: (w) => ({ body: { userId: w.t.staffVictim, orgId: w.cast.orgs.unionA, role: 'reviewer', reason: '矩阵撤销' } }),
    expect: grid(403, { 200: ['adminA'], 404: ['streetAdmin', 'districtAdmin'] }),
  },

  // ---------- unions (the tree) ----------
  'unions.list': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
  'unions.detail': { call: (w) => ({ params: { id: w.cast.orgs.unionA } }), expect: grid(403, { 200: ADMINS_OVER_A }) },
  // under the street: its admin creates it; the district's admin after it finds the name taken (409)
  'unions.create': {
    call: (w) => ({ body: { parentId: w.cast.orgs.street, name: '矩阵新建工会', kind: 'grassroots', address: '示例市云溪区青禾路 99 号' } }),
    expect: grid(403, { 200: ['streetAdmin'], 409: ['districtAdmin'] }),
  },
  'unions.update': { call: (w) => ({ params: { id: w.cast.orgs.unionA }, body: unionFields }), expect: grid(403, { 200: ADMINS_OVER_A }) },
  // to where it is: the admins above A may (a no-op); A's own admin may not move the union of their post
  'unions.move': { call: (w) => ({ params: { id: w.cast.orgs.unionA }, body: { parentId: w.cast.orgs.street } }), expect: grid(403, { 200: ['streetAdmin', 'districtAdmin'] }) },
  // union A has members: the admins above it are told so (409)
  'unions.close': { call: (w) => ({ params: { id: w.cast.orgs.unionA }, body: { reason: '矩阵撤销' } }), expect: grid(403, { 409: ['streetAdmin', 'districtAdmin'] }) },
  'unions.reopen': { call: (w) => ({ params: { id: w.cast.orgs.unionA } }), expect: grid(403, { 409: ['streetAdmin', 'districtAdmin'] }) },
  // every admin gets a report (rows outside their subtree are its problems)
  'unions.importDryRun': { call: () => ({ form: unionsFile }), expect: grid(403, { 200: ADMINS }) },
  'unions.importCommit': { call: () => ({ form: unionsFile }), expect: grid(403, { 200: ADMINS }) },

  // ---------- stations (爱心驿站): public reads, reports by any user, keepers bound to their stations ----------
  'stations.list': { call: () => ({ query: { lat: 30.2738, lng: 120.1549 } }), expect: everyone(200) },
  'stations.areas': { call: () => ({}), expect: everyone(200) },
  'stations.detail': { call: (w) => ({ params: { id: w.t.stationA } }), expect: everyone(200) },
  'stations.checkin': { call: (w) => ({ params: { id: w.t.stationA } }), expect: everyone(200) },
  'stations.upload': { call: () => ({ form: png }), expect: grid(200) },
  'stations.report': { call: (w) => ({ params: { id: w.t.stationA }, body: { description: '矩阵：饮水机坏了' } }), expect: grid(200) },
  'stations.keeping': { call: () => ({}), expect: grid(403, { 200: [...ADMINS, ...KEEPERS] }) },
  'stations.setStatus': {
    call: (w) => ({ params: { id: w.t.stationA }, body: { status: 'open' } }),
    expect: grid(403, { 200: [...ADMINS_OVER_A, 'keeperA'] }),
  },
  'stations.reports': { call: (w) => ({ params: { id: w.t.stationA } }), expect: grid(403, { 200: [...ADMINS_OVER_A, 'keeperA'] }) },
  'stations.resolve': {
    call: (w) => ({ params: { id: w.t.stationReportA }, body: { note: '矩阵：已处理' } }),
    expect: grid(403, { 200: ['adminA'], 409: ['streetAdmin', 'districtAdmin', 'keeperA'] }),
  },
  'stations.manage': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
  'stations.create': { call: (w) => ({ body: stationInput(w.cast.orgs.unionA, { name: '矩阵新驿站' }) }), expect: grid(403, { 200: ADMINS_OVER_A }) },
  'stations.update': {
    call: (w) => ({ params: { id: w.t.stationA }, body: stationInput(w.cast.orgs.unionA) }),
    expect: grid(403, { 200: ADMINS_OVER_A }),
  },
  'stations.importDryRun': { call: () => ({ form: stationsFile }), expect: grid(403, { 200: ADMINS }) },
  'stations.importCommit': { call: () => ({ form: stationsFile }), expect: grid(403, { 200: ADMINS }) },
}

/**
 * One case per endpoint of the contract: the request (on union A's targets) and the status every persona must get.
 * Cases run in this order; within a case, the refused personas go first and the allowed ones in PERSONAS order, so a
 * mutation is made once by the first allowed persona (later ones see its effect, e.g. 409 already decided).
 */
import type { PersonaKey } from './world'
import { campaignInput, eventInput, merchantInput, T0 } from './targets'
import { ADMINS, ADMINS_ELSEWHERE, ADMINS_OVER_A, MEMBERS, REVIEWERS, STAFF, VENUE_STAFF, everyone, grid } from './grid'
import { randomUUID } from 'node:crypto'
import { PNG } from '../relief-fixtures'
import { rosterCsv, rosterForm, rosterId, rosterLine } from '../builders/roster'
import { ORG_AND_SERVICE_CASES } from './cases-org'
import { PRIVACY_CASES } from './cases-privacy'

export type { CallSpec, Case, World } from './spec'
import type { CallSpec, Case, World } from './spec'

const png = () => {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png')
  return fd
}

/** A one-person roster of union A (the same file every call: the first admin over A writes it, later ones change nothing). */
const roster = () => rosterForm(rosterCsv([rosterLine(77, { name: '矩阵台账' })]), 'matrix.csv')

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
  // 消息设置: every signed-in caller reads and changes their own (no target: nobody else's can be named)
  'notifications.settings': { call: () => ({}), expect: grid(200) },
  'notifications.saveSettings': { call: () => ({ body: { marketing: false } }), expect: grid(200) },
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
  // 批量通过 (office console): whoever reviews somewhere gets a per-item answer (joinA decided above, or outside their
  // unions: refused for that item); everyone else is refused as a whole
  'membership.bulkApprove': { call: (w) => ({ body: { ids: [w.t.joinA] } }), expect: grid(403, { 200: [...REVIEWERS, ...ADMINS] }) },
  'membership.card': { call: () => ({}), expect: grid(404, { 200: MEMBERS }) },
  'membership.verifyCard': { call: (w) => ({ body: { code: w.cardCode } }), expect: grid(403, { 200: STAFF }) },

  // ---------- 会员实名制台账 and 会员认证 ----------
  // Every admin passes the gate; an admin elsewhere gets a report whose row is refused (union outside the subtree).
  'roster.dryRun': { call: () => ({ form: roster }), expect: grid(403, { 200: ADMINS }) },
  'roster.commit': { call: () => ({ form: roster }), expect: grid(403, { 200: ADMINS }) },
  // a union chosen for the file: only admins over it (ROSTER_UNION_OUTSIDE for the others)
  'roster.problemRows': { call: (w) => ({ query: { orgId: w.cast.orgs.unionA }, form: roster }), expect: grid(403, { 200: ADMINS_OVER_A }) },
  'roster.template': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
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
    // public to the union's subtree: its members and its staff (venue staff of the district and the street's legal staff included)
    expect: grid(404, { 200: ['memberA', ...VENUE_STAFF, 'reviewerA', 'legalA', ...ADMINS_OVER_A] }),
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
  'vouchers.exportXlsx': {
    call: (w) => ({ params: { id: w.t.campaignA } }),
    expect: grid(403, { 200: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  // the open campaign's name (the same edit by every admin over A); its other fields as created
  'vouchers.editCampaign': {
    call: (w) => ({ params: { id: w.t.campaignA }, body: campaignInput(w.cast.orgs.unionA, w.t.venues, { title: '矩阵健身券·改' }) }),
    expect: grid(403, { 200: ADMINS_OVER_A, 404: ADMINS_ELSEWHERE }),
  },
  // the lottery (after runDraw's case): the first admin over A ends it, the others are told it has ended
  'vouchers.endCampaign': {
    call: (w) => ({ params: { id: w.t.lotteryA } }),
    expect: grid(403, { 200: ['adminA'], 409: ['streetAdmin', 'districtAdmin'], 404: ADMINS_ELSEWHERE }),
  },

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
  // narrowed to union A (the console's 活动审批 filter): organisers over A and the district's check-in staff; admins elsewhere refused (EVENTS_UNION_OUTSIDE)
  'events.manageEvents': { call: (w) => ({ query: { orgId: w.cast.orgs.unionA } }), expect: grid(403, { 200: [...VENUE_STAFF, ...ADMINS_OVER_A] }) },
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
  // 发放名单: 复核 authority (admins) get the cases they may pay (none here, an empty sheet); 初审-only reviewers 403
  'relief.payoutList': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
  'relief.createRound': { call: () => ({ body: {} }), expect: grid(403, { 400: [...REVIEWERS, ...ADMINS] }) },
  'relief.publicity': { call: () => ({}), expect: grid(403, { 200: [...MEMBERS, ...REVIEWERS, ...ADMINS] }) },
  'relief.object': { call: () => ({ params: { id: 999999 }, body: { content: '情况不实，申请人家境良好' } }), expect: grid(403, { 404: MEMBERS }) },
  'relief.reviewObjections': { call: () => ({}), expect: grid(403, { 200: [...REVIEWERS, ...ADMINS] }) },
  'relief.answerObjection': {
    call: () => ({ params: { id: 999999 }, body: { answer: '经核实情况属实', upheld: false } }),
    expect: grid(403, { 404: [...REVIEWERS, ...ADMINS] }),
  },
  'relief.withdraw': { call: (w) => ({ params: { id: w.t.reliefDraftA }, body: {} }), expect: grid(404, { 200: ['memberA'] }) },

  // ---------- 扫码登录 (the office console) ----------
  'console.createTicket': { call: () => ({}), expect: everyone(200) },
  'console.pollTicket': { call: (w) => withTicket(w, (t) => ({ params: { ticket: t.ticket }, body: { secret: t.secret } })), expect: everyone(200) },
  // any staff role (venue, reviewer, legal, admin, keeper), never a member alone; each call on a fresh QR
  'console.viewTicket': { call: (w) => withTicket(w, (t) => ({ params: { ticket: t.ticket } })), expect: grid(200, { 403: ['user', ...MEMBERS] }) },
  'console.confirmTicket': { call: (w) => withTicket(w, (t) => ({ params: { ticket: t.ticket } })), expect: grid(200, { 403: ['user', ...MEMBERS] }) },
  'console.cancelTicket': { call: (w) => withTicket(w, (t) => ({ params: { ticket: t.ticket } })), expect: grid(200) },
  'console.mySessions': { call: () => ({}), expect: grid(200) },
  'console.logoutConsoles': { call: () => ({}), expect: grid(200) },
  'console.devLogin': { call: () => ({ body: { persona: 'admin' } }), expect: everyone(200) },

  // ---------- staff, the union tree and the services (cases-org.ts) ----------
  ...ORG_AND_SERVICE_CASES,
  // last: 注销账号 logs every persona out
  ...PRIVACY_CASES,
}

/** A call on a fresh console QR: created while the persona's token is fetched, before the request is built. */
function withTicket(w: World, spec: (t: { ticket: string; secret: string }) => CallSpec): CallSpec {
  const out: CallSpec = {
    params: { ticket: 'pending0000000000000' },
    token: async (who) => {
      Object.assign(out, spec(await w.consoleTicket()))
      return who === 'anonymous' ? null : w.cast.tokens[who]
    },
  }
  return out
}

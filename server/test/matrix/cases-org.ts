/**
 * Matrix cases of staff appointment, the union tree and the services (法律援助, 爱心驿站, 在线预约), run after the
 * core capabilities' (cases.ts), in this order.
 */
import type { Case } from './spec'
import { bookingSlotInput, T0 } from './targets'
import { ADMINS, ADMINS_ELSEWHERE, ADMINS_OVER_A, KEEPERS, MEMBERS, VENUE_STAFF, everyone, grid } from './grid'
import { PNG } from '../relief-fixtures'
import { rosterForm } from '../builders/roster'
import { unionsCsv } from '../builders/unions'
import { sheetForm, stationInput, stationsCsv } from '../builders/stations'

const png = () => {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png')
  return fd
}

/** One grassroots union under the street (the street's admin creates it; later admins see it unchanged or not theirs). */
const unionsFile = () => rosterForm(unionsCsv([{ name: '矩阵导入工会', parent: '青禾街道总工会', kind: '基层工会' }]), 'matrix-unions.csv')
const unionFields = { name: '星河物流有限公司工会', kind: 'grassroots', address: '示例市云溪区星河路 1 号', contactName: '王主席', contactPhone: '0571-87654321' }

/** One station of union A (admins over A write it once, later ones see it unchanged; others: not theirs, nothing written). */
const stationsFile = () => sheetForm(stationsCsv([{ name: '矩阵导入驿站', org: '星河物流有限公司工会' }]), 'matrix-stations.csv')

export const ORG_AND_SERVICE_CASES: Record<string, Case> = {
  // ---------- legal aid (法律援助): legal.handle = legal_staff and admins over the member's union ----------
  // legalA (the street's) reaches union A's cases; legalB (union A's sibling) never does
  // an empty request: members pass the gate and are told what is missing; others are pointed to the hotline
  'legal.create': { call: () => ({ body: {} }), expect: grid(403, { 400: MEMBERS }) },
  'legal.mine': { call: () => ({}), expect: grid(200) },
  'legal.detail': { call: (w) => ({ params: { id: w.t.legalCaseA } }), expect: grid(404, { 200: ['memberA'] }) },
  'legal.message': { call: (w) => ({ params: { id: w.t.legalCaseA }, body: { text: '矩阵留言' } }), expect: grid(404, { 200: ['memberA'] }) },
  // not closed yet: memberA is told so (409)
  'legal.rate': { call: (w) => ({ params: { id: w.t.legalCaseA }, body: { stars: 5 } }), expect: grid(404, { 409: ['memberA'] }) },
  'legal.upload': { call: () => ({ form: png }), expect: grid(200) },
  // narrowed to union A (the console's filter): only staff over A; legalB and admins elsewhere are refused (LEGAL_UNION_OUTSIDE)
  'legal.manageList': { call: (w) => ({ query: { orgId: w.cast.orgs.unionA } }), expect: grid(403, { 200: ['legalA', ...ADMINS_OVER_A] }) },
  'legal.manageDetail': { call: (w) => ({ params: { id: w.t.legalCaseA } }), expect: grid(403, { 200: ['legalA', ...ADMINS_OVER_A] }) },
  // legalA takes it first; the admins after it find it taken (409)
  'legal.take': {
    call: (w) => ({ params: { id: w.t.legalCaseA } }),
    expect: grid(403, { 200: ['legalA'], 409: ADMINS_OVER_A }),
  },
  'legal.reply': {
    call: (w) => ({ params: { id: w.t.legalCaseA }, body: { kind: 'reply', text: '矩阵答复：请保留工资条和考勤记录。' } }),
    expect: grid(403, { 200: ['legalA', ...ADMINS_OVER_A] }),
  },
  'legal.schedule': {
    call: (w) => ({ params: { id: w.t.legalCaseA }, body: { mode: 'phone', at: new Date(T0 + 86_400_000).toISOString() } }),
    expect: grid(403, { 200: ['legalA', ...ADMINS_OVER_A] }),
  },
  // the second case (taken): legalA closes it; for the admins after it, it is closed (409)
  'legal.close': {
    call: (w) => ({ params: { id: w.t.legalCaseA2 }, body: { outcome: 'answered', note: '矩阵结案' } }),
    expect: grid(403, { 200: ['legalA'], 409: ADMINS_OVER_A }),
  },
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
  'stations.photoUpload': { call: () => ({ form: png }), expect: grid(403, { 200: ADMINS }) },
  'stations.importDryRun': { call: () => ({ form: stationsFile }), expect: grid(403, { 200: ADMINS }) },
  'stations.importCommit': { call: () => ({ form: stationsFile }), expect: grid(403, { 200: ADMINS }) },
  // ---------- 内容审核 (content.moderate = admins over the item's union) ----------
  'moderation.list': { call: () => ({}), expect: grid(403, { 200: ADMINS }) },
  // adminA approves first; the admins after it find it decided (409)
  'moderation.approve': { call: (w) => ({ params: { id: w.t.moderationItemA } }), expect: grid(403, { 200: ['adminA'], 409: ['streetAdmin', 'districtAdmin'] }) },
  'moderation.reject': { call: (w) => ({ params: { id: w.t.moderationItemA }, body: {} }), expect: grid(403, { 409: ADMINS_OVER_A }) },
  // WeChat's push: anyone reaches it; an empty body is no push (400)
  'moderation.push': { call: () => ({ body: {} }), expect: everyone(400) },
  // no WECHAT_PUSH_TOKEN in the matrix app: no URL check to answer (403)
  'moderation.pushVerify': { call: () => ({ query: { signature: 'x', timestamp: '1', nonce: '2', echostr: 'e' } }), expect: everyone(403) },
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
  // adminA cancels the second slot; for the admins after it, it is cancelled already (409)
  'bookings.cancelSlot': {
    call: (w) => ({ params: { id: w.t.slotA2 }, body: { reason: '矩阵：体检车故障' } }),
    expect: grid(403, { 200: ['adminA'], 409: ['streetAdmin', 'districtAdmin'], 404: ADMINS_ELSEWHERE }),
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

  // ---------- 数据看板 (office console): dashboard.view = admins, over the union asked for (default: their own post) ----------
  'dashboard.figures': {
    call: (w) => ({ query: { orgId: w.cast.orgs.unionA, from: '2026-09-01', to: '2026-11-30' } }),
    expect: grid(403, { 200: ADMINS_OVER_A }),
  },
  'dashboard.exportXlsx': {
    call: () => ({ query: { from: '2026-09-01', to: '2026-11-30', chart: 'members.byMonth' } }),
    expect: grid(403, { 200: ADMINS }),
  },
  // ---------- 审计日志 (office console): audit.view = admins, over the union asked for (default: their own posts) ----------
  'audit.list': { call: (w) => ({ query: { orgId: w.cast.orgs.unionA } }), expect: grid(403, { 200: ADMINS_OVER_A }) },
  'audit.exportXlsx': { call: (w) => ({ query: { orgId: w.cast.orgs.unionA, action: 'membership.approve' } }), expect: grid(403, { 200: ADMINS_OVER_A }) },
}

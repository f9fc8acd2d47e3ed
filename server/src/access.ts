/**
 * THE access table: every endpoint of the contract → who may call it. Route registration reads it (a route without a
 * rule, or a rule whose endpoint no plugin registers, stops the app from starting); the authorization-matrix test
 * (server/test/access-matrix.test.ts) calls every endpoint as every persona and prints the result in docs/security.md.
 *
 * Vocabulary (server/src/http/access.ts): anyone · user (own records) · member · owner (of the record) ·
 * staff(permission, over the target's org subtree; the policy adds venue and level bindings) · memberOrStaff.
 */
import { applicationsApi } from '@contract/applications/api'
import { auditApi } from '@contract/audit/api'
import { authApi } from '@contract/auth/api'
import { consoleApi } from '@contract/console/api'
import { ConsoleReasons } from '@contract/console/reasons'
import { bookingsApi } from '@contract/bookings/api'
import { dashboardApi } from '@contract/dashboard/api'
import { eventsApi } from '@contract/events/api'
import { filesApi } from '@contract/files/api'
import { legalApi } from '@contract/legal/api'
import { LegalReasons } from '@contract/legal/reasons'
import { membershipApi } from '@contract/membership/api'
import { MembershipReasons } from '@contract/membership/reasons'
import { merchantsApi } from '@contract/merchants/api'
import { moderationApi } from '@contract/moderation/api'
import { privacyApi } from '@contract/privacy/api'
import { notificationsApi } from '@contract/notifications/api'
import { reliefApi } from '@contract/relief/api'
import { rosterApi } from '@contract/roster/api'
import { staffApi } from '@contract/staff/api'
import { stationsApi } from '@contract/stations/api'
import { systemApi } from '@contract/system/api'
import { unionsApi } from '@contract/unions/api'
import { vouchersApi } from '@contract/vouchers/api'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { refuse } from './errors'
import { AccessTable, anyone, member, memberOrStaff, owner, staff, user, type TargetResolver } from './http/access'
import { orgInBody, orgInParams, orgInQuery } from './auth/org-targets'
import { voucherTargets } from './modules/vouchers'
import { eventTargets } from './modules/events'
import { membershipTargets } from './modules/membership'
import { merchantTargets } from './modules/merchants'
import { reliefTargets } from './modules/relief'
import { staffTargets } from './modules/staff'
import { unionTargets } from './modules/unions'
import { legalTargets } from './modules/legal'
import { bookingTargets } from './modules/bookings'
import { stationTargets } from './modules/stations'
import { moderationTargets } from './modules/moderation'
import { privacyTargets } from './modules/privacy'
import { departureTargets } from './modules/membership'
import { dashboardTargets } from './modules/dashboard'
import { auditTargets } from './modules/audit'

const RELIEF_STAFF = ['relief.review', 'relief.review_district'] as const
const CHECKIN = ['events.manage', 'events.checkin'] as const
/** 在线预约 at the door: the union's admins (services.manage) and its check-in staff (events.checkin: venue staff). */
const BOOKING_DOOR = ['services.manage', 'events.checkin'] as const

/** 初审 or 复核 authority (roles or relief-only delegations) over the case's union; 复核 only at the type's level. */
const reliefStaff = (on?: TargetResolver, note?: string) =>
  staff(RELIEF_STAFF, on, { grantsFrom: reliefTargets.delegations, note })

export function accessTable(): AccessTable {
  return new AccessTable()
    .add('system', systemApi, { health: anyone() })
    .add('auth', authApi, {
      options: anyone(),
      devLogin: anyone('dev mode only'),
      wechatLogin: anyone(),
      cloudLogin: anyone('identity from the Cloud Hosting gateway header'),
      logout: user(),
      me: user(),
      updateProfile: user(),
      uploadAvatar: user(),
    })
    .add('console', consoleApi, {
      createTicket: anyone('the console’s login QR; rate-limited per client address'),
      pollTicket: anyone('the ticket’s secret, held by the console that asked for it, is the credential'),
      viewTicket: staff('console.login', undefined, { forbidden: () => refuse(ConsoleReasons.NOT_STAFF), note: 'any staff role; from a phone session' }),
      confirmTicket: staff('console.login', undefined, { forbidden: () => refuse(ConsoleReasons.NOT_STAFF), note: 'any staff role; from a phone session; the console gets a session of the confirmer' }),
      cancelTicket: user('declining a login asked of the caller'),
      mySessions: user('the caller’s own console sessions'),
      logoutConsoles: user('退出电脑登录: the caller’s own console sessions'),
      devLogin: anyone('dev mode only'),
    })
    .add('files', filesApi, { download: anyone('a short-lived signed link is the credential') })
    .add('notifications', notificationsApi, {
      list: user(),
      unreadCount: user(),
      markRead: user(),
      subscribeTemplates: user(),
      reportSubscriptions: user('credits for the caller only'),
      settings: user('the caller’s own 消息设置'),
      saveSettings: user('the caller’s own 消息设置'),
    })
    .add('applications', applicationsApi, { mine: user() })
    .add('membership', membershipApi, {
      unions: user(),
      mine: user(),
      saveDraft: user(),
      submit: user(),
      exchangePhone: user(),
      reviewQueue: staff('membership.review', undefined, { note: 'applications of the reviewer’s subtree' }),
      reviewDetail: staff('membership.review', membershipTargets.application),
      approve: staff('membership.review', membershipTargets.application),
      reject: staff('membership.review', membershipTargets.application),
      bulkApprove: staff('membership.review', undefined, { note: 'each item as approve, in the service: outside the reviewer’s unions → that item refused (APPLICATION_OUTSIDE_SCOPE)' }),
      card: member({ deny: 404, message: MembershipReasons.NOT_MEMBER.message() }),
      verifyCard: staff('membership.verify_card'),
    })
    .add('roster', rosterApi, {
      dryRun: staff('membership.import', membershipTargets.rosterUnion, { note: 'each row’s union checked against the admin’s subtree (or the chosen union’s) in the service' }),
      commit: staff('membership.import', membershipTargets.rosterUnion, { note: 'as the dry run; skipRejected=1 writes the rows without a problem; audited' }),
      problemRows: staff('membership.import', membershipTargets.rosterUnion, { note: 'the caller’s own file back, its rejected rows only' }),
      template: staff('membership.import'),
      claim: user('a non-member claims the roster entry matching name, ID number and phone tail'),
    })
    .add('merchants', merchantsApi, {
      list: user('offers of the caller’s union and its ancestors'),
      manage: staff('merchants.manage', undefined, { note: 'offers of the caller’s subtree' }),
      create: staff('merchants.manage', orgInBody('orgId')),
      update: staff('merchants.manage', merchantTargets.offer, { note: 'and the new orgId, in the service' }),
      takeDown: staff('merchants.manage', merchantTargets.offer),
    })
    .add('vouchers', vouchersApi, {
      campaigns: user('campaigns of the member’s union subtree; empty for others'),
      campaign: memberOrStaff('campaigns.manage', voucherTargets.campaign),
      claim: member({ session: 'token', note: 'session and membership checked inside the claim’s one database call' }),
      enter: member({ of: voucherTargets.campaign, message: VoucherReasons.NOT_MEMBER.message() }),
      withdrawEntry: member({ of: voucherTargets.campaign, message: VoucherReasons.NOT_MEMBER.message() }),
      drawRecord: memberOrStaff(['campaigns.manage', 'staff.view'], voucherTargets.campaign, { note: 'public to the subtree' }),
      joinWaitlist: member({ of: voucherTargets.campaign, message: VoucherReasons.NOT_MEMBER.message() }),
      leaveWaitlist: member({ of: voucherTargets.campaign, message: VoucherReasons.NOT_MEMBER.message() }),
      leaveWaitlistPost: member({ of: voucherTargets.campaign, message: VoucherReasons.NOT_MEMBER.message() }),
      myVouchers: user(),
      cancelVoucher: owner(voucherTargets.voucher),
      confirmVoucher: owner(voucherTargets.voucher),
      redeem: staff('vouchers.redeem', undefined, { note: 'the voucher’s campaign in the subtree and a venue the grant is bound to, in the service' }),
      redeemBatch: staff('vouchers.redeem', undefined, { note: 'per item, as redeem' }),
      myRedeemVenues: staff('vouchers.redeem', undefined, { note: 'a venue_staff grant’s bound venues; an admin’s venues' }),
      manageVenues: staff('campaigns.manage', orgInQuery('orgId')),
      createCampaign: staff('campaigns.manage', orgInBody('orgId')),
      manageCampaigns: staff('campaigns.manage', undefined, { note: 'campaigns of the caller’s subtree' }),
      campaignStats: staff('campaigns.manage', voucherTargets.campaign, { deny: 404, forbidden: voucherTargets.managersOnly }),
      runDraw: staff('campaigns.manage', voucherTargets.campaign, { deny: 404 }),
      exportCsv: staff('campaigns.manage', voucherTargets.campaign, { deny: 404, forbidden: voucherTargets.managersOnly }),
      exportXlsx: staff('campaigns.manage', voucherTargets.campaign, { deny: 404, forbidden: voucherTargets.managersOnly }),
      editCampaign: staff('campaigns.manage', voucherTargets.campaign, { deny: 404 }),
      endCampaign: staff('campaigns.manage', voucherTargets.campaign, { deny: 404 }),
    })
    .add('events', eventsApi, {
      list: user('events of the member’s union and its ancestors, plus those the caller organises'),
      detail: memberOrStaff(CHECKIN, eventTargets.event),
      upload: user(),
      register: member({ of: eventTargets.event }),
      myRegistrations: user(),
      registration: owner(eventTargets.registration),
      checkinCode: owner(eventTargets.registration),
      team: owner(eventTargets.team, 'the captain or a current team-mate'),
      invite: owner(eventTargets.teamAsCaptain),
      withdrawInvite: owner(eventTargets.teamAsCaptain),
      removeMember: owner(eventTargets.teamAsCaptain),
      leaveTeam: owner(eventTargets.teamAsMate),
      invitePreview: user('whoever holds the code; wrong codes counted per user'),
      acceptInvite: member({ note: 'of the event’s union and eligible, in the service' }),
      cancel: owner(eventTargets.registration),
      checkinByToken: member(),
      ranking: memberOrStaff(CHECKIN, eventTargets.event),
      volunteerHours: user(),
      createEvent: staff('events.manage', orgInBody('orgId')),
      updateEvent: staff('events.manage', eventTargets.event, { deny: 404 }),
      manageEvents: staff(CHECKIN, undefined, { note: 'events of the caller’s subtree' }),
      manageEvent: staff(CHECKIN, eventTargets.event, { deny: 404 }),
      manageRegistrations: staff('events.manage', eventTargets.event, { deny: 404 }),
      decide: staff('events.manage', eventTargets.event, { deny: 404 }),
      checkinByCode: staff(CHECKIN, eventTargets.event, { deny: 404 }),
      checkinManual: staff('events.manage', eventTargets.event, { deny: 404, note: 'audited' }),
      checkoutByCode: staff(CHECKIN, eventTargets.event, { deny: 404, note: '志愿服务 hours' }),
      checkoutManual: staff(CHECKIN, eventTargets.event, { deny: 404, note: '志愿服务 hours; audited' }),
      checkinToken: staff(CHECKIN, eventTargets.event, { deny: 404 }),
      checkinStats: staff(CHECKIN, eventTargets.event, { deny: 404 }),
      saveScores: staff('events.manage', eventTargets.event, { deny: 404 }),
      manageRanking: staff('events.manage', eventTargets.event, { deny: 404 }),
      roster: staff('events.manage', eventTargets.event, { deny: 404 }),
    })
    .add('relief', reliefApi, {
      types: user('the types of the caller’s union and those above it'),
      updateType: staff('relief.manage', reliefTargets.aidType),
      manageTypes: staff('relief.manage', undefined, { note: 'types owned in the caller’s subtrees, active or not' }),
      manageType: staff('relief.manage', reliefTargets.aidType),
      typeLimits: staff('relief.manage', orgInParams('orgId')),
      setTypeLimits: staff('relief.manage', orgInParams('orgId')),
      start: member({ message: '加入工会后才能申请帮扶救助' }),
      mine: user(),
      detail: owner(reliefTargets.application),
      saveDraft: owner(reliefTargets.application),
      submit: owner(reliefTargets.application),
      withdraw: owner(reliefTargets.application),
      upload: user(),
      reviewQueue: reliefStaff(),
      reviewCases: reliefStaff(),
      reviewDetail: reliefStaff(reliefTargets.reviewCase),
      homeVisit: reliefStaff(reliefTargets.reviewCase, '初审 only, in the service'),
      approve: reliefStaff(reliefTargets.reviewCase, 'the stage’s level, in the service'),
      reject: reliefStaff(reliefTargets.reviewCase, 'the stage’s level, in the service'),
      returnForInfo: reliefStaff(reliefTargets.reviewCase, 'the stage’s level, in the service'),
      payout: reliefStaff(reliefTargets.reviewCase, '复核 level, in the service'),
      payoutList: reliefStaff(undefined, '复核 level, in the service: the cases the caller may pay now; ID numbers masked unless reveal=1 (then each case audited); every export audited'),
      createRound: reliefStaff(undefined, '复核 level over every case of the round, in the service'),
      publicity: memberOrStaff(RELIEF_STAFF, undefined, { message: '公示内容仅向工会会员公开' }),
      object: member({ message: '工会会员才能对公示提出异议' }),
      reviewObjections: reliefStaff(),
      answerObjection: reliefStaff(reliefTargets.objection, '复核 level, in the service'),
    })
    .add('legal', legalApi, {
      create: member({ message: LegalReasons.NOT_MEMBER.message(), note: 'the case goes to the member’s own union' }),
      mine: user(),
      detail: owner(legalTargets.ownCase),
      message: owner(legalTargets.ownCase),
      withdraw: owner(legalTargets.ownCase),
      rate: owner(legalTargets.ownCase),
      upload: user(),
      manageList: staff('legal.handle', undefined, { note: 'cases of the caller’s subtree' }),
      manageDetail: staff('legal.handle', legalTargets.staffCase, { note: 'audited' }),
      take: staff('legal.handle', legalTargets.staffCase),
      reply: staff('legal.handle', legalTargets.staffCase),
      schedule: staff('legal.handle', legalTargets.staffCase),
      close: staff('legal.handle', legalTargets.staffCase),
    })
    .add('staff', staffApi, {
      createInvitation: staff('staff.manage', staffTargets.grantOrg, { note: 'admin roles only below the caller’s post, in the service' }),
      invitations: staff('staff.manage', undefined, { note: 'open invitations of the caller’s subtree' }),
      revokeInvitation: staff('staff.manage', staffTargets.invitation, { note: 'as granting it, in the service' }),
      preview: user('whoever holds the code; wrong codes counted per user'),
      accept: user('whoever holds the code, once, before expiry'),
      roles: staff('staff.manage', undefined, { note: 'staff roles of the caller’s subtree (a union filter outside it: 403, in the service)' }),
      unions: staff('staff.manage', undefined, { note: 'the unions of the caller’s subtree' }),
      revokeRole: staff('staff.manage', staffTargets.grantOrg, { note: 'admin roles only from above; never one’s own, in the service' }),
    })
    .add('bookings', bookingsApi, {
      services: user('open services of the member’s union and those above it; empty for others'),
      service: memberOrStaff(BOOKING_DOOR, bookingTargets.service),
      book: member({ of: bookingTargets.slot, note: 'of the service union’s subtree; places and one-per-member kept by the database' }),
      mine: user(),
      booking: owner(bookingTargets.booking),
      cancel: owner(bookingTargets.booking, 'until the slot starts'),
      manageServices: staff(BOOKING_DOOR, undefined, { note: 'services of the caller’s subtree' }),
      createService: staff('services.manage', orgInBody('orgId')),
      updateService: staff('services.manage', bookingTargets.service, { deny: 404 }),
      manageService: staff(BOOKING_DOOR, bookingTargets.service, { deny: 404 }),
      addSlot: staff('services.manage', bookingTargets.service, { deny: 404 }),
      cancelSlot: staff('services.manage', bookingTargets.slot, { deny: 404, note: 'its bookings cancelled, each member told; audited' }),
      slotBookings: staff(BOOKING_DOOR, bookingTargets.slot, { deny: 404 }),
      checkin: staff(BOOKING_DOOR, bookingTargets.booking, { deny: 404, note: 'audited' }),
    })
    .add('unions', unionsApi, {
      list: staff('orgs.manage', undefined, { note: 'the unions of the caller’s subtree (a parentId outside it: 403)' }),
      detail: staff('orgs.manage', unionTargets.union),
      create: staff('orgs.manage', unionTargets.parent),
      update: staff('orgs.manage', unionTargets.union),
      move: staff('orgs.manage', unionTargets.union, { note: 'strictly below the caller’s post, to a parent inside the subtree, in the service' }),
      close: staff('orgs.manage', unionTargets.union, { note: 'strictly below the caller’s post, in the service' }),
      reopen: staff('orgs.manage', unionTargets.union, { note: 'strictly below the caller’s post, in the service' }),
      importDryRun: staff('orgs.manage', undefined, { note: 'each row’s parent checked against the caller’s subtree in the service' }),
      importCommit: staff('orgs.manage', undefined, { note: 'each row’s parent checked against the caller’s subtree in the service' }),
    })
    .add('stations', stationsApi, {
      list: anyone('public: nearest first, no login needed'),
      areas: anyone(),
      detail: anyone('public; a printed QR opens it; counted as a view'),
      checkin: anyone('打卡 is optional and anonymous-friendly; a valid token attributes it'),
      upload: user(),
      report: user('any logged-in user reports a problem'),
      keeping: staff('stations.keep', undefined, { note: 'a keeper’s bound stations; an admin’s subtree' }),
      setStatus: staff('stations.keep', stationTargets.station, { note: 'a keeper only at the stations bound to the grant' }),
      reports: staff('stations.keep', stationTargets.station, { note: 'a keeper only at the stations bound to the grant' }),
      resolve: staff('stations.keep', stationTargets.report, { note: 'a keeper only at the report’s station; the reporter gets a message' }),
      manage: staff('stations.manage', undefined, { note: 'stations of the caller’s subtree (an orgId outside it: 403)' }),
      create: staff('stations.manage', orgInBody('orgId')),
      update: staff('stations.manage', stationTargets.station, { note: 'and the new orgId, in the service' }),
      photoUpload: staff('stations.manage', undefined, { note: 'a station photo, the caller’s until a station of their subtree is saved with it' }),
      importDryRun: staff('stations.manage', undefined, { note: 'each row’s union checked against the caller’s subtree in the service' }),
      importCommit: staff('stations.manage', undefined, { note: 'each row’s union checked against the caller’s subtree in the service' }),
    })
    .add('moderation', moderationApi, {
      list: staff('content.moderate', undefined, { note: 'items of the unions in the caller’s subtree' }),
      approve: staff('content.moderate', moderationTargets.item, { note: 'the item’s union (the station’s, the event’s, the owner’s)' }),
      reject: staff('content.moderate', moderationTargets.item, { note: 'the item’s union; the owner gets a message' }),
      push: anyone('WeChat’s message push: WeChat’s signature when WECHAT_PUSH_TOKEN is set, else a trace id WeChat gave this server'),
      pushVerify: anyone('WeChat’s push URL check: answers only with WECHAT_PUSH_TOKEN set and a matching signature'),
    })
    // 个人信息保护 (issue 19): 注销账号, 退会, 下载我的数据, 更正.
    .add('privacy', privacyApi, {
      overview: user('the caller’s own requests'),
      requestErasure: user('the caller’s own account; revokes every session of it; audited'),
      requestDeparture: member({ note: 'the caller’s own membership; audited' }),
      withdrawDeparture: user('the caller’s own open 退会'),
      departures: staff('membership.review', undefined, { note: 'open 退会 of the unions in the caller’s subtree' }),
      confirmDeparture: staff('membership.review', departureTargets.staffDeparture, { note: 'the membership ends at once (card 无效); audited' }),
      requestCorrection: member({ note: 'the caller’s own name / phone; the new values sealed; audited' }),
      withdrawCorrection: user('the caller’s own open 更正'),
      corrections: staff('membership.review', undefined, { note: 'open 更正 of the unions in the caller’s subtree; the listing audited' }),
      approveCorrection: staff('membership.review', privacyTargets.staffCorrection, { note: 'the membership’s name / phone changed in the same transaction; audited; the member told' }),
      rejectCorrection: staff('membership.review', privacyTargets.staffCorrection, { note: 'with a reason; audited; the member told' }),
      requestExport: user('a copy of the caller’s own data; audited'),
      exportDetail: owner(privacyTargets.ownExport, 'signed links handed out only to the owner; audited'),
    })
    .add('dashboard', dashboardApi, {
      figures: staff('dashboard.view', dashboardTargets.union, { note: 'aggregates of the union’s subtree only' }),
      exportXlsx: staff('dashboard.view', dashboardTargets.union, { note: 'the same figures as .xlsx' }),
    })
    // 审计日志: the rows of the union's subtree (the writer placed each row in a union: audit-org.ts); rows of no union
    // only for admins of the root.
    .add('audit', auditApi, {
      list: staff('audit.view', auditTargets.union, { note: 'rows of the union’s subtree only' }),
      exportXlsx: staff('audit.view', auditTargets.union, { note: 'the same rows as .xlsx; the export is audited' }),
    })
}

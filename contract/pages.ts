/**
 * Every page of the mini-program, by capability — the one place a page path is written. The app navigates with
 * `pages.x.y.url(params)`, the server builds the links of its messages and applications with the same builders,
 * and `src/app.config.test.ts` checks this table against the pages the app declares. Zod-free (main package).
 */

type Query = Record<string, string | number | null | undefined>

export interface Page<P extends Query | void = void> {
  /** '/packages/vouchers/campaign/index' */
  readonly path: string
  /** The path with its query, e.g. `/packages/vouchers/campaign/index?id=7` (values URI-encoded, empty ones left out). */
  url(...params: P extends void ? [] : [P]): string
}

function page<P extends Query | void = void>(path: string): Page<P> {
  return {
    path,
    url: (...args: unknown[]) => {
      const q = Object.entries((args[0] as Query | undefined) ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '')
      return q.length ? `${path}?${q.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')}` : path
    },
  }
}

type Id = { id: number }

export const pages = {
  // main package: the tabs and login
  home: page('/pages/home/index'),
  welfare: page('/pages/welfare/index'),
  mine: page('/pages/mine/index'),
  login: page('/pages/login/index'),

  /** 扫码登录: "在电脑上登录工会工作台？" for a ticket scanned from the office console's QR. */
  consoleLogin: {
    confirm: page<{ ticket: string }>('/packages/console-login/confirm/index'),
  },
  account: {
    privacy: page('/packages/account/privacy/index'),
    /** 账号与安全: 下载我的数据, 退会, 注销账号 (issue 19). */
    security: page('/packages/account/security/index'),
    messages: page('/packages/account/messages/index'),
    /** 消息设置: WeChat notices per template (with the sends held), marketing notices on/off. */
    messageSettings: page('/packages/account/message-settings/index'),
  },
  membership: {
    join: page('/packages/membership/join/index'),
    /** 会员认证: a member already on a union's roster confirms who they are and gets the card at once. */
    claim: page('/packages/membership/claim/index'),
    status: page('/packages/membership/status/index'),
    card: page('/packages/membership/card/index'),
    merchants: page('/packages/membership/merchants/index'),
  },
  membershipStaff: {
    review: page('/packages/membership-staff/review/index'),
    reviewDetail: page<Id>('/packages/membership-staff/review-detail/index'),
    /** 退会与信息更正: the reviewer's 退会 and 更正 queues (issue 19), reached from 入会审核. */
    changes: page('/packages/membership-staff/changes/index'),
    verify: page('/packages/membership-staff/verify/index'),
    merchants: page('/packages/membership-staff/merchants/index'),
    /** 会员台账导入: the union's existing members from a spreadsheet. */
    roster: page('/packages/membership-staff/roster/index'),
  },
  vouchers: {
    campaign: page<Id>('/packages/vouchers/campaign/index'),
    mine: page('/packages/vouchers/mine/index'),
  },
  vouchersStaff: {
    redeem: page('/packages/vouchers-staff/redeem/index'),
    campaigns: page('/packages/vouchers-staff/campaigns/index'),
    stats: page<Id & { title?: string; opensAt?: string; closesAt?: string }>('/packages/vouchers-staff/campaign-stats/index'),
    /** 新建福利活动, or 编辑活动 with `id` (the same form, filled from the campaign). */
    edit: page<{ id?: number }>('/packages/vouchers-staff/campaign-new/index'),
  },
  events: {
    list: page('/packages/events/list/index'),
    detail: page<Id>('/packages/events/detail/index'),
    register: page<Id>('/packages/events/register/index'),
    registration: page<Id>('/packages/events/registration/index'),
    mine: page('/packages/events/mine/index'),
    /** A team: its captain's registration id. */
    team: page<Id>('/packages/events/team/index'),
    /** Without a code the page asks for one. */
    invite: page<{ code?: string }>('/packages/events/invite/index'),
    /** 志愿服务: the member's volunteer hours, total and per activity. */
    volunteer: page('/packages/events/volunteer/index'),
  },
  eventsStaff: {
    list: page('/packages/events-staff/list/index'),
    detail: page<Id>('/packages/events-staff/detail/index'),
    checkin: page<Id>('/packages/events-staff/checkin/index'),
    scores: page<Id>('/packages/events-staff/scores/index'),
    /** New event, or edit one with `id`. */
    edit: page<{ id?: number }>('/packages/events-staff/new/index'),
  },
  relief: {
    types: page('/packages/relief/types/index'),
    /** A new application of `type`, or the draft `id`. */
    apply: page<{ type?: string; id?: number }>('/packages/relief/apply/index'),
    detail: page<Id>('/packages/relief/detail/index'),
    notice: page('/packages/relief/notice/index'),
  },
  legal: {
    /** 法律援助: the hotline, the member's consultations, 我要咨询 */
    home: page('/packages/legal/home/index'),
    ask: page('/packages/legal/ask/index'),
    case: page<Id>('/packages/legal/case/index'),
  },
  legalStaff: {
    cases: page<{ filter?: string }>('/packages/legal-staff/cases/index'),
    case: page<Id>('/packages/legal-staff/case/index'),
  },
  reliefStaff: {
    review: page('/packages/relief-staff/review/index'),
    detail: page<Id>('/packages/relief-staff/detail/index'),
    /** 救助类型管理: the aid types of the unions an admin manages. */
    types: page('/packages/relief-staff/types/index'),
    /** A new aid type, or edit the type `key`. */
    typeEdit: page<{ key?: string }>('/packages/relief-staff/type-edit/index'),
    /** 下级工会自设类型的范围 (the limits a union sets for its sub-unions' own types), of the union `orgId`. */
    typeLimits: page<{ orgId?: number }>('/packages/relief-staff/type-limits/index'),
  },
  bookings: {
    /** 在线预约: the services the member may book. */
    list: page('/packages/bookings/list/index'),
    /** A service and its time slots. */
    service: page<Id>('/packages/bookings/service/index'),
    /** 我的预约. */
    mine: page('/packages/bookings/mine/index'),
  },
  bookingsStaff: {
    /** 预约服务管理: the services of the caller's subtree (admins and check-in staff). */
    services: page('/packages/bookings-staff/services/index'),
    /** 发布预约服务 (admins). */
    create: page('/packages/bookings-staff/new/index'),
    /** A service, its upcoming slots and (admins) 添加时段. */
    service: page<Id>('/packages/bookings-staff/service/index'),
    /** A slot's bookings and check-in at the door. */
    slot: page<Id>('/packages/bookings-staff/slot/index'),
  },
  applications: {
    mine: page('/packages/applications/mine/index'),
  },
  staff: {
    /** A staff invitation (or the bootstrap code): preview and 接受. Without a code the page asks for one. */
    invite: page<{ code?: string }>('/packages/staff-invite/invite/index'),
  },
  stations: {
    /** 爱心驿站: the map and the nearest-first list (no login needed). */
    list: page('/packages/stations/list/index'),
    /** A station's page: live status, problems, 打卡, navigation. Its printed QR carries this path with `id`. */
    station: page<Id>('/packages/stations/station/index'),
    /** 反馈问题 (logged in). */
    report: page<Id>('/packages/stations/report/index'),
  },
  stationsStaff: {
    /** 驿站值守: the stations I keep, their status and open problems. */
    keep: page('/packages/stations-staff/keep/index'),
    /** 驿站管理 (admins): stations of my unions with usage figures, create / edit. */
    manage: page('/packages/stations-staff/manage/index'),
    /** 新建 (no id) / 编辑驿站 (admins). */
    edit: page<{ id?: number }>('/packages/stations-staff/edit/index'),
    /** 导入驿站名单 (admins): .xlsx / .csv, checked row by row, then all or nothing. */
    import: page('/packages/stations-staff/import/index'),
  },
  staffAdmin: {
    /** 工作人员管理: roles of my subtree and open invitations. */
    list: page('/packages/staff-admin/staff/index'),
    invite: page('/packages/staff-admin/invite/index'),
  },
  unionsAdmin: {
    /** 工会组织: the unions of my posts and, level by level, their sub-unions; `id` opens inside that union. */
    tree: page<{ id?: number }>('/packages/unions-admin/tree/index'),
    /** A union's details and edit form (`id`), or a new sub-union of `parentId`. */
    union: page<{ id?: number; parentId?: number }>('/packages/unions-admin/union/index'),
    /** 导入工会名单: many unions from a spreadsheet. */
    import: page('/packages/unions-admin/import/index'),
  },
  moderationStaff: {
    /** 内容审核 (admins): user content held for review in my unions — 通过 / 不通过. */
    items: page('/packages/moderation-staff/items/index'),
  },
} as const

/** Every page, for the check against app.config. */
export function allPages(): Page<never>[] {
  const out: Page<never>[] = []
  const walk = (o: object) => {
    for (const v of Object.values(o)) {
      if (v && typeof v === 'object' && 'path' in v && 'url' in v) out.push(v as Page<never>)
      else if (v && typeof v === 'object') walk(v)
    }
  }
  walk(pages)
  return out
}

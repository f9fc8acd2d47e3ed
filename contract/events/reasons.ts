/**
 * 活动报名 refusals, declared once: the server refuses by these names (`refuse(EventReasons.REGISTRATION_CLOSED)`),
 * the response carries the name as `reason`, and a client branches on it, never on the text. The messages are what
 * the member, the captain or the organiser reads; times arrive formatted (China time). Zod-free.
 *
 * The EVENT_* names were ErrorCodes before (team invitations and check-in codes); they keep their names.
 */
import { defineReasons } from '../reasons'
import { REGISTRATION_STATUSES, type RegistrationStatus } from './labels'

const CHECKIN_REFUSED: Partial<Record<string, string>> = {
  pending: '该报名尚未通过审核，不能签到',
  waitlisted: '该报名仍在候补中，没有名额，不能签到',
  cancelled: '该报名已取消，不能签到',
  rejected: '该报名未通过审核，不能签到',
}

const CHECKIN_CODE_INVALID = {
  /** Not a member's check-in code at all (e.g. a voucher code scanned by mistake). */
  not_a_code: '这不是会员签到码，请让会员打开“我的报名”出示签到二维码',
  /** Forged, tampered, or for a registration that does not exist. */
  unknown: '签到码无效，请让会员打开“我的报名”重新出示',
  /** Genuine, but the member's session that asked for it has ended. */
  logged_out: '会员已退出登录，该签到码已失效，请让会员登录后重新出示',
} as const

export const EventReasons = defineReasons({
  // ---- finding an event, a registration, a team ----
  EVENT_NOT_FOUND: { status: 404, message: '活动不存在' },
  /** The caller's own registration (member pages). */
  REGISTRATION_NOT_FOUND: { status: 404, message: '报名记录不存在' },
  /** A registration id that is not one of this event's (organiser pages). */
  REGISTRATION_NOT_IN_EVENT: { status: 404, message: '报名不存在' },
  TEAM_NOT_FOUND: { status: 404, message: '队伍不存在' },
  /** The organiser list's `orgId` filter names a union outside the caller's post (office console). */
  EVENTS_UNION_OUTSIDE: { status: 403, message: '该工会不在您负责的范围内' },

  // ---- who may register (also the words of `registerHint.reason`) ----
  NOT_MEMBER: { status: 403, message: (p: { to: '报名' | '加入队伍' }) => `仅限工会会员${p.to}，请先申请入会` },
  OUT_OF_REACH: { status: 403, message: '您所在的工会不在本活动的报名范围内' },
  NOT_ELIGIBLE: { status: 403, message: (p: { types: string }) => `本活动仅限${p.types}报名，您不在报名范围内` },
  REGISTRATION_NOT_OPEN: { status: 409, message: (p: { opensAt: string }) => `报名尚未开始，将于 ${p.opensAt} 开放报名` },
  REGISTRATION_CLOSED: { status: 409, message: '报名已截止' },
  /** The no-show rule: `limit` no-shows within `windowDays` pause registering until `until`. */
  NO_SHOW_RESTRICTED: {
    status: 409,
    message: (p: { windowDays: number; limit: number; until: string }) =>
      `您在 ${p.windowDays} 天内有 ${p.limit} 次报名后未到场（未签到），${p.until} 前暂停报名活动`,
  },

  // ---- registering ----
  ALREADY_REGISTERED: { status: 409, message: '您已报名该活动，请勿重复报名' },
  /** 400 with `fields` (`answers.<qid>`): the first field's message. */
  ANSWERS_INVALID: { status: 400, message: (p: { first: string }) => p.first },
  TEAM_NOT_EXPECTED: { status: 400, message: '本活动为个人报名，无需填写队伍' },
  TEAM_NAME_REQUIRED: { status: 400, message: '本活动为团队报名，请填写队名' },
  UPLOAD_NOT_MULTIPART: { status: 415, message: '请以 multipart/form-data 上传文件' },
  UPLOAD_FILE_MISSING: { status: 400, message: '请选择要上传的图片或文件' },
  UPLOAD_FILE_EMPTY: { status: 400, message: '文件内容为空' },
  UPLOAD_FILE_TYPE: { status: 415, message: '只支持 JPG、PNG、WebP 图片或 PDF 文件' },

  // ---- cancelling ----
  NOT_CANCELLABLE: { status: 409, message: (p: { status: RegistrationStatus }) => `该报名${REGISTRATION_STATUSES[p.status]}，不能取消` },
  CANCEL_CUTOFF_PASSED: { status: 409, message: (p: { until: string }) => `已过取消截止时间（${p.until}），如有特殊情况请联系主办方` },

  // ---- check-in ----
  /** No code to show now: already checked in, team incomplete, or not confirmed (待审核 / 候补 …). */
  EVENT_CHECKIN_CODE_UNAVAILABLE: {
    status: 409,
    message: (p: { status: RegistrationStatus; teamForming: boolean }) =>
      p.status === 'checked_in'
        ? '您已签到，无需再出示签到码'
        : p.status === 'pending' && p.teamForming
          ? '队伍未组满，暂无签到码'
          : `该报名${REGISTRATION_STATUSES[p.status]}，暂无签到码`,
  },
  /** 400 beside `code`: malformed, forged, or the member's session ended. */
  EVENT_CHECKIN_CODE_INVALID: { status: 400, message: (p: { why: keyof typeof CHECKIN_CODE_INVALID }) => CHECKIN_CODE_INVALID[p.why] },
  /** 400 beside `code`: past its ~60 s life. */
  EVENT_CHECKIN_CODE_EXPIRED: { status: 400, message: '二维码已过期，请让会员刷新后重新出示' },
  CHECKIN_CODE_OTHER_EVENT: { status: 404, message: '该签到码不是本活动的报名' },
  /** 400 beside `token`: the event QR a member scanned is forged or older than its 1–2 minutes. */
  CHECKIN_QR_INVALID: { status: 400, message: '签到二维码无效或已过期，请重新扫描现场二维码' },
  NOT_REGISTERED: { status: 404, message: (p: { title: string }) => `您没有报名「${p.title}」，不能签到` },
  CHECKIN_NOT_OPEN: { status: 409, message: (p: { opensAt: string }) => `签到尚未开始，将于 ${p.opensAt} 开始签到` },
  CHECKIN_CLOSED: { status: 409, message: '活动已结束，签到已关闭' },
  /** The stored status of a registration that is not confirmed (pending, waitlisted, cancelled, rejected). */
  NOT_CONFIRMED: { status: 409, message: (p: { status: string }) => CHECKIN_REFUSED[p.status] ?? '该报名不能签到' },
  /** A team below its minimum size: cannot be checked in (nor approved: the decision row says the same). */
  TEAM_INCOMPLETE: {
    status: 409,
    message: (p: { size: number; min: number; action: '签到' | '通过' }) => `队伍未组满（${p.size}/${p.min} 人），不能${p.action}`,
  },

  // ---- organisers ----
  ORG_NOT_FOUND: { status: 400, message: '所选工会不存在' },
  ORG_FIXED: { status: 400, message: '主办工会不能修改' },
  ENDS_IN_PAST: { status: 400, message: '结束时间须晚于当前时间' },
  EVENT_ENDED: { status: 409, message: '活动已结束，不能修改' },
  /** 400 with `fields`: what registrations depend on cannot change once anyone registered. */
  EVENT_FROZEN: { status: 400, message: (p: { what: string }) => `已有会员报名，不能修改${p.what}` },
  CAPACITY_BELOW_TAKEN: { status: 400, message: (p: { taken: number }) => `已有 ${p.taken} 个名额被占用，名额不能少于 ${p.taken}` },
  NOT_SCORED: { status: 409, message: '该活动不是竞赛类活动，没有成绩与名次' },
  SCORES_NOT_OPEN: { status: 409, message: (p: { opensAt: string }) => `签到开始（${p.opensAt}）后才能录入成绩` },
  /** 400 with `fields` (`scores.<i>.registrationId`): the first field's message. */
  SCORES_INVALID: { status: 400, message: (p: { first: string }) => p.first },

  // ---- teams: the captain and team-mates ----
  TEAM_MEMBER_NOT_FOUND: { status: 404, message: '该队员不在队伍中' },
  INVITE_NOT_OF_TEAM: { status: 404, message: '邀请不存在' },
  CAPTAIN_NOT_REMOVABLE: { status: 400, message: '队长不能移出自己；如不参加，请取消报名' },
  CAPTAIN_CANNOT_LEAVE: { status: 400, message: '队长不能退出队伍；如不参加，请取消报名' },
  /** The team can no longer change: its registration ended, or the deadline (`closedAt`) passed. */
  EVENT_TEAM_LOCKED: {
    status: 409,
    message: (p: { closedAt?: string } = {}) => (p.closedAt ? `报名已于 ${p.closedAt} 截止，队伍不能再变更` : '该队伍的报名已结束，不能再变更'),
  },
  /** The team has its maximum number of members (`max` when inviting). */
  EVENT_TEAM_FULL: { status: 409, message: (p: { max?: number } = {}) => (p.max ? `队伍已满（最多 ${p.max} 人），不能再邀请` : '队伍已满，不能再加入') },
  /** The caller is in a team of this event already (`same`: this very team). Names no team or person. */
  EVENT_TEAM_ALREADY: {
    status: 409,
    message: (p: { same?: boolean } = {}) => (p.same ? '您已在该队伍中' : '您已在本活动的一支队伍中，不能再报名或加入其他队伍'),
  },
  EVENT_INVITE_LIMIT: { status: 409, message: (p: { pending: number }) => `已有 ${p.pending} 个邀请未被接受，请先撤回不用的邀请` },

  // ---- teams: whoever holds an invitation ----
  /** No invitation has this code (counts towards EVENT_INVITE_RATE_LIMITED). */
  EVENT_INVITE_NOT_FOUND: { status: 404, message: '邀请码无效，请向队长核对' },
  EVENT_INVITE_RATE_LIMITED: { status: 429, message: (p: { minutes: number }) => `邀请码输错次数过多，请 ${p.minutes} 分钟后再试` },
  /** Single use: accepted already (`withdraw`: the captain tried to withdraw it). */
  EVENT_INVITE_USED: {
    status: 409,
    message: (p: { withdraw?: boolean } = {}) => (p.withdraw ? '该邀请已被接受，不能撤回；如需调整请移出该队员' : '该邀请已被使用，请向队长索取新的邀请'),
  },
  EVENT_INVITE_WITHDRAWN: { status: 409, message: '该邀请已被队长撤回' },
  /** The deadline passed or the team's registration ended (`why`: the registration window's own words). */
  EVENT_INVITE_CLOSED: { status: 409, message: (p: { why?: string } = {}) => p.why ?? '报名已截止或该队伍已取消报名，不能再加入' },

  // ---- 志愿服务: check-out records the hours ----
  /** Check-out is for volunteer activities only (their hours are recorded). */
  CHECKOUT_NOT_VOLUNTEER: { status: 409, message: '只有志愿服务活动需要签退' },
  /** Check-out needs a check-in first (`status`: the registration's status). */
  CHECKOUT_NOT_CHECKED_IN: { status: 409, message: '该会员尚未签到，不能签退' },
})

export type EventReason = keyof typeof EventReasons

/**
 * 工作人员与邀请 refusals, declared once (`refuse(StaffReasons.X)` on the server, `hasReason` in the app). Zod-free.
 */
import { defineReasons } from '../reasons'

export const StaffReasons = defineReasons({
  /** `npm run admin -- bootstrap` on a database that already has its root union. */
  STAFF_ROOT_EXISTS: { status: 409, message: (p: { name: string }) => `已存在根工会「${p.name}」，不能重复初始化` },
  /** The org of an invitation or a role lies outside every subtree where the caller is admin. */
  STAFF_OUTSIDE_SUBTREE: { status: 403, message: '只能为本级及下级工会授予或撤销角色' },
  /** An admin role at the caller's own union or above: only an admin above it may grant or revoke it. */
  STAFF_ADMIN_NOT_BELOW: { status: 403, message: '管理员角色只能由上级工会授予或撤销' },
  STAFF_OWN_ADMIN: { status: 403, message: '不能撤销自己的管理员角色' },
  STAFF_ORG_UNKNOWN: { status: 400, message: '所选工会不存在' },
  /** The union was closed (撤销): nobody is appointed there any more. */
  STAFF_ORG_CLOSED: { status: 409, message: '该工会已撤销，不能再任命工作人员' },
  STAFF_VENUES_REQUIRED: { status: 400, message: '场馆核销员须选择至少一个场馆' },
  STAFF_VENUES_NOT_ALLOWED: { status: 400, message: '只有场馆核销员需要选择场馆' },
  STAFF_VENUE_UNKNOWN: { status: 400, message: '所选场馆不存在、已停用或不属于该工会' },
  STAFF_STATIONS_REQUIRED: { status: 400, message: '驿站站长须选择至少一个驿站' },
  STAFF_STATIONS_NOT_ALLOWED: { status: 400, message: '只有驿站站长需要选择驿站' },
  STAFF_STATION_UNKNOWN: { status: 400, message: '所选驿站不存在或不属于该工会' },
  STAFF_INVITE_NOT_FOUND: { status: 404, message: '邀请码无效，请核对后重试' },
  /** An invitation named by id (to revoke it) that does not exist. */
  STAFF_INVITATION_NOT_FOUND: { status: 404, message: '邀请不存在' },
  STAFF_INVITE_RATE_LIMITED: { status: 429, message: (p: { minutes: number }) => `错误的邀请码次数过多，请 ${p.minutes} 分钟后再试` },
  STAFF_INVITE_USED: { status: 409, message: '该邀请已被使用' },
  STAFF_INVITE_EXPIRED: { status: 410, message: '该邀请已过期，请联系邀请人重新发送' },
  STAFF_INVITE_REVOKED: { status: 410, message: '该邀请已被撤回' },
  STAFF_ROLE_ALREADY: { status: 409, message: '您已在该工会担任此角色' },
  STAFF_ROLE_NOT_FOUND: { status: 404, message: '该人员未在该工会担任此角色' },
})

export type StaffReason = keyof typeof StaffReasons

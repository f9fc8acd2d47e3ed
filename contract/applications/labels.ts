/** 我的申请: every application in the app in one list — the kinds and a capability-neutral state. Zod-free. */
import { keysOf } from '../labels'

/** The capabilities whose applications appear in 我的申请. */
export const APPLICATION_KINDS = {
  relief: '帮扶救助',
  membership: '入会申请',
  event: '活动报名审批',
  legal: '法律援助',
} as const
export type ApplicationKind = keyof typeof APPLICATION_KINDS
export const APPLICATION_KIND_KEYS = keysOf(APPLICATION_KINDS)

/** A capability-neutral status, for the list's colour/icon and filters; the precise wording is `stageLabel`. */
export const APPLICATION_STATES = {
  draft: '草稿',
  in_review: '处理中',
  action_required: '需要您处理',
  approved: '已通过',
  completed: '已完成',
  rejected: '未通过',
  withdrawn: '已撤回',
} as const
export type ApplicationState = keyof typeof APPLICATION_STATES
export const APPLICATION_STATE_KEYS = keysOf(APPLICATION_STATES)

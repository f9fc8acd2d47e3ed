/** 个人信息保护 refusals (注销账号, 退会, 下载我的数据), declared once (see contract/reasons.ts). Zod-free. */
import { defineReasons } from '../reasons'

export const PrivacyReasons = defineReasons({
  /** 400 beside `confirm`: the member must tick that they read the consequences. */
  PRIVACY_CONFIRM_REQUIRED: { status: 400, message: '请确认已阅读注销后果' },
  /** 409: a departure is already waiting for the union. */
  DEPARTURE_PENDING: { status: 409, message: '您已提交退会申请，请等待工会确认' },
  DEPARTURE_NOT_FOUND: { status: 404, message: '退会申请不存在' },
  /** 409: confirmed, completed or withdrawn already. */
  DEPARTURE_DECIDED: { status: 409, message: '该退会申请已处理' },
  /** 403: the departure's union is outside the caller's post. */
  DEPARTURE_OUTSIDE_SCOPE: { status: 403, message: '该退会申请不属于您负责的工会' },
  EXPORT_NOT_FOUND: { status: 404, message: '数据副本不存在' },
  /** 410: older than the days it is kept. */
  EXPORT_EXPIRED: { status: 410, message: '数据副本已过期，请重新申请' },
  /** 409: still being prepared. */
  EXPORT_NOT_READY: { status: 409, message: '数据副本正在准备中，请稍后再来下载' },
})

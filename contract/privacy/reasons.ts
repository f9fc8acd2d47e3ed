/** 个人信息保护 refusals (注销账号, 退会, 下载我的数据, 更正), declared once (see contract/reasons.ts). Zod-free. */
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
  /** 400 beside `name`: not a name as the ID card writes it. */
  CORRECTION_NAME_INVALID: { status: 400, message: '姓名请使用中文（2–20 个字），少数民族姓名可用“·”分隔' },
  /** 400 beside `phone`: not a mainland mobile number. */
  CORRECTION_PHONE_INVALID: { status: 400, message: '请输入正确的 11 位手机号码' },
  /** 400 beside `phone`: the membership has no phone on file (a membership from before phones were taken). */
  CORRECTION_NO_PHONE_ON_FILE: { status: 400, message: '您的会籍没有登记手机号，请联系所在工会补录' },
  /** 400: neither a new name nor a new phone differs from what is on file. */
  CORRECTION_UNCHANGED: { status: 400, message: '新的姓名和手机号与现有信息相同，无需更正' },
  /** 409: one correction at a time. */
  CORRECTION_PENDING: { status: 409, message: '您已提交更正申请，请等待工会审核' },
  CORRECTION_NOT_FOUND: { status: 404, message: '更正申请不存在' },
  /** 409: approved, rejected or withdrawn already. */
  CORRECTION_DECIDED: { status: 409, message: '该更正申请已处理' },
  /** 403: the request's union is outside the caller's post. */
  CORRECTION_OUTSIDE_SCOPE: { status: 403, message: '该更正申请不属于您负责的工会' },
  /** 400 beside `note`: a rejection says why. */
  CORRECTION_REJECT_NOTE_REQUIRED: { status: 400, message: '请填写不予更正的原因' },
  /** 409: the person is no longer a member (left the union meanwhile): there is nothing to correct. */
  CORRECTION_NOT_MEMBER: { status: 409, message: '该会员已不在会，无法更正' },
})

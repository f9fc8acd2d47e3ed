/** 扫码登录 refusals (the office console's QR login and 退出电脑登录). Zod-free. */
import { defineReasons } from '../reasons'

export const ConsoleReasons = defineReasons({
  /** No such ticket (mistyped, or from another server). */
  TICKET_NOT_FOUND: { status: 404, message: '二维码无效，请在电脑上刷新二维码后重新扫码' },
  /** Past its 2 minutes. */
  TICKET_EXPIRED: { status: 410, message: '二维码已过期，请在电脑上刷新二维码后重新扫码' },
  /** Confirmed (or cancelled) already: a QR logs in once. */
  TICKET_USED: { status: 409, message: '该二维码已使用，请在电脑上刷新二维码后重新扫码' },
  /** The console's poll with a wrong secret (someone who only saw the QR). */
  TICKET_SECRET_MISMATCH: { status: 403, message: '无权查看该登录请求' },
  /** The confirmer holds no staff role. */
  NOT_STAFF: { status: 403, message: '工会工作台仅供工会工作人员使用，您的账号没有工作人员身份' },
  /** A console session cannot log another console in: confirm from the mini-program. */
  CONFIRM_FROM_PHONE: { status: 403, message: '请使用工会小程序扫码确认登录' },
})

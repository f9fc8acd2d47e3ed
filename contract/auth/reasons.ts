/**
 * Login and profile refusals, declared once; WeChat's answers (jscode2session, getuserphonenumber) become these too.
 * The server refuses by name (`refuse(AuthReasons.LOGIN_MODE_DISABLED)`), the response carries the name as
 * `reason`. Zod-free.
 */
import { defineReasons, type ReasonDef } from '../reasons'

/** Which WeChat call failed: the words differ for a login and for the phone number (手机号快速验证). */
type WechatCall = { phone?: boolean }

export const AuthReasons = defineReasons({
  // ---- logging in ----
  /** The login asked for is not the one this server offers (演示登录 outside dev mode …). */
  LOGIN_MODE_DISABLED: { status: 403, message: '当前环境未开放此登录方式' },
  /** 演示登录 with a persona that does not exist (beside `persona`). */
  PERSONA_UNKNOWN: { status: 400, message: '未知的演示身份' },
  /** Cloud Hosting login without the gateway's X-WX-OPENID header (not opened inside the mini-program). */
  WECHAT_IDENTITY_MISSING: { status: 401, message: '未获取到微信身份，请在小程序内打开' },

  // ---- WeChat's answers ----
  WECHAT_CODE_INVALID: {
    status: 400,
    message: (p: WechatCall = {}) => (p.phone ? '手机号授权凭证无效，请重新授权' : '登录凭证无效或已过期，请重新登录'),
  },
  WECHAT_TOO_FREQUENT: { status: 429, message: (p: WechatCall = {}) => (p.phone ? '操作太频繁，请稍后再试' : '登录太频繁，请稍后再试') },
  WECHAT_RISKY_USER: { status: 403, message: '该微信账号存在风险，暂时无法登录' },
  /** WeChat is down or answered nonsense (503); see WECHAT_TIMED_OUT for no answer in time. */
  WECHAT_UNAVAILABLE: {
    status: 503,
    message: (p: WechatCall = {}) => (p.phone ? '微信服务暂时不可用，请稍后重试或手动填写手机号' : '微信服务暂时不可用，请稍后重试'),
  },

  // ---- the profile ----
  USER_NOT_FOUND: { status: 404, message: '用户不存在' },
  AVATAR_NOT_MULTIPART: { status: 415, message: '请以 multipart/form-data 上传图片' },
  /** Beside `file`. */
  AVATAR_FILE_MISSING: { status: 400, message: '请选择要上传的图片' },
  /** Beside `file`. */
  AVATAR_EMPTY: { status: 400, message: '图片内容为空' },
  /** The bytes are not a JPEG, PNG or WebP image, whatever the file is called. */
  AVATAR_TYPE_UNSUPPORTED: { status: 415, message: '只支持 JPG、PNG 或 WebP 格式的图片' },
})

/** WeChat did not answer within WECHAT_TIMEOUT_MS: the reason WECHAT_UNAVAILABLE (clients treat both alike), as 408. */
export const WECHAT_TIMED_OUT: ReasonDef = { reason: 'WECHAT_UNAVAILABLE', status: 408, message: () => '微信服务响应超时，请稍后重试' }

export type AuthReason = keyof typeof AuthReasons

/**
 * The one error shape every API error has: `{ code, reason, message, fields? }`.
 * `code` is the class of the error (VALIDATION, FORBIDDEN, NOT_FOUND, CONFLICT …); `reason` the stable machine name
 * of this very refusal (SOLD_OUT, NOT_OPEN, VENUE_NOT_BOUND …, declared once with its Chinese message in
 * `contract/<cap>/reasons.ts`; the class itself when nothing more specific applies). Clients branch on `reason`,
 * never on the text. `message` is Simplified Chinese and safe to show to the user; `fields` maps a form field
 * (dot path, e.g. `idNumber` or `members.0.name`) to the message to show beside that field.
 * Zod-free so the app can use the codes at runtime.
 */
export interface ErrorBody {
  code: ErrorCode | string
  reason: string
  message: string
  fields?: Record<string, string>
  /** Request id, to quote to support. */
  requestId?: string
}

export const ErrorCodes = {
  BAD_REQUEST: 'BAD_REQUEST',
  VALIDATION: 'VALIDATION',
  INVALID_JSON: 'INVALID_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  /**
   * Logged in, but not a member of a union (the endpoint is for members): the one reason shared by every capability,
   * given by the access gate (server/src/http/access.ts) and by services that find no membership.
   */
  NOT_MEMBER: 'NOT_MEMBER',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  NETWORK: 'NETWORK',
  /** A service we depend on (WeChat, the object store) did not answer in time or at all. */
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
  // relief (帮扶救助): RELIEF_TYPE_FORBIDDEN, RELIEF_TYPE_OWNER_FIXED, RELIEF_TYPE_LIMITS, RELIEF_LEVEL_REQUIRED moved to
  // contract/relief/reasons.ts (same names) with every other relief refusal.
  // vouchers (福利券): every refusal in contract/vouchers/reasons.ts (VoucherReasons).

  // events (活动报名): the EVENT_* refusals live in contract/events/reasons.ts (EventReasons), same names.
  // membership: MEMBERSHIP_ID_* in contract/membership/reasons.ts; auth: WECHAT_*, LOGIN_MODE_DISABLED in
  // contract/auth/reasons.ts; files: UPLOAD_QUOTA_EXCEEDED in contract/files/reasons.ts.
  // content security (内容审核, issue 15): CONTENT_RISKY (400, beside the field the text came from) and the
  // MODERATION_* refusals live in contract/moderation/reasons.ts (ModerationReasons).
  // 个人信息保护 (issue 19: 注销账号, 退会, 下载我的数据): PRIVACY_CONFIRM_REQUIRED, DEPARTURE_PENDING, DEPARTURE_NOT_FOUND,
  // DEPARTURE_DECIDED, DEPARTURE_OUTSIDE_SCOPE, EXPORT_NOT_FOUND, EXPORT_EXPIRED, EXPORT_NOT_READY live in
  // contract/privacy/reasons.ts (PrivacyReasons).
} as const

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes]

/** Header through which the server hands out a renewed session token. */
export const SESSION_HEADER = 'authorization'
export const RENEWED_TOKEN_HEADER = 'x-session-token'

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
  // --- relief (帮扶救助) security review, issue 11 ---
  /** 403: the aid type belongs to another union; only admins of the owning union edit it. */
  RELIEF_TYPE_FORBIDDEN: 'RELIEF_TYPE_FORBIDDEN',
  /** 409: a type's owning union cannot be changed. */
  RELIEF_TYPE_OWNER_FIXED: 'RELIEF_TYPE_OWNER_FIXED',
  /** 400 (with `fields`): a sub-union's type goes beyond the limits set above it (amount ceiling, field kinds). */
  RELIEF_TYPE_LIMITS: 'RELIEF_TYPE_LIMITS',
  /** 403: 复核 / 公示 / 发放 / objection answers need the role at the type's 复核 level (e.g. the 区总工会). */
  RELIEF_LEVEL_REQUIRED: 'RELIEF_LEVEL_REQUIRED',
  // --- end relief ---
  // --- vouchers (福利券, security review issue 11) ---
  /** 403: a venue-bound staff member redeeming at a venue their role is not bound to (您不是该场馆的核销员). */
  VENUE_NOT_BOUND: 'VENUE_NOT_BOUND',
  /** 403: a campaign's figures and export are for its managers (`campaigns.manage`) only. */
  CAMPAIGN_MANAGERS_ONLY: 'CAMPAIGN_MANAGERS_ONLY',
  // --- end vouchers ---

  // ---- events (活动报名): team invitations and the member's check-in code (sec/events) ----
  /** 404: no invitation has this code (counts towards EVENT_INVITE_RATE_LIMITED). */
  EVENT_INVITE_NOT_FOUND: 'EVENT_INVITE_NOT_FOUND',
  /** 429: too many wrong invitation codes by this user; the message says when to try again. */
  EVENT_INVITE_RATE_LIMITED: 'EVENT_INVITE_RATE_LIMITED',
  /** 409: the invitation was accepted already (single use). */
  EVENT_INVITE_USED: 'EVENT_INVITE_USED',
  /** 409: the captain withdrew the invitation. */
  EVENT_INVITE_WITHDRAWN: 'EVENT_INVITE_WITHDRAWN',
  /** 409: the registration deadline passed or the team's registration ended. */
  EVENT_INVITE_CLOSED: 'EVENT_INVITE_CLOSED',
  /** 409: the captain already has the most pending invitations allowed. */
  EVENT_INVITE_LIMIT: 'EVENT_INVITE_LIMIT',
  /** 409: the team has its maximum number of members. */
  EVENT_TEAM_FULL: 'EVENT_TEAM_FULL',
  /** 409: the caller is already in a team of this event (or its captain). */
  EVENT_TEAM_ALREADY: 'EVENT_TEAM_ALREADY',
  /** 409: the team can no longer change (deadline passed, registration ended or checked in). */
  EVENT_TEAM_LOCKED: 'EVENT_TEAM_LOCKED',
  /** 400: the member's check-in code is past its ~60 s life. */
  EVENT_CHECKIN_CODE_EXPIRED: 'EVENT_CHECKIN_CODE_EXPIRED',
  /** 400: the check-in code is malformed, forged, or its session ended (logged out). */
  EVENT_CHECKIN_CODE_INVALID: 'EVENT_CHECKIN_CODE_INVALID',
  /** 409: no check-in code for this registration now (not confirmed, already checked in, event over). */
  EVENT_CHECKIN_CODE_UNAVAILABLE: 'EVENT_CHECKIN_CODE_UNAVAILABLE',
  // Moved to reasons (issue 12): WECHAT_* and LOGIN_MODE_DISABLED → contract/auth/reasons.ts,
  // MEMBERSHIP_ID_* → contract/membership/reasons.ts, UPLOAD_QUOTA_EXCEEDED → contract/files/reasons.ts.
} as const

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes]

/** Header through which the server hands out a renewed session token. */
export const SESSION_HEADER = 'authorization'
export const RENEWED_TOKEN_HEADER = 'x-session-token'

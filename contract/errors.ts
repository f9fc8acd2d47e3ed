/**
 * The one error shape every API error has: `{ code, message, fields? }`.
 * `message` is Simplified Chinese and safe to show to the user; `fields` maps a form field
 * (dot path, e.g. `idNumber` or `members.0.name`) to the message to show beside that field.
 * Zod-free so the app can use the codes at runtime.
 */
export interface ErrorBody {
  code: ErrorCode | string
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
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  WECHAT_CODE_INVALID: 'WECHAT_CODE_INVALID',
  WECHAT_TOO_FREQUENT: 'WECHAT_TOO_FREQUENT',
  WECHAT_RISKY_USER: 'WECHAT_RISKY_USER',
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  LOGIN_MODE_DISABLED: 'LOGIN_MODE_DISABLED',
  NETWORK: 'NETWORK',
  INTERNAL: 'INTERNAL',
  // --- security platform (issue 11) ---
  /** 429: the user's uploads of the last 24 hours reached UPLOAD_QUOTA_FILES_PER_DAY / UPLOAD_QUOTA_MB_PER_DAY. */
  UPLOAD_QUOTA_EXCEEDED: 'UPLOAD_QUOTA_EXCEEDED',
  // --- end security platform ---
} as const

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes]

/** Header through which the server hands out a renewed session token. */
export const SESSION_HEADER = 'authorization'
export const RENEWED_TOKEN_HEADER = 'x-session-token'

import { ErrorCodes, type ErrorCode } from '@contract/errors'
import { classOfStatus, type ReasonDef } from '@contract/reasons'

/** The classes an error body's `code` may take; any other code given to AppError is a reason. */
const CLASSES: ReadonlySet<string> = new Set([
  ErrorCodes.BAD_REQUEST,
  ErrorCodes.VALIDATION,
  ErrorCodes.INVALID_JSON,
  ErrorCodes.PAYLOAD_TOO_LARGE,
  ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
  ErrorCodes.UNAUTHENTICATED,
  ErrorCodes.SESSION_EXPIRED,
  ErrorCodes.FORBIDDEN,
  ErrorCodes.NOT_FOUND,
  ErrorCodes.CONFLICT,
  ErrorCodes.RATE_LIMITED,
  ErrorCodes.INTERNAL,
  ErrorCodes.UNAVAILABLE,
])

/**
 * An error meant for the client: thrown anywhere (route, service, policy), rendered by the one
 * error handler as `{ code, reason, message, fields?, requestId }` with this status. `message` is Chinese.
 * Given a class as `code`, the reason is the class; given a reason (e.g. VENUE_NOT_BOUND), the class follows
 * from the status. Prefer `refuse(Reasons.X, params)`: the reason and its message from the contract.
 */
export class AppError extends Error {
  readonly code: ErrorCode | string
  readonly reason: string
  constructor(
    readonly statusCode: number,
    codeOrReason: ErrorCode | string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'AppError'
    const isClass = CLASSES.has(codeOrReason)
    this.code = isClass ? codeOrReason : classOfStatus(statusCode)
    this.reason = codeOrReason
  }
}

/** The refusal `def` (declared in contract/<cap>/reasons.ts) with its message; `fields` to show beside a field. */
export function refuse<P>(def: ReasonDef<P>, ...rest: P extends void ? [params?: P, fields?: Record<string, string>] : [params: P, fields?: Record<string, string>]): AppError {
  const [params, fields] = rest as [P, Record<string, string> | undefined]
  const message = def.message(params)
  return new AppError(def.status, def.reason, message, fields)
}

/** `refuse`, with the message shown beside the form field `field` as well (the field the refusal is about). */
export function refuseAt<P>(field: string, def: ReasonDef<P>, ...rest: P extends void ? [params?: P] : [params: P]): AppError {
  const message = def.message(rest[0] as P)
  return new AppError(def.status, def.reason, message, { [field]: message })
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError

export const Errors = {
  unauthenticated: (message = '请先登录') => new AppError(401, ErrorCodes.UNAUTHENTICATED, message),
  sessionExpired: () => new AppError(401, ErrorCodes.SESSION_EXPIRED, '登录已过期，请重新登录'),
  invalidSession: () => new AppError(401, ErrorCodes.UNAUTHENTICATED, '登录已过期，请重新登录'),
  forbidden: (message = '没有权限执行此操作') => new AppError(403, ErrorCodes.FORBIDDEN, message),
  notFound: (message = '内容不存在') => new AppError(404, ErrorCodes.NOT_FOUND, message),
  conflict: (message: string) => new AppError(409, ErrorCodes.CONFLICT, message),
  validation: (fields: Record<string, string>, message?: string) =>
    new AppError(400, ErrorCodes.VALIDATION, message ?? Object.values(fields)[0] ?? '请求参数有误', fields),
}

import { ErrorCodes, type ErrorCode } from '@contract/errors'

/**
 * An error meant for the client: thrown anywhere (route, service, policy), rendered by the one
 * error handler as `{ code, message, fields?, requestId }` with this status. `message` is Chinese.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode | string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'AppError'
  }
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
  loginModeDisabled: () => new AppError(403, ErrorCodes.LOGIN_MODE_DISABLED, '当前环境未开放此登录方式'),
}

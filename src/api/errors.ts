import { ErrorCodes, type ErrorBody, type ErrorCode } from '@contract/errors'

export const NETWORK_MESSAGE = '网络不给力，请检查网络后重试'
export const UNAVAILABLE_MESSAGE = '服务暂时不可用，请稍后再试'

/** The one error every API failure becomes. `message` is Simplified Chinese and safe to show. */
export class ApiError extends Error {
  /** The class: VALIDATION, FORBIDDEN, NOT_FOUND, CONFLICT, NETWORK … */
  readonly code: string
  /** The stable name of this refusal (contract/<cap>/reasons.ts): branch on it, never on the message. */
  readonly reason: string
  readonly status: number
  readonly fields: Record<string, string>
  readonly requestId?: string

  constructor(init: { code: string; reason?: string; message: string; status: number; fields?: Record<string, string>; requestId?: string }) {
    super(init.message)
    this.name = 'ApiError'
    this.code = init.code
    this.reason = init.reason ?? init.code
    this.status = init.status
    this.fields = init.fields ?? {}
    this.requestId = init.requestId
  }

  /** The message to show beside a form field, if the server named that field. */
  field(name: string): string | undefined {
    return this.fields[name]
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError
}

/**
 * The refusal is this one — a reason declared in `contract/<cap>/reasons.ts` (`VoucherReasons.SOLD_OUT`) or a code of
 * `contract/errors.ts` (`ErrorCodes.NOT_MEMBER`): branch on it, never on the message.
 */
export function hasReason(err: unknown, reason: ErrorCode | { readonly reason: string }): boolean {
  return err instanceof ApiError && err.reason === (typeof reason === 'string' ? reason : reason.reason)
}

/**
 * No answer (offline, timeout) or the server's own fault (5xx): worth trying again by itself. A refusal (4xx) is not:
 * the user has to change something first.
 */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true
  return err.status === 0 || err.status >= 500
}

/** A message for the user from anything thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message
  // Our own adapters throw Errors with Chinese messages; anything else is not for users' eyes.
  if (err instanceof Error && /[\u4e00-\u9fa5]/.test(err.message)) return err.message
  return '操作失败，请稍后再试'
}

export function networkError(): ApiError {
  return new ApiError({ code: ErrorCodes.NETWORK, message: NETWORK_MESSAGE, status: 0 })
}

const STATUS_MESSAGES: Record<number, [string, string]> = {
  400: [ErrorCodes.BAD_REQUEST, '请求有误，请检查后重试'],
  401: [ErrorCodes.UNAUTHENTICATED, '登录已失效，请重新登录'],
  403: [ErrorCodes.FORBIDDEN, '没有权限进行此操作'],
  404: [ErrorCodes.NOT_FOUND, '请求的内容不存在'],
  409: [ErrorCodes.CONFLICT, '操作冲突，请刷新后重试'],
  413: [ErrorCodes.PAYLOAD_TOO_LARGE, '文件太大，请换一个小一些的文件'],
  429: [ErrorCodes.RATE_LIMITED, '操作太频繁，请稍后再试'],
}

function isErrorBody(data: unknown): data is ErrorBody {
  return typeof data === 'object' && data !== null && typeof (data as ErrorBody).message === 'string' && (data as ErrorBody).message !== ''
}

/** Maps a non-2xx response (body already JSON-parsed when possible) to an ApiError. */
export function errorFromResponse(status: number, data: unknown): ApiError {
  if (isErrorBody(data)) {
    return new ApiError({
      code: typeof data.code === 'string' && data.code ? data.code : STATUS_MESSAGES[status]?.[0] ?? ErrorCodes.INTERNAL,
      reason: typeof data.reason === 'string' && data.reason ? data.reason : undefined,
      message: data.message,
      status,
      fields: data.fields && typeof data.fields === 'object' ? data.fields : undefined,
      requestId: typeof data.requestId === 'string' ? data.requestId : undefined,
    })
  }
  const known = STATUS_MESSAGES[status]
  const isJsonObject = typeof data === 'object' && data !== null
  // A JSON 4xx without a message, or a gateway's non-JSON 401/413/429: the status says enough.
  if (known && (isJsonObject || status === 401 || status === 413 || status === 429)) {
    return new ApiError({ code: known[0], message: known[1], status })
  }
  // 5xx, gateway HTML pages, empty or non-JSON bodies…
  return new ApiError({ code: ErrorCodes.INTERNAL, message: UNAVAILABLE_MESSAGE, status })
}

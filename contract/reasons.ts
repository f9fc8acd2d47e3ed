/**
 * Refusals, declared once: each capability lists its refusals in `contract/<cap>/reasons.ts` with `defineReasons`
 * — a stable machine name, the HTTP status and the Chinese message (a template when it names a time, a count, a
 * venue …). The server refuses by name (`refuse(VoucherReasons.SOLD_OUT, {…})`), the response carries the name as
 * `reason`, and the app branches on it. Rewording a message changes nothing a client decides.
 * Zod-free: the app imports reasons at runtime.
 */

/** 4xx refusals; 408 / 503 for a service we depend on (WeChat, the database) that did not answer. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 408 | 409 | 410 | 413 | 415 | 422 | 429 | 503

export interface ReasonDef<P = void> {
  readonly reason: string
  readonly status: RefusalStatus
  /** The Chinese message (from the parameters when it names something). */
  readonly message: (params: P) => string
}

type Spec = { status: RefusalStatus; message: string | ((params: never) => string) }
type ParamsOf<M> = M extends (params: infer P) => string ? P : void

/** `defineReasons({ SOLD_OUT: { status: 409, message: '…' } })` → `{ SOLD_OUT: ReasonDef }`, each knowing its name. */
export function defineReasons<T extends Record<string, Spec>>(
  specs: T,
): { readonly [K in keyof T & string]: ReasonDef<ParamsOf<T[K]['message']>> } {
  const out: Record<string, ReasonDef<unknown>> = {}
  for (const [reason, spec] of Object.entries(specs)) {
    const m = spec.message
    out[reason] = { reason, status: spec.status, message: typeof m === 'string' ? () => m : (m as (p: unknown) => string) }
  }
  return out as never
}

/** The class (`ErrorBody.code`) of a refusal, from its status. */
export function classOfStatus(status: number): string {
  switch (status) {
    case 400:
    case 422:
      return 'VALIDATION'
    case 401:
      return 'UNAUTHENTICATED'
    case 403:
      return 'FORBIDDEN'
    case 404:
    case 410:
      return 'NOT_FOUND'
    case 409:
      return 'CONFLICT'
    case 413:
      return 'PAYLOAD_TOO_LARGE'
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE'
    case 429:
      return 'RATE_LIMITED'
    case 408:
    case 502:
    case 503:
    case 504:
      return 'UNAVAILABLE'
    default:
      return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'
  }
}

/**
 * 法律援助 (legal aid): a member's consultation and its thread, handled by the legal staff of the member's union
 * subtree — one file per use case, put together as the one service the routes reach (`app.services.legal`).
 *
 *   requests.ts   ask, mine, read, answer / follow up, withdraw, rate        documents.ts  uploads and attaching
 *   handling.ts   worklist (+ overdue), the case (audited), take, reply / ask for more, schedule, close
 *   thread.ts     entries (encrypted) + the member's in-app message           views.ts      promise, overdue, next step
 *   my-applications.ts  我的申请 items
 *
 * The first-response promise is LEGAL_FIRST_RESPONSE_WORKING_DAYS working days (China time, calendar module) from
 * the request; a case with no staff reply, request, session or close by then is overdue — computed from `deps.now`
 * on every read, so nothing needs a timer. Refusals: contract/legal/reasons.ts.
 */
import type { AppDeps } from '../../http/deps'
import { upload } from './documents'
import { close, list, reply, schedule, staffDetail, take } from './handling'
import { create, detail, message, mine, rate, withdraw } from './requests'

export function legalService(deps: AppDeps) {
  type Args<F> = F extends (deps: AppDeps, ...args: infer A) => unknown ? A : never
  return {
    create: (...a: Args<typeof create>) => create(deps, ...a),
    mine: (...a: Args<typeof mine>) => mine(deps, ...a),
    detail: (...a: Args<typeof detail>) => detail(deps, ...a),
    message: (...a: Args<typeof message>) => message(deps, ...a),
    withdraw: (...a: Args<typeof withdraw>) => withdraw(deps, ...a),
    rate: (...a: Args<typeof rate>) => rate(deps, ...a),
    upload: (...a: Args<typeof upload>) => upload(deps, ...a),
    list: (...a: Args<typeof list>) => list(deps, ...a),
    staffDetail: (...a: Args<typeof staffDetail>) => staffDetail(deps, ...a),
    take: (...a: Args<typeof take>) => take(deps, ...a),
    reply: (...a: Args<typeof reply>) => reply(deps, ...a),
    schedule: (...a: Args<typeof schedule>) => schedule(deps, ...a),
    close: (...a: Args<typeof close>) => close(deps, ...a),
  }
}

export type LegalService = ReturnType<typeof legalService>

/**
 * 帮扶救助 (relief): aid types, applications (per-step drafts → submit → 基层工会初审 → 复核 → 公示 → 发放),
 * documents, objections, and relief's part of 我的申请 — one file per use case, put together here as the one
 * service the routes and the app shell reach (`app.services.relief`; aid types: `app.services.aidTypes`).
 *
 * Every rule runs in one transaction; each stage change writes a timeline event and an in-app message in it
 * (timeline.ts). Sensitive form values are stored encrypted and every view that returns them decrypted is audited
 * (sensitive.ts). Authority (authority.ts, case-access.ts): `relief.review` (初审) over the applicant's union, and
 * `relief.review_district` (复核, 公示, 发放, objection answers) held at the type's 复核 level or above, plus
 * relief-only delegations in relief_review_grants under the same rules. Someone with no relief authority at all gets
 * 404 for any case; a reviewer whose scope does not cover the applicant's union gets 403, and so does anyone below
 * the 复核 level for a 复核-level action. Refusals: contract/relief/reasons.ts.
 *
 *   applicant.ts        start, mine, detail, saveDraft, withdraw        submit.ts     submit (+ eligibility.ts)
 *   documents.ts        upload, attaching, signed links                 worklists.ts  review queue, cases by stage
 *   case-view.ts        the applicant's and the reviewer's view         decisions.ts  home visit, approve, reject, return
 *   payout.ts           发放 (+ payability.ts)                           publicity.ts  公示 rounds
 *   objections.ts       objections and their answers                    my-applications.ts  我的申请 items
 */
import type { AppDeps } from '../../http/deps'
import { detail, mine, saveDraft, start, withdraw } from './applicant'
import { reviewDetail } from './case-view'
import { approve, homeVisit, reject, returnForInfo } from './decisions'
import { upload } from './documents'
import { applicationItemsFor } from './my-applications'
import { answerObjection, object, reviewObjections } from './objections'
import { payout } from './payout'
import { payoutList } from './payout-list'
import { createRound, publicity } from './publicity'
import { submit } from './submit'
import { cases, queue } from './worklists'

/** A use case: a function of the app's deps and then its own arguments. */
type UseCase = (deps: AppDeps, ...args: never[]) => unknown
type Bound<F> = F extends (deps: AppDeps, ...args: infer A) => infer R ? (...args: A) => R : never

/** The use cases with the app's deps given: `start(deps, user, key)` becomes `relief.start(user, key)`. */
function withDeps<T extends Record<string, UseCase>>(deps: AppDeps, useCases: T): { [K in keyof T]: Bound<T[K]> } {
  const bind = (f: UseCase) => (...args: unknown[]) => (f as (deps: AppDeps, ...args: unknown[]) => unknown)(deps, ...args)
  return Object.fromEntries(Object.entries(useCases).map(([name, f]) => [name, bind(f)])) as never
}

export function reliefService(deps: AppDeps) {
  return withDeps(deps, {
    // the applicant
    start,
    mine,
    detail,
    saveDraft,
    submit,
    withdraw,
    upload,
    // review
    queue,
    cases,
    reviewDetail,
    homeVisit,
    approve,
    reject,
    returnForInfo,
    payout,
    payoutList,
    // 公示
    createRound,
    publicity,
    object,
    reviewObjections,
    answerObjection,
    // 我的申请
    applicationItemsFor,
  })
}

export type ReliefService = ReturnType<typeof reliefService>

/**
 * The case view: what the applicant sees of their application, and the reviewer's view (everything decrypted, every
 * submitted version, the home visit, objections, and what the caller may do now). Each view that returns sensitive
 * values is audited.
 */
import { asc, eq } from 'drizzle-orm'
import { EDITABLE_STAGES, WITHDRAWABLE_STAGES, type ReviewLevel } from '@contract/relief/labels'
import { ruleAmount } from '@contract/relief/rules'
import type { AidTypeConfig, ApplicationDetail, ReviewDetail } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { reliefObjections, reliefSubmissions, type ReliefApplicationRow } from '../../db/schema/relief'
import type { AuthUser } from '../../auth/sessions'
import { memberOf } from '../membership'
import { typeOf, typeRow, typeView } from './aid-type-store'
import { reviewable, type Reviewable } from './case-access'
import { documentSlots, fileRowsOf } from './documents'
import { payoutBlocked } from './payability'
import { auditSensitiveView, valuesOf } from './sensitive'
import { timelineOf } from './timeline'
import { nowDate, orgName, roundMap, summaryOf } from './views'

/** What the applicant and the reviewer both see (not audited here). */
async function caseDetail(deps: AppDeps, tx: Tx, app: ReliefApplicationRow): Promise<{ detail: ApplicationDetail; type: AidTypeConfig }> {
  const type = await typeOf(tx, app.typeKey)
  const rounds = await roundMap(tx, [app])
  const fileRows = await fileRowsOf(tx, [app.documents])
  const round = app.roundId ? rounds.get(app.roundId) : undefined
  const detail: ApplicationDetail = {
    ...summaryOf(deps.now(), app, type, rounds),
    org: { id: app.orgId, name: await orgName(tx, app.orgId) },
    fields: valuesOf(deps, app),
    documents: documentSlots(deps, type, app.documents, fileRows),
    consentSensitive: app.consentSensitive,
    step: app.step,
    draftSavedAt: app.draftSavedAt?.toISOString() ?? null,
    returnRequest: app.stage === 'returned' ? app.returnRequest : null,
    rejectReason: app.stage === 'rejected' ? app.rejectReason : null,
    submissionCount: app.submissionCount,
    publicity: round ? { roundId: round.id, startsAt: round.startsAt.toISOString(), endsAt: round.endsAt.toISOString() } : null,
    payout: app.payout ? { paidOn: app.payout.paidOn, method: app.payout.method, reference: app.payout.reference, recordedAt: app.payout.recordedAt } : null,
    canEdit: EDITABLE_STAGES.includes(app.stage),
    canWithdraw: WITHDRAWABLE_STAGES.includes(app.stage),
    timeline: await timelineOf(tx, app.id),
  }
  return { detail, type }
}

/** The applicant's view of their own application (audited when it holds sensitive values or documents). */
export async function applicantView(deps: AppDeps, tx: Tx, user: AuthUser, app: ReliefApplicationRow): Promise<ApplicationDetail> {
  const { detail, type } = await caseDetail(deps, tx, app)
  if (app.sensitiveEnc || Object.keys(app.documents).length > 0) await auditSensitiveView(tx, user, app, type, 'applicant')
  return detail
}

/** The reviewer's view of `app` (the refreshed row), with what the caller may do as `r` says. Audited. */
export async function reviewerView(
  deps: AppDeps,
  tx: Tx,
  user: AuthUser,
  app: ReliefApplicationRow,
  r: Pick<Reviewable, 'base' | 'district'>,
): Promise<ReviewDetail> {
  const { detail, type } = await caseDetail(deps, tx, app)
  const typeInfo = await typeRow(tx, app.typeKey)
  const person = await memberOf(tx, app.userId)
  const subs = await tx.select().from(reliefSubmissions).where(eq(reliefSubmissions.applicationId, app.id)).orderBy(asc(reliefSubmissions.no))
  const fileRows = await fileRowsOf(tx, subs.map((s) => s.documents))
  const objections = await tx.select().from(reliefObjections).where(eq(reliefObjections.applicationId, app.id)).orderBy(asc(reliefObjections.id))
  const acting: ReviewLevel | null =
    app.stage === 'base_review' && r.base ? 'base' : app.stage === 'district_review' && r.district ? 'district' : null
  const blocked = app.stage === 'publicity' ? await payoutBlocked(tx, app, deps.now()) : null
  await auditSensitiveView(tx, user, app, type, 'reviewer')
  return {
    ...detail,
    applicant: { name: person?.name ?? '', memberNo: person?.memberNo ?? '', employmentType: person?.employmentType ?? 'employee' },
    type: typeView(typeInfo, nowDate(deps)),
    versions: subs.map((s) => ({
      no: s.no,
      submittedAt: s.submittedAt.toISOString(),
      fields: valuesOf(deps, s),
      documents: documentSlots(deps, type, s.documents, fileRows),
    })),
    homeVisit: app.homeVisit
      ? { visitedOn: app.homeVisit.visitedOn, visitors: app.homeVisit.visitors, findings: app.homeVisit.findings, recordedAt: app.homeVisit.recordedAt, recordedBy: app.homeVisit.recordedBy }
      : null,
    objections: objections.map((o) => ({
      id: o.id,
      content: o.content,
      createdAt: o.createdAt.toISOString(),
      answer: o.answer,
      upheld: o.upheld,
      answeredAt: o.answeredAt?.toISOString() ?? null,
    })),
    actingLevel: acting,
    ruleAmount: type.amount.kind === 'reviewer_set' ? null : ruleAmount(type.amount, valuesOf(deps, app)),
    payable: r.district !== null && app.stage === 'publicity' && blocked === null,
    payoutBlockedReason: app.stage === 'publicity' ? (blocked?.message ?? null) : null,
    canAnswerObjections: r.district !== null && objections.some((o) => o.answeredAt === null),
  }
}

/** GET /api/relief/review/:id — everything about a case for a reviewer in scope (audited). */
export async function reviewDetail(deps: AppDeps, user: AuthUser, id: number): Promise<ReviewDetail> {
  return deps.db.transaction(async (tx) => {
    const r = await reviewable(tx, user, id)
    return reviewerView(deps, tx, user, r.app, r)
  })
}

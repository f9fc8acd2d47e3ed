/**
 * Review decisions, each by the union acting at the case's stage (case-access.ts): the home visit (困难职工帮扶, at
 * 初审), approve (初审 → 复核; 复核 with the amount → 待公示), reject, and return for more information. Each
 * writes the timeline and a message to the applicant (timeline.ts) and an audit row, and answers with the
 * reviewer's refreshed view.
 */
import { eq } from 'drizzle-orm'
import { ReliefReasons } from '@contract/relief/reasons'
import { chinaDate, ruleAmount } from '@contract/relief/rules'
import type { AidTypeConfig, FieldValues, ReviewDetail } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import { reliefApplications, reliefEvents, type ReliefApplicationRow } from '../../db/schema/relief'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { effectiveLimits, typeOf, typeRow } from './aid-type-store'
import { acting, reviewable } from './case-access'
import { reviewerView } from './case-view'
import { valuesOf } from './sensitive'
import { stageChange } from './timeline'
import { nowDate, returnText, yuan } from './views'

/** 困难职工帮扶: the applicant's grassroots union records the home visit during the 初审. */
export async function homeVisit(deps: AppDeps, user: AuthUser, id: number, body: { visitedOn: string; visitors: string; findings: string }): Promise<ReviewDetail> {
  return deps.db.transaction(async (tx) => {
    const r = await reviewable(tx, user, id, true)
    if (r.app.stage !== 'base_review') throw refuse(ReliefReasons.RELIEF_VISIT_WRONG_STAGE)
    if (!r.base) throw refuse(ReliefReasons.RELIEF_VISIT_BASE_ONLY)
    const now = nowDate(deps)
    if (body.visitedOn > chinaDate(now)) {
      throw refuse(ReliefReasons.RELIEF_VISIT_DATE_FUTURE, undefined, { visitedOn: ReliefReasons.RELIEF_VISIT_DATE_FUTURE.message() })
    }
    const [row] = await tx
      .update(reliefApplications)
      .set({
        homeVisit: { ...body, recordedAt: now.toISOString(), recordedBy: user.nickname, recordedByUserId: user.userId },
        updatedAt: now,
      })
      .where(eq(reliefApplications.id, r.app.id))
      .returning()
    await tx.insert(reliefEvents).values({ applicationId: row.id, kind: 'home_visit', note: `走访日期 ${body.visitedOn}`, byLabel: r.base.name, actorUserId: user.userId, at: now })
    await audit(tx, { actorUserId: user.userId, action: 'relief.home_visit', subjectType: 'relief_application', subjectId: row.id })
    return reviewerView(deps, tx, user, row, r)
  })
}

export async function approve(deps: AppDeps, user: AuthUser, id: number, body: { amount?: number; note?: string }): Promise<ReviewDetail> {
  return deps.db.transaction(async (tx) => {
    const r = await reviewable(tx, user, id, true)
    const { level, by } = await acting(tx, r)
    const { config: type, org: owner } = await typeRow(tx, r.app.typeKey)
    const now = nowDate(deps)
    const note = body.note?.trim() || null
    let row: ReliefApplicationRow
    if (level === 'base') {
      if (type.requiresHomeVisit && !r.app.homeVisit) throw refuse(ReliefReasons.RELIEF_HOME_VISIT_REQUIRED, { typeName: type.name })
      ;[row] = await tx
        .update(reliefApplications)
        .set({ stage: 'district_review', stageSince: now, baseReviewerId: user.userId, updatedAt: now })
        .where(eq(reliefApplications.id, r.app.id))
        .returning()
      await stageChange(tx, row, type, 'base_approved', note, user.userId, by.name, now)
    } else {
      if (r.app.baseReviewerId === user.userId) throw refuse(ReliefReasons.RELIEF_SAME_REVIEWER)
      const amount = checkAmount(type, valuesOf(deps, r.app), body.amount)
      // A sub-union's own type: the ceiling set above it holds at payout time too (it may have been lowered since).
      const limits = await effectiveLimits(tx, owner.path)
      if (limits && amount > limits.maxAmount) throw refuse(ReliefReasons.RELIEF_AMOUNT_ABOVE_CEILING, { max: limits.maxAmount })
      ;[row] = await tx
        .update(reliefApplications)
        .set({ stage: 'approved', stageSince: now, amount, districtReviewerId: user.userId, updatedAt: now })
        .where(eq(reliefApplications.id, r.app.id))
        .returning()
      await stageChange(tx, row, type, 'district_approved', [`核定金额 ${yuan(amount)}`, note].filter(Boolean).join('；'), user.userId, by.name, now)
    }
    await audit(tx, {
      actorUserId: user.userId,
      action: level === 'base' ? 'relief.base_approve' : 'relief.district_approve',
      subjectType: 'relief_application',
      subjectId: row.id,
      detail: level === 'district' ? { amount: row.amount, asOrgId: by.id } : { asOrgId: by.id },
    })
    return reviewerView(deps, tx, user, row, r)
  })
}

/** The amount the 复核 fixes: exactly the rule's for fixed types, within [min, max] for reviewer-set ones. */
function checkAmount(type: AidTypeConfig, values: FieldValues, given: number | undefined): number {
  const rule = type.amount
  const beside = <P>(def: { message: (p: P) => string }, params: P) => ({ amount: def.message(params) })
  if (rule.kind === 'reviewer_set') {
    const range = { min: rule.min, max: rule.max }
    if (given === undefined) throw refuse(ReliefReasons.RELIEF_AMOUNT_REQUIRED, range, beside(ReliefReasons.RELIEF_AMOUNT_REQUIRED, range))
    if (given < rule.min || given > rule.max) {
      const params = { typeName: type.name, ...range }
      throw refuse(ReliefReasons.RELIEF_AMOUNT_OUT_OF_RANGE, params, beside(ReliefReasons.RELIEF_AMOUNT_OUT_OF_RANGE, params))
    }
    return given
  }
  const fixed = ruleAmount(rule, values)
  if (fixed === null) throw refuse(ReliefReasons.RELIEF_AMOUNT_UNDETERMINED)
  if (given !== undefined && given !== fixed) {
    const params = { typeName: type.name, amount: fixed }
    throw refuse(ReliefReasons.RELIEF_AMOUNT_FIXED, params, beside(ReliefReasons.RELIEF_AMOUNT_FIXED, params))
  }
  return fixed
}

export async function reject(deps: AppDeps, user: AuthUser, id: number, reason: string): Promise<ReviewDetail> {
  return deps.db.transaction(async (tx) => {
    const r = await reviewable(tx, user, id, true)
    const { level, by } = await acting(tx, r)
    const type = await typeOf(tx, r.app.typeKey)
    const now = nowDate(deps)
    const [row] = await tx
      .update(reliefApplications)
      .set({ stage: 'rejected', stageSince: now, rejectReason: reason, updatedAt: now })
      .where(eq(reliefApplications.id, r.app.id))
      .returning()
    await stageChange(tx, row, type, 'rejected', reason, user.userId, by.name, now)
    await audit(tx, { actorUserId: user.userId, action: 'relief.reject', subjectType: 'relief_application', subjectId: row.id, detail: { level, reason, asOrgId: by.id } })
    return reviewerView(deps, tx, user, row, r)
  })
}

/** Back to the applicant naming the missing documents and/or what else is needed (a 复核 return goes back through 初审). */
export async function returnForInfo(deps: AppDeps, user: AuthUser, id: number, body: { missingDocuments: string[]; note?: string }): Promise<ReviewDetail> {
  return deps.db.transaction(async (tx) => {
    const r = await reviewable(tx, user, id, true)
    const { level, by } = await acting(tx, r)
    const type = await typeOf(tx, r.app.typeKey)
    const docs = body.missingDocuments.map((k) => type.documents.find((d) => d.key === k))
    if (docs.some((d) => !d)) {
      throw refuse(ReliefReasons.RELIEF_DOCUMENT_UNKNOWN, undefined, { missingDocuments: ReliefReasons.RELIEF_DOCUMENT_UNKNOWN.message() })
    }
    const now = nowDate(deps)
    const named = docs.map((d) => ({ key: d!.key, name: d!.name }))
    const note = body.note?.trim() || null
    const [row] = await tx
      .update(reliefApplications)
      .set({ stage: 'returned', stageSince: now, returnRequest: { documents: named, note, at: now.toISOString() }, updatedAt: now })
      .where(eq(reliefApplications.id, r.app.id))
      .returning()
    await stageChange(tx, row, type, 'returned', returnText({ documents: named, note }), user.userId, by.name, now)
    await audit(tx, {
      actorUserId: user.userId,
      action: 'relief.return',
      subjectType: 'relief_application',
      subjectId: row.id,
      detail: { level, documents: body.missingDocuments, asOrgId: by.id },
    })
    return reviewerView(deps, tx, user, row, r)
  })
}

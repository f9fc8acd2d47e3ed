/**
 * Submitting (or resubmitting after a return): the window, eligibility, the form and checklist (eligibility.ts), then
 * the limits — `perYear` applications per person, type and calendar year (China time), and no two aids for the same
 * cause — under a lock on the applicant, so concurrent submits of one person queue. Each submission keeps a snapshot.
 */
import { and, count, eq, ne, notInArray } from 'drizzle-orm'
import { EDITABLE_STAGES, type ReliefStage } from '@contract/relief/labels'
import { ReliefReasons } from '@contract/relief/reasons'
import { chinaDate, windowLabel, windowOpen } from '@contract/relief/rules'
import type { AidTypeConfig, ApplicationDetail, FieldValues } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { users } from '../../db/schema/core'
import { reliefApplications, reliefSubmissions, type ReliefApplicationRow } from '../../db/schema/relief'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { memberOf } from '../membership'
import { typeOf } from './aid-type-store'
import { ownApplication } from './case-access'
import { applicantView } from './case-view'
import { causeKeyOf, checkMemberEligibility, checkSubmission } from './eligibility'
import { valuesOf } from './sensitive'
import { stageChange } from './timeline'
import { nowDate } from './views'

/** Stages that count toward the yearly limit and the same-cause rule. */
const COUNTING_EXCLUDED: ReliefStage[] = ['draft', 'withdrawn', 'rejected']

export async function submit(deps: AppDeps, user: AuthUser, id: number): Promise<ApplicationDetail> {
  return deps.db.transaction(async (tx) => {
    // The applicant's row first: concurrent submits of one person queue here (yearly limit, same cause).
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.userId)).for('update')
    const app = await ownApplication(tx, user, id, true)
    if (!EDITABLE_STAGES.includes(app.stage)) throw refuse(ReliefReasons.RELIEF_ALREADY_SUBMITTED, { stage: app.stage })
    const resubmission = app.stage === 'returned'
    const type = await typeOf(tx, app.typeKey)
    const now = nowDate(deps)
    const today = chinaDate(now)
    if (!type.active && !resubmission) throw refuse(ReliefReasons.RELIEF_TYPE_INACTIVE, { typeName: type.name })
    if (!resubmission && !windowOpen(type.window, today)) {
      throw refuse(ReliefReasons.RELIEF_WINDOW_CLOSED, { typeName: type.name, window: windowLabel(type.window) })
    }
    const member = await memberOf(tx, user.userId)
    if (!member) throw refuse(ReliefReasons.NOT_MEMBER, { action: 'apply' })
    checkMemberEligibility(type, member, now)

    const values = valuesOf(deps, app)
    checkSubmission(type, { values, documents: app.documents, consentSensitive: app.consentSensitive }, today)
    const year = app.year ?? Number(today.slice(0, 4))
    const causeKey = await checkLimits(tx, user, app, type, values, year)

    const no = app.submissionCount + 1
    await tx.insert(reliefSubmissions).values({ applicationId: app.id, no, fields: app.fields, sensitiveEnc: app.sensitiveEnc, documents: app.documents, submittedAt: now })
    const [row] = await tx
      .update(reliefApplications)
      .set({
        stage: 'base_review',
        submissionCount: no,
        submittedAt: now,
        stageSince: now,
        year,
        causeGroup: causeKey ? type.limits.causeGroup : null,
        causeKey,
        returnRequest: null,
        updatedAt: now,
      })
      .where(eq(reliefApplications.id, app.id))
      .returning()
    await stageChange(tx, row, type, resubmission ? 'resubmitted' : 'submitted', null, user.userId, '本人', now)
    await audit(tx, {
      actorUserId: user.userId,
      action: resubmission ? 'relief.reapply' : 'relief.apply',
      subjectType: 'relief_application',
      subjectId: app.id,
      detail: { typeKey: app.typeKey, submission: no },
    })
    return applicantView(deps, tx, user, row)
  })
}

/**
 * The limits: once (perYear) per person per type per year; no two aids for the same cause. Returns the case's cause
 * identity (null when its type has no cause group or the form does not name one).
 */
async function checkLimits(tx: Tx, user: AuthUser, app: ReliefApplicationRow, type: AidTypeConfig, values: FieldValues, year: number): Promise<string | null> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(reliefApplications)
    .where(
      and(
        eq(reliefApplications.userId, user.userId),
        eq(reliefApplications.typeKey, app.typeKey),
        eq(reliefApplications.year, year),
        notInArray(reliefApplications.stage, COUNTING_EXCLUDED),
        ne(reliefApplications.id, app.id),
      ),
    )
  if (Number(n) >= type.limits.perYear) {
    throw refuse(ReliefReasons.RELIEF_YEARLY_LIMIT, { typeName: type.name, perYear: type.limits.perYear, year })
  }
  const causeKey = type.limits.causeGroup && type.limits.causeFields.length > 0 ? causeKeyOf(type.limits.causeFields, values) : null
  if (!causeKey) return null
  const [same] = await tx
    .select({ typeKey: reliefApplications.typeKey })
    .from(reliefApplications)
    .where(
      and(
        eq(reliefApplications.userId, user.userId),
        eq(reliefApplications.causeGroup, type.limits.causeGroup!),
        eq(reliefApplications.causeKey, causeKey),
        notInArray(reliefApplications.stage, COUNTING_EXCLUDED),
        ne(reliefApplications.id, app.id),
      ),
    )
    .limit(1)
  if (same) {
    const otherType = (await typeOf(tx, same.typeKey)).name
    throw refuse(ReliefReasons.RELIEF_SAME_CAUSE, { cause: type.limits.causeFields.map((k) => values[k]).join(' '), otherType })
  }
  return causeKey
}

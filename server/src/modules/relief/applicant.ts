/**
 * The applicant's side: start an application (a draft, one per type), read one's own, save the draft step by step
 * (values and documents; sensitive values sealed), and withdraw while no reviewer has decided. Submitting: submit.ts.
 */
import { and, desc, eq } from 'drizzle-orm'
import { EDITABLE_STAGES, WITHDRAWABLE_STAGES } from '@contract/relief/labels'
import { ReliefReasons } from '@contract/relief/reasons'
import type { ApplicationDetail, ApplicationSummary, SaveDraftBody } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import { users } from '../../db/schema/core'
import { reliefApplications } from '../../db/schema/relief'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { memberOf } from '../membership'
import { typeAppliesTo, typeMap, typeOf, typeRow } from './aid-type-store'
import { ownApplication } from './case-access'
import { applicantView } from './case-view'
import { attachDocuments } from './documents'
import { checkMemberEligibility } from './eligibility'
import { sealValues, valuesOf } from './sensitive'
import { stageChange } from './timeline'
import { nowDate, roundMap, summaryOf } from './views'

export async function start(deps: AppDeps, user: AuthUser, typeKey: string): Promise<ApplicationDetail> {
  return deps.db.transaction(async (tx) => {
    const { config: type, org: owner } = await typeRow(tx, typeKey)
    if (!type.active) throw refuse(ReliefReasons.RELIEF_TYPE_NOT_FOUND)
    const member = await memberOf(tx, user.userId)
    if (!member) throw refuse(ReliefReasons.NOT_MEMBER, { action: 'apply' })
    // A type applies to its owner's subtree only (another street's own type is not offered here).
    if (!typeAppliesTo(owner.path, member.orgPath)) throw refuse(ReliefReasons.RELIEF_TYPE_NOT_FOUND)
    const now = nowDate(deps)
    checkMemberEligibility(type, member, now)
    // Lock the applicant so two taps on 开始申请 give one draft.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.userId)).for('update')
    const [draft] = await tx
      .select()
      .from(reliefApplications)
      .where(and(eq(reliefApplications.userId, user.userId), eq(reliefApplications.typeKey, typeKey), eq(reliefApplications.stage, 'draft')))
      .orderBy(desc(reliefApplications.id))
      .limit(1)
    const row =
      draft ??
      (
        await tx
          .insert(reliefApplications)
          .values({
            userId: user.userId,
            typeKey,
            orgId: member.orgId,
            stage: 'draft',
            fields: {},
            documents: {},
            stageSince: now,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
      )[0]
    return applicantView(deps, tx, user, row)
  })
}

/** The caller's applications, newest activity first (drafts included). */
export async function mine(deps: AppDeps, user: AuthUser): Promise<ApplicationSummary[]> {
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(reliefApplications)
      .where(eq(reliefApplications.userId, user.userId))
      .orderBy(desc(reliefApplications.updatedAt), desc(reliefApplications.id))
    const types = await typeMap(tx)
    const rounds = await roundMap(tx, rows)
    const now = deps.now()
    return rows.map((r) => summaryOf(now, r, types.get(r.typeKey)!, rounds))
  })
}

export async function detail(deps: AppDeps, user: AuthUser, id: number): Promise<ApplicationDetail> {
  return deps.db.transaction(async (tx) => applicantView(deps, tx, user, await ownApplication(tx, user, id)))
}

/**
 * One step's save: `fields` merged (null clears one; unknown keys refused beside themselves), `documents` replacing
 * the checklist items it names. Nothing else is validated here: that happens at submit.
 */
export async function saveDraft(deps: AppDeps, user: AuthUser, id: number, body: SaveDraftBody): Promise<{ savedAt: string; step: string }> {
  return deps.db.transaction(async (tx) => {
    const app = await ownApplication(tx, user, id, true)
    if (!EDITABLE_STAGES.includes(app.stage)) throw refuse(ReliefReasons.RELIEF_NOT_EDITABLE, { stage: app.stage })
    const type = await typeOf(tx, app.typeKey)
    const now = nowDate(deps)

    const values = valuesOf(deps, app)
    if (body.fields) {
      const known = new Set(type.fields.map((f) => f.key))
      const unknown = Object.keys(body.fields).filter((k) => !known.has(k))
      if (unknown.length > 0) {
        const def = ReliefReasons.RELIEF_FIELD_UNKNOWN
        throw refuse(def, undefined, Object.fromEntries(unknown.map((k) => [k, def.message()])))
      }
      for (const [k, v] of Object.entries(body.fields)) {
        if (v === null) delete values[k]
        else values[k] = typeof v === 'string' ? v.trim() : v
      }
    }
    const documents = body.documents ? await attachDocuments(deps, tx, user, type, app.documents, body.documents) : app.documents
    const { plain, sensitiveEnc } = sealValues(deps, type, values)
    await tx
      .update(reliefApplications)
      .set({
        fields: plain,
        sensitiveEnc,
        documents,
        step: body.step,
        ...(body.consentSensitive !== undefined ? { consentSensitive: body.consentSensitive } : {}),
        draftSavedAt: now,
        updatedAt: now,
      })
      .where(eq(reliefApplications.id, app.id))
    return { savedAt: now.toISOString(), step: body.step }
  })
}

/** Withdraw while no reviewer has decided (draft, 初审中, 待补充材料). */
export async function withdraw(deps: AppDeps, user: AuthUser, id: number, reason: string | undefined): Promise<ApplicationDetail> {
  return deps.db.transaction(async (tx) => {
    const app = await ownApplication(tx, user, id, true)
    if (app.stage === 'withdrawn') throw refuse(ReliefReasons.RELIEF_ALREADY_WITHDRAWN)
    if (!WITHDRAWABLE_STAGES.includes(app.stage)) throw refuse(ReliefReasons.RELIEF_NOT_WITHDRAWABLE, { stage: app.stage })
    const type = await typeOf(tx, app.typeKey)
    const now = nowDate(deps)
    const [row] = await tx
      .update(reliefApplications)
      .set({ stage: 'withdrawn', stageSince: now, updatedAt: now })
      .where(eq(reliefApplications.id, app.id))
      .returning()
    await stageChange(tx, row, type, 'withdrawn', reason?.trim() || null, user.userId, '本人', now)
    await audit(tx, { actorUserId: user.userId, action: 'relief.withdraw', subjectType: 'relief_application', subjectId: app.id })
    return applicantView(deps, tx, user, row)
  })
}

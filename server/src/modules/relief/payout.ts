/**
 * 发放: the 复核-level union records the payment (date, method, reference) once the notice is over and every
 * objection answered (payability.ts); the applicant is told.
 */
import { eq } from 'drizzle-orm'
import { ReliefReasons } from '@contract/relief/reasons'
import { chinaDate } from '@contract/relief/rules'
import type { PayoutMethod } from '@contract/relief/labels'
import type { ReviewDetail } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import { reliefApplications } from '../../db/schema/relief'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { typeOf } from './aid-type-store'
import { districtOf, reviewable } from './case-access'
import { reviewerView } from './case-view'
import { payoutBlocked } from './payability'
import { stageChange } from './timeline'
import { nowDate, yuan } from './views'

export async function payout(deps: AppDeps, user: AuthUser, id: number, body: { paidOn: string; method: PayoutMethod; reference: string }): Promise<ReviewDetail> {
  return deps.db.transaction(async (tx) => {
    const r = await reviewable(tx, user, id, true)
    const by = await districtOf(tx, r, 'payout')
    const blocked = await payoutBlocked(tx, r.app, deps.now())
    if (blocked) throw blocked
    const now = nowDate(deps)
    if (body.paidOn > chinaDate(now)) throw refuse(ReliefReasons.RELIEF_PAID_ON_FUTURE, undefined, { paidOn: ReliefReasons.RELIEF_PAID_ON_FUTURE.message() })
    const type = await typeOf(tx, r.app.typeKey)
    const [row] = await tx
      .update(reliefApplications)
      .set({ stage: 'paid', stageSince: now, payout: { ...body, recordedAt: now.toISOString(), recordedByUserId: user.userId }, updatedAt: now })
      .where(eq(reliefApplications.id, r.app.id))
      .returning()
    await stageChange(tx, row, type, 'paid', `${yuan(row.amount ?? 0)}，${body.paidOn} 已发放`, user.userId, by.name, now)
    await audit(tx, {
      actorUserId: user.userId,
      action: 'relief.payout',
      subjectType: 'relief_application',
      subjectId: row.id,
      detail: { ...body, amount: row.amount, asOrgId: by.id },
    })
    return reviewerView(deps, tx, user, row, r)
  })
}

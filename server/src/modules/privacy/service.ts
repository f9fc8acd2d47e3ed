/** The privacy module's services, built once by the container (`app.services.privacy`). */
import type { PrivacyOverview } from '@contract/privacy/schemas'
import type { AppDeps } from '../../http/deps'
import type { AuthUser } from '../../auth/sessions'
import { departureOf, memberOf, toDepartureView } from '../membership'
import { corrections } from './corrections'
import { erasure, latestErasure, toErasureView } from './erasure'
import { dataExports } from './exports'
import { applyRetention, dailyRetention } from './retention'

export function privacyServices(deps: AppDeps) {
  const erasures = erasure(deps)
  const exports = dataExports(deps)
  const correction = corrections(deps)
  return {
    erasure: erasures,
    exports,
    /** 更正 of the verified name / phone, decided by the member's union. */
    corrections: correction,
    /** Retention: `daily()` is the job (once per China day); `applyNow()` applies every rule (tests, the admin CLI). */
    retention: { daily: () => dailyRetention(deps), applyNow: () => applyRetention(deps) },

    async overview(user: AuthUser): Promise<PrivacyOverview> {
      const [member, e, d, ex, c] = await Promise.all([
        memberOf(deps.db, user.userId),
        latestErasure(deps.db, user.userId),
        departureOf(deps.db, user.userId),
        exports.list(user.userId),
        correction.mine(user.userId),
      ])
      return {
        isMember: !!member,
        ...c,
        erasure: e && e.status !== 'done' ? toErasureView(e) : null,
        departure: d ? toDepartureView(d) : null,
        exports: ex,
      }
    },
  }
}

export type PrivacyServices = ReturnType<typeof privacyServices>

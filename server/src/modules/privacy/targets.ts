/**
 * What the privacy access rules are about: a data copy's owner (anyone else: 404, its existence not revealed); a
 * 更正 request's union (staff outside it: 403).
 */
import { and, eq } from 'drizzle-orm'
import { orgs } from '../../db/schema/core'
import { refuse } from '../../errors'
import { PrivacyReasons } from '@contract/privacy/reasons'
import { privacyRequests } from '../../db/schema/privacy'
import { idParam, resolver } from '../../http/access'

export const ownExport = resolver('data copy', PrivacyReasons.EXPORT_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ userId: privacyRequests.userId })
    .from(privacyRequests)
    .where(and(eq(privacyRequests.id, idParam(input)), eq(privacyRequests.kind, 'export')))
    .limit(1)
  return row?.userId ? { orgPath: '', ownerUserId: row.userId } : null
})

export const staffCorrection = resolver('更正 request’s union', PrivacyReasons.CORRECTION_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path })
    .from(privacyRequests)
    .innerJoin(orgs, eq(orgs.id, privacyRequests.orgId))
    .where(and(eq(privacyRequests.id, idParam(input)), eq(privacyRequests.kind, 'correction')))
    .limit(1)
  return row ? { orgPath: row.path, refusal: () => refuse(PrivacyReasons.CORRECTION_OUTSIDE_SCOPE) } : null
})

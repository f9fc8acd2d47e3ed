/** What the privacy access rules are about: a data copy's owner (anyone else: 404, its existence not revealed). */
import { and, eq } from 'drizzle-orm'
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

/** What the 退会 confirmation's access rule is about: the departure's union (staff outside it: 403). */
import { eq } from 'drizzle-orm'
import { PrivacyReasons } from '@contract/privacy/reasons'
import { orgs } from '../../db/schema/core'
import { membershipDepartures } from '../../db/schema/membership'
import { idParam, resolver } from '../../http/access'
import { refuse } from '../../errors'

export const staffDeparture = resolver('退会 request’s union', PrivacyReasons.DEPARTURE_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path })
    .from(membershipDepartures)
    .innerJoin(orgs, eq(orgs.id, membershipDepartures.orgId))
    .where(eq(membershipDepartures.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, refusal: () => refuse(PrivacyReasons.DEPARTURE_OUTSIDE_SCOPE) } : null
})

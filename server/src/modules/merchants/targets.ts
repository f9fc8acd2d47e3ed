/** What merchant offers' access rules are about (server/src/access.ts): the union that published an offer. */
import { eq } from 'drizzle-orm'
import { orgs } from '../../db/schema/core'
import { merchants } from '../../db/schema/merchants'
import { MerchantReasons } from '@contract/merchants/reasons'
import { idParam, resolver } from '../../http/access'

export const offer = resolver('merchant offer', MerchantReasons.MERCHANT_NOT_FOUND.message(), async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path })
    .from(merchants)
    .innerJoin(orgs, eq(orgs.id, merchants.orgId))
    .where(eq(merchants.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path } : null
})

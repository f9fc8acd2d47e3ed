/**
 * What legal aid's access rules are about (server/src/access.ts): a case's owner (the member; anyone else 404) and
 * the case's union (staff with legal.handle over it; outside it 403 LEGAL_CASE_OUTSIDE_SCOPE).
 */
import { eq } from 'drizzle-orm'
import { LegalReasons } from '@contract/legal/reasons'
import { orgs } from '../../db/schema/core'
import { legalCases } from '../../db/schema/legal'
import { idParam, resolver } from '../../http/access'
import { refuse } from '../../errors'

async function caseRow(db: Parameters<Parameters<typeof resolver>[2]>[0], id: number) {
  const [row] = await db
    .select({ userId: legalCases.userId, path: orgs.path })
    .from(legalCases)
    .innerJoin(orgs, eq(orgs.id, legalCases.orgId))
    .where(eq(legalCases.id, id))
    .limit(1)
  return row ?? null
}

/** The member's own case. */
export const ownCase = resolver('legal-aid case', LegalReasons.LEGAL_CASE_NOT_FOUND, async (db, input) => {
  const row = await caseRow(db, idParam(input))
  return row ? { orgPath: row.path, ownerUserId: row.userId } : null
})

/** A case as its union's staff reach it. */
export const staffCase = resolver('legal-aid case’s union', LegalReasons.LEGAL_CASE_NOT_FOUND, async (db, input) => {
  const row = await caseRow(db, idParam(input))
  return row ? { orgPath: row.path, refusal: () => refuse(LegalReasons.LEGAL_CASE_OUTSIDE_SCOPE) } : null
})

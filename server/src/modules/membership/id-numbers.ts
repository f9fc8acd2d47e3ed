/**
 * Members' ID numbers, decrypted, for another module's sensitive output that its own rule allows and audits (the
 * relief payout list for the finance office). Never returned to a client unmasked without such a rule.
 */
import { inArray } from 'drizzle-orm'
import type { DataCipher } from '../../crypto/data'
import type { DbOrTx } from '../../db'
import { memberships } from '../../db/schema/membership'

export async function memberIdNumbers(db: DbOrTx, cipher: DataCipher, userIds: readonly number[]): Promise<Map<number, string>> {
  const ids = [...new Set(userIds)]
  if (ids.length === 0) return new Map()
  const rows = await db.select({ userId: memberships.userId, enc: memberships.idNumberEnc }).from(memberships).where(inArray(memberships.userId, ids))
  return new Map(rows.map((r) => [r.userId, cipher.decrypt(r.enc)]))
}

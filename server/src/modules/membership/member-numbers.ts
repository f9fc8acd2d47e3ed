/** Member numbers (会员编号): handed out once, at approval (and by the demo seed). */
import { sql } from 'drizzle-orm'
import { rowsOf, type Tx } from '../../db'
import { chinaYear } from '../../time'

/** 'YX' + year (China time) + 6-digit sequence number, e.g. YX2026000042. */
export async function nextMemberNo(tx: Tx, at: Date): Promise<string> {
  const result = await tx.execute<{ n: string | number }>(sql`select nextval('member_no_seq') as n`)
  const rows = rowsOf<{ n: string | number }>(result)
  const year = chinaYear(at.getTime())
  return `YX${year}${String(rows[0].n).padStart(6, '0')}`
}

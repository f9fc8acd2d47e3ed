/** Bulk members for voucher tests and the claim bench: users + memberships rows inserted directly, plus sessions. */
import { randomBytes } from 'node:crypto'
import type { Db } from '../src/db'
import { memberships, orgs, userRoles, users } from '../src/db/schema'
import type { SessionService } from '../src/auth/sessions'

export interface LoadMember {
  userId: number
  token: string
  sessionId: string
}

export async function createMembers(
  db: Db,
  sessions: SessionService,
  options: { count: number; orgId: number; employmentType?: 'employee' | 'delivery' },
): Promise<LoadMember[]> {
  const tag = randomBytes(4).toString('hex')
  const out: LoadMember[] = []
  for (let start = 0; start < options.count; start += 500) {
    const n = Math.min(500, options.count - start)
    const idx = Array.from({ length: n }, (_, i) => start + i)
    const rows = await db
      .insert(users)
      .values(idx.map((i) => ({ openid: `load:${tag}:${i}`, nickname: `会员${i}` })))
      .returning({ id: users.id })
    await db.insert(memberships).values(
      rows.map((r, i) => ({
        userId: r.id,
        idHash: `load-${tag}-${idx[i]}`,
        idNumberEnc: 'n/a',
        memberNo: `L${tag}${idx[i]}`,
        name: `会员${idx[i]}`,
        orgId: options.orgId,
        employmentType: options.employmentType ?? 'employee',
        joinedAt: new Date('2025-01-01T00:00:00Z'),
      })),
    )
    await db.insert(userRoles).values(rows.map((r) => ({ userId: r.id, orgId: options.orgId, role: 'member' as const })))
    for (const r of rows) {
      const session = await sessions.create(db, r.id)
      out.push({ userId: r.id, token: session.token, sessionId: session.sessionId })
    }
  }
  return out
}

/** The seeded district union and 星河物流有限公司工会 (a grassroots union inside it), where campaigns and members go. */
export async function voucherOrgIds(db: Db): Promise<{ district: number; grassroots: number }> {
  const rows = await db.select({ id: orgs.id, name: orgs.name, kind: orgs.kind }).from(orgs)
  return {
    district: rows.find((r) => r.kind === 'district')!.id,
    grassroots: rows.find((r) => r.name.includes('星河物流'))!.id,
  }
}

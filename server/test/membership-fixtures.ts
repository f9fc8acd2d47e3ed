/** Helpers of the membership security tests: fresh users with sessions, ID numbers, a join form, raw rows. */
import { randomUUID } from 'node:crypto'
import { eq, sql, type SQL } from 'drizzle-orm'
import { checkDigit } from '@contract/membership/idcard'
import { rowsOf } from '../src/db'
import { orgs, users } from '../src/db/schema'
import type { DatabaseHandle, TestApp } from './harness'

/** A valid ID number (born 1990-01-01 in 110105), distinct per `n` < 1000. */
export function idNumber(n: number): string {
  const first17 = '11010519900101' + String(n).padStart(3, '0')
  return first17 + checkDigit(first17)
}

export function joinForm(over: Record<string, unknown> = {}) {
  return {
    name: '王小骑',
    idNumber: idNumber(1),
    phone: '13912345678',
    employer: '',
    noFixedEmployer: true,
    employmentType: 'delivery',
    orgId: null as number | null,
    consentSensitive: true,
    ...over,
  }
}

/** A new user (not a persona) and a session token for it on `app`. */
export async function newUser(h: DatabaseHandle, app: TestApp, nickname = '测试用户'): Promise<{ id: number; token: string }> {
  const [u] = await h.database.db
    .insert(users)
    .values({ openid: `test:${randomUUID()}`, nickname })
    .returning({ id: users.id })
  const { token } = await app.app.deps.sessions.create(h.database.db, u.id)
  return { id: u.id, token }
}

export async function orgIdOf(h: DatabaseHandle, name: string): Promise<number> {
  const [row] = await h.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name))
  return row.id
}

/** Rows of a raw query, straight from the database (no schema object of the code under test). */
export async function rawRows<T = Record<string, unknown>>(h: DatabaseHandle, query: SQL): Promise<T[]> {
  return rowsOf<T>(await h.database.db.execute(query))
}

export { sql }

/**
 * Builders of the membership tests: ID numbers, the join form, fresh users (with a role, if asked) and their
 * sessions, ids of the seeded unions and personas, raw rows straight from the database.
 */
import { randomUUID } from 'node:crypto'
import { eq, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import { checkDigit } from '@contract/membership/idcard'
import type { JoinDraft, JoinSubmit } from '@contract/membership/schemas'
import { rowsOf } from '../../src/db'
import { orgs, userRoles, users } from '../../src/db/schema'
import { personaOpenid } from '../../src/personas'
import type { DatabaseHandle, TestApp } from '../harness'

export type JoinForm = z.input<typeof JoinSubmit>

/** A valid ID number: area 110105 (unless given), born `born` (YYYYMMDD, 1990-01-01 unless given), sequence `n` < 1000. */
export function idNumber(n: number, born = '19900101', area = '110105'): string {
  const first17 = area + born + String(n).padStart(3, '0')
  return first17 + checkDigit(first17)
}

/** The join form as 王小骑 fills it in (由区总工会兜底 unless `orgId` is given). */
export function joinForm(over: Partial<JoinForm> = {}): JoinForm {
  return {
    name: '王小骑',
    idNumber: idNumber(1),
    phone: '13912345678',
    employer: '',
    noFixedEmployer: true,
    employmentType: 'delivery',
    orgId: null,
    consentSensitive: true,
    ...over,
  }
}

/** A half-filled join form, as the app saves it as a draft. */
export function joinDraft(over: Partial<JoinDraft> = {}): JoinDraft {
  return { name: '王小骑', employmentType: 'delivery', noFixedEmployer: true, ...over }
}

/** ID number and phone as the applicant sees them. */
export const masked = (id: string) => id.slice(0, 4) + '**********' + id.slice(-4)

/** A new user (not a persona), optionally holding `role` at the union `orgName`; and a session token for it on `app`. */
export async function newUser(
  h: DatabaseHandle,
  app: TestApp,
  nickname = '测试用户',
  grant?: { role: 'member' | 'reviewer' | 'admin' | 'venue_staff' | 'legal_staff'; orgName: string },
): Promise<{ id: number; token: string }> {
  const [u] = await h.database.db
    .insert(users)
    .values({ openid: `test:${randomUUID()}`, nickname })
    .returning({ id: users.id })
  if (grant) await h.database.db.insert(userRoles).values({ userId: u.id, orgId: await orgIdOf(h, grant.orgName), role: grant.role })
  const { token } = await app.app.deps.sessions.create(h.database.db, u.id)
  return { id: u.id, token }
}

export async function orgIdOf(h: DatabaseHandle, name: string): Promise<number> {
  const [row] = await h.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name))
  return row.id
}

/** The user id of a demo persona (`member`, `gig`, `reviewer` …). */
export async function userIdOf(h: DatabaseHandle, persona: string): Promise<number> {
  const [row] = await h.database.db.select({ id: users.id }).from(users).where(eq(users.openid, personaOpenid(persona)))
  return row.id
}

/** Gives a persona another role (e.g. the venue persona also reviews 星河物流). */
export async function grantRole(h: DatabaseHandle, persona: string, role: 'reviewer' | 'admin', orgName: string): Promise<void> {
  await h.database.db.insert(userRoles).values({ userId: await userIdOf(h, persona), orgId: await orgIdOf(h, orgName), role })
}

/** Rows of a raw query, straight from the database (no schema object of the code under test). */
export async function rawRows<T = Record<string, unknown>>(h: DatabaseHandle, query: SQL): Promise<T[]> {
  return rowsOf<T>(await h.database.db.execute(query))
}

export { sql }

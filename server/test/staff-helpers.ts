/** Staff tests: users with a given role (straight into user_roles) and their sessions, orgs by name. */
import { eq } from 'drizzle-orm'
import type { Db } from '../src/db'
import { auditLog, orgs, userRoles, users } from '../src/db/schema'
import type { TestApp } from './harness'

let n = 0

/** A new user (optionally holding `role` at the org named `orgName`) and a session token. */
export async function person(app: TestApp, db: Db, role?: ['admin' | 'reviewer' | 'venue_staff', number]): Promise<{ id: number; token: string }> {
  n += 1
  const [u] = await db.insert(users).values({ openid: `staff-test:${process.pid}:${n}:${Math.random()}`, nickname: `工作人员${n}` }).returning({ id: users.id })
  if (role) await db.insert(userRoles).values({ userId: u.id, orgId: role[1], role: role[0] })
  const { token } = await app.app.deps.sessions.create(db, u.id)
  return { id: u.id, token }
}

export async function orgId(db: Db, name: string): Promise<number> {
  const [row] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name))
  if (!row) throw new Error(`no org ${name}`)
  return row.id
}

export async function auditOf(db: Db, action: string) {
  return db.select().from(auditLog).where(eq(auditLog.action, action))
}

/**
 * Shared steps of the relief tests, over the API as the app takes them: uploads, a draft filled in, a complete
 * submission, the gig persona's joining, and staff personas made for an attack. The data they use: builders/relief.ts.
 */
import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { checkDigit } from '@contract/membership/idcard'
import { membershipApi } from '@contract/membership/api'
import { reliefApi } from '@contract/relief/api'
import type { ApplicationDetail } from '@contract/relief/schemas'
import type { TestApp } from './harness'
import { orgs, reliefReviewGrants, userRoles, users } from '../src/db/schema'
import type { Db } from '../src/db'
import { PNG, reliefForm, requiredDocuments } from './builders/relief'

export { CHILD_ID, PDF, PNG, VALID, at } from './builders/relief'

const GIG_ID = '11010519900307281' + checkDigit('11010519900307281')

export function form(bytes: Buffer, filename: string, type: string): FormData {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(bytes)], { type }), filename)
  return fd
}

export async function upload(app: TestApp, token: string, bytes = PNG, name = 'photo.png', type = 'image/png'): Promise<string> {
  return (await app.ok(reliefApi.upload, { token, form: form(bytes, name, type) })).id
}

export async function start(app: TestApp, token: string, typeKey: string): Promise<ApplicationDetail> {
  return app.ok(reliefApi.start, { token, body: { typeKey } })
}

/** Saves the form in one step, attaches one file to each listed checklist item, and consents. */
export async function fill(app: TestApp, token: string, id: number, fields: Record<string, string | number | null>, docKeys: string[]): Promise<void> {
  const documents: Record<string, string[]> = {}
  for (const k of docKeys) documents[k] = [await upload(app, token)]
  await app.ok(reliefApi.saveDraft, { token, params: { id }, body: { step: 'documents', fields, documents, consentSensitive: true } })
}

export async function orgIdOf(db: Db, name: string): Promise<number> {
  const [row] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name))
  return row.id
}

/** The gig persona joins the gig union through the joining API (审核员·赵 approves); idempotent. */
export async function gigJoins(app: TestApp, db: Db): Promise<void> {
  const gig = await app.login('gig')
  const me = await app.ok(membershipApi.mine, { token: gig })
  if (me.membership) return
  const orgId = await orgIdOf(db, '云溪区新就业形态劳动者联合工会')
  const submitted = await app.ok(membershipApi.submit, {
    token: gig,
    body: { name: '王小骑', idNumber: GIG_ID, phone: '13912345678', noFixedEmployer: true, employmentType: 'delivery', orgId, consentSensitive: true },
  })
  const reviewer = await app.login('reviewer')
  await app.ok(membershipApi.approve, { token: reviewer, params: { id: submitted.id } })
}

/** A new user holding `role` at the union named `orgName` (and no membership), logged in: for attacker personas. */
export async function staffAt(app: TestApp, db: Db, role: 'admin' | 'reviewer', orgName: string): Promise<{ userId: number; token: string }> {
  const [u] = await db
    .insert(users)
    .values({ openid: `relief-test:${role}:${randomBytes(4).toString('hex')}`, nickname: `${orgName}${role === 'admin' ? '管理员' : '审核员'}` })
    .returning({ id: users.id })
  await db.insert(userRoles).values({ userId: u.id, orgId: await orgIdOf(db, orgName), role })
  return { userId: u.id, token: (await app.app.deps.sessions.create(db, u.id)).token }
}

/** A new user with only a relief-only delegation (relief_review_grants) at the union named `orgName`. */
export async function delegateAt(app: TestApp, db: Db, level: 'base' | 'district', orgName: string): Promise<{ userId: number; token: string }> {
  const [u] = await db
    .insert(users)
    .values({ openid: `relief-test:delegate:${randomBytes(4).toString('hex')}`, nickname: `${orgName}救助复核专员` })
    .returning({ id: users.id })
  await db.insert(reliefReviewGrants).values({ userId: u.id, orgId: await orgIdOf(db, orgName), level })
  return { userId: u.id, token: (await app.app.deps.sessions.create(db, u.id)).token }
}

/** The member persona submits a complete application of a seeded type (valid values, with `overrides`); returns its id. */
export async function submitCase(app: TestApp, token: string, typeKey: string, overrides: Record<string, string | number | null> = {}): Promise<number> {
  const draft = await start(app, token, typeKey)
  await fill(app, token, draft.id, reliefForm(typeKey, overrides), requiredDocuments(typeKey))
  await app.ok(reliefApi.submit, { token, params: { id: draft.id } })
  return draft.id
}

/* eslint-disable @typescript-eslint/no-explicit-any -- test responses are inspected loosely */
/** Shared helpers for the relief tests: valid forms per seeded type, uploads, the gig persona's joining. */
import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { checkDigit } from '@contract/membership/idcard'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import type { TestApp } from './harness'
import { orgs, reliefReviewGrants, userRoles, users } from '../src/db/schema'
import type { Db } from '../src/db'

// A real 1×1 PNG and a minimal PDF header.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

export const CHILD_ID = '33010620080515162' + checkDigit('33010620080515162')
const GIG_ID = '11010519900307281' + checkDigit('11010519900307281')

/** China-time instant. */
export const at = (local: string) => new Date(`${local}+08:00`).getTime()

/** Valid values per seeded type (submission dates in 2026 or later; hospitals differ so causes never collide). */
export const VALID: Record<string, Record<string, string | number>> = {
  hardship: { household_size: 3, monthly_income_per_head: 1200.5, cause: 'illness', situation: '丈夫重病住院，家庭收入骤减' },
  serious_illness: { diagnosis: '急性白血病', hospital: '示例市第一人民医院', admission_date: '2026-05-01', total_cost: 186000, reimbursed: 120000 },
  school_aid: { child_name: '李小雨', child_id_number: CHILD_ID, school: '示例大学', admission_year: 2026, school_stage: 'bachelor' },
  mutual_aid: { hospital: '示例市中医院', admission_date: '2026-06-01', discharge_date: '2026-06-10', diagnosis: '腰椎间盘突出', total_cost: 15000 },
  gig_accident: { accident_date: '2026-07-01', accident_place: '云溪区科创路', what_happened: '送餐途中被电动车撞倒，右腿骨折', hospital: '示例市第二医院', admission_date: '2026-07-01' },
  travel_subsidy: { direction: 'home', from_city: '示例市', to_city: '成都市', travel_date: '2027-01-25', distance_km: 1650 },
}

export function form(bytes: Buffer, filename: string, type: string): FormData {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(bytes)], { type }), filename)
  return fd
}

export async function upload(app: TestApp, token: string, bytes = PNG, name = 'photo.png', type = 'image/png'): Promise<string> {
  const res = await app.request('POST', '/api/relief/files', { token, raw: form(bytes, name, type) })
  if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${res.text}`)
  return res.body.id
}

export async function start(app: TestApp, token: string, typeKey: string): Promise<any> {
  const res = await app.request('POST', '/api/relief/applications', { token, body: { typeKey } })
  if (res.status !== 200) throw new Error(`start failed: ${res.status} ${res.text}`)
  return res.body
}

/** Saves the form in one step, attaches one file to each listed checklist item, and consents. */
export async function fill(app: TestApp, token: string, id: number, fields: Record<string, unknown>, docKeys: string[]): Promise<void> {
  const documents: Record<string, string[]> = {}
  for (const k of docKeys) documents[k] = [await upload(app, token)]
  const res = await app.request('PUT', `/api/relief/applications/${id}/draft`, {
    token,
    body: { step: 'documents', fields, documents, consentSensitive: true },
  })
  if (res.status !== 200) throw new Error(`save failed: ${res.status} ${res.text}`)
}

export async function orgIdOf(db: Db, name: string): Promise<number> {
  const [row] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name))
  return row.id
}

/** The gig persona joins the gig union through the joining API (审核员·赵 approves); idempotent. */
export async function gigJoins(app: TestApp, db: Db): Promise<void> {
  const gig = await app.login('gig')
  const me = await app.request('GET', '/api/membership/me', { token: gig })
  if (me.body.membership) return
  const orgId = await orgIdOf(db, '云溪区新就业形态劳动者联合工会')
  const submitted = await app.request('POST', '/api/membership/applications', {
    token: gig,
    body: { name: '王小骑', idNumber: GIG_ID, phone: '13912345678', noFixedEmployer: true, employmentType: 'delivery', orgId, consentSensitive: true },
  })
  if (submitted.status !== 200) throw new Error(`join failed: ${submitted.status} ${submitted.text}`)
  const reviewer = await app.login('reviewer')
  const approved = await app.request('POST', `/api/membership/review/${submitted.body.id}/approve`, { token: reviewer })
  if (approved.status !== 200) throw new Error(`join approve failed: ${approved.status} ${approved.text}`)
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

/** The member persona submits a complete application of `typeKey` (VALID values, with `overrides`); returns its id. */
export async function submitCase(app: TestApp, token: string, typeKey: string, overrides: Record<string, unknown> = {}): Promise<number> {
  const draft = await start(app, token, typeKey)
  const type = DEFAULT_AID_TYPES[typeKey]
  await fill(app, token, draft.id, { ...VALID[typeKey], ...overrides }, type.documents.filter((d) => d.required).map((d) => d.key))
  const res = await app.request('POST', `/api/relief/applications/${draft.id}/submit`, { token })
  if (res.status !== 200) throw new Error(`submit failed: ${res.status} ${res.text}`)
  return draft.id
}

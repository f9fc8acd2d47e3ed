/**
 * The authorization matrix's world: the seeded tree, one persona per seat that matters (design-roles.md) — each staff
 * role held in union A's branch and by a counterpart in another branch or at another level — and the targets in
 * union A that every scoped endpoint is called on.
 *
 * Tree (seed): 云溪区总工会 (district, level 1) → 青禾街道总工会 (street) → 星河物流有限公司工会 (union A)
 *                                                                     → 云溪区快递行业联合工会 (express)
 *                                              → 云溪科技园区工会 (park)   → 新就业形态劳动者联合工会 (union B)
 */
import { eq } from 'drizzle-orm'
import { checkDigit } from '@contract/membership/idcard'
import type { Db } from '../../src/db'
import { memberships, orgs, stations, userRoles, users } from '../../src/db/schema'
import { CLOSED_NOW_STATION, PAUSED_STATION } from '../../src/seed-stations'
import type { GrantBindings } from '../../src/auth/policy'
import type { TestApp } from '../harness'

export const PERSONAS = [
  'anonymous',
  'user',
  'memberA',
  'memberB',
  'venueA',
  'venueB',
  'reviewerA',
  'reviewerB',
  'legalA',
  'legalB',
  'adminA',
  'adminB',
  'streetAdmin',
  'parkAdmin',
  'districtAdmin',
  'keeperA',
  'keeperB',
] as const
export type PersonaKey = (typeof PERSONAS)[number]

/** What each persona is, for the docs table's legend. */
export const PERSONA_LEGEND: Record<PersonaKey, string> = {
  anonymous: 'no session',
  user: 'logged in, not a member, no role (王小骑)',
  memberA: 'member of union A (星河物流有限公司工会, 李晓梅)',
  memberB: 'member of union B (新就业形态劳动者联合工会, another branch)',
  venueA: 'venue_staff at the district, bound to venue A (云溪影城)',
  venueB: 'venue_staff at the district, bound to venue B only',
  reviewerA: 'reviewer of union A',
  reviewerB: 'reviewer of union B',
  legalA: 'legal_staff of 青禾街道总工会 (level 2, above union A: 法律援助专员·孙)',
  legalB: 'legal_staff of 云溪区快递行业联合工会 (union A’s sibling under the same street)',
  adminA: 'admin of union A (grassroots, level 3)',
  adminB: 'admin of union B (grassroots, other branch)',
  streetAdmin: 'admin of 青禾街道总工会 (level 2, above union A)',
  parkAdmin: 'admin of 云溪科技园区工会 (level 2, other branch)',
  districtAdmin: 'admin of 云溪区总工会 (level 1, 管理员·周)',
  keeperA: 'station_keeper at the district, bound to station A (星河广场爱心驿站, of union A)',
  keeperB: 'station_keeper at the district, bound to station B only (of the park)',
}

export type OrgKey = 'district' | 'street' | 'park' | 'unionA' | 'express' | 'unionB'
const ORG_NAMES: Record<OrgKey, string> = {
  district: '云溪区总工会',
  street: '青禾街道总工会',
  park: '云溪科技园区工会',
  unionA: '星河物流有限公司工会',
  express: '云溪区快递行业联合工会',
  unionB: '云溪区新就业形态劳动者联合工会',
}

export interface Cast {
  orgs: Record<OrgKey, number>
  tokens: Record<PersonaKey, string | null>
  userIds: Record<PersonaKey, number>
  /** Someone outside the matrix who applies to join union A (so no persona changes seat during the run). */
  applicantToken: string
}

const idNumber = (n: number) => {
  const body = `1101051990030${String(n).padStart(4, '0')}`.slice(0, 17)
  return body + checkDigit(body)
}

/** Creates the personas (users, grants, memberB's membership, sessions) on a seeded database. */
export async function castPersonas(app: TestApp, db: Db, venues: { A: number; B: number }): Promise<Cast> {
  const rows = await db.select({ id: orgs.id, name: orgs.name }).from(orgs)
  const org = {} as Record<OrgKey, number>
  for (const [key, name] of Object.entries(ORG_NAMES) as [OrgKey, string][]) {
    const row = rows.find((r) => r.name === name)
    if (!row) throw new Error(`seed has no ${name}`)
    org[key] = row.id
  }
  const stationRows = await db.select({ id: stations.id, name: stations.name }).from(stations)
  const stationIds = { A: stationRows.find((r) => r.name === CLOSED_NOW_STATION)!.id, B: stationRows.find((r) => r.name === PAUSED_STATION)!.id }
  const seats: Record<Exclude<PersonaKey, 'anonymous'>, { persona?: string; role?: [string, OrgKey, GrantBindings?] }> = {
    user: { persona: 'gig' },
    memberA: { persona: 'member' },
    memberB: { role: ['member', 'unionB'] },
    venueA: { role: ['venue_staff', 'district', { venues: [venues.A] }] },
    venueB: { role: ['venue_staff', 'district', { venues: [venues.B] }] },
    reviewerA: { role: ['reviewer', 'unionA'] },
    reviewerB: { role: ['reviewer', 'unionB'] },
    legalA: { persona: 'legal' },
    legalB: { role: ['legal_staff', 'express'] },
    adminA: { role: ['admin', 'unionA'] },
    adminB: { role: ['admin', 'unionB'] },
    streetAdmin: { role: ['admin', 'street'] },
    parkAdmin: { role: ['admin', 'park'] },
    districtAdmin: { persona: 'admin' },
    keeperA: { role: ['station_keeper', 'district', { stations: [stationIds.A] }] },
    keeperB: { role: ['station_keeper', 'district', { stations: [stationIds.B] }] },
  }
  const tokens = { anonymous: null } as Record<PersonaKey, string | null>
  const userIds = { anonymous: 0 } as Record<PersonaKey, number>
  let n = 0
  for (const [key, seat] of Object.entries(seats) as [Exclude<PersonaKey, 'anonymous'>, (typeof seats)['user']][]) {
    n += 1
    if (seat.persona) {
      tokens[key] = await app.login(seat.persona)
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.openid, `dev:${seat.persona}`))
      userIds[key] = u.id
      continue
    }
    const [u] = await db.insert(users).values({ openid: `matrix:${key}`, nickname: `矩阵·${key}` }).returning({ id: users.id })
    const [role, orgKey, bindings] = seat.role!
    await db.insert(userRoles).values({ userId: u.id, orgId: org[orgKey], role: role as 'member', bindings: bindings ?? {} })
    if (role === 'member') {
      const cipher = app.app.deps.cipher
      const id = idNumber(n)
      await db.insert(memberships).values({
        userId: u.id,
        idHash: cipher.idHash(id),
        idNumberEnc: cipher.encrypt(id),
        memberNo: `M${String(900000 + n)}`,
        name: `会员${key}`,
        orgId: org[orgKey],
        employmentType: 'employee',
        joinedAt: new Date('2024-01-01T00:00:00Z'),
      })
    }
    tokens[key] = (await app.app.deps.sessions.create(db, u.id)).token
    userIds[key] = u.id
  }
  const [applicant] = await db.insert(users).values({ openid: 'matrix:applicant', nickname: '申请人' }).returning({ id: users.id })
  const applicantToken = (await app.app.deps.sessions.create(db, applicant.id)).token
  return { orgs: org, tokens, userIds, applicantToken }
}

/**
 * The office console's 工作人员 table (issue 16): the staff roles of an admin's subtree filtered by union (that union
 * and its sub-unions) and by role, on the keyset cursor — and a union filter outside the caller's post is refused
 * with its reason, for an admin of a sibling branch and of a lower level; venue staff and members get nothing.
 */
import { staffApi } from '@contract/staff/api'
import { StaffReasons } from '@contract/staff/reasons'
import { databases, useDatabase, type TestApp } from './harness'
import type { Db } from '../src/db'
import { newUser } from './builders/membership'
import { orgId, person } from './staff-helpers'

describe.each(databases())('the console’s staff table on %s', (target) => {
  const h = useDatabase(target)
  let app: TestApp
  let db: Db
  let org: { district: number; street: number; logistics: number; express: number; park: number; gig: number }
  const held: Record<string, number> = {}

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' })
    db = h.database.db
    org = {
      district: await orgId(db, '云溪区总工会'),
      street: await orgId(db, '青禾街道总工会'),
      logistics: await orgId(db, '星河物流有限公司工会'),
      express: await orgId(db, '云溪区快递行业联合工会'),
      park: await orgId(db, '云溪科技园区工会'),
      gig: await orgId(db, '云溪区新就业形态劳动者联合工会'),
    }
    held.logisticsReviewer = (await person(app, db, ['reviewer', org.logistics])).id
    held.expressReviewer = (await person(app, db, ['reviewer', org.express])).id
    held.logisticsAdmin = (await person(app, db, ['admin', org.logistics])).id
    held.gigReviewer = (await person(app, db, ['reviewer', org.gig])).id
  })

  const mine = (items: { userId: number; orgId: number; role: string }[]) =>
    items.filter((r) => Object.values(held).includes(r.userId)).map((r) => `${r.role}@${r.orgId}`)

  it('filters by union (its subtree) and by role, and pages by cursor without a row twice', async () => {
    const street = await person(app, db, ['admin', org.street])
    const all = await app.ok(staffApi.roles, { token: street.token, query: { limit: 50 } })
    expect(mine(all.items).sort()).toEqual([`admin@${org.logistics}`, `reviewer@${org.express}`, `reviewer@${org.logistics}`].sort())

    const logistics = await app.ok(staffApi.roles, { token: street.token, query: { orgId: org.logistics, limit: 50 } })
    expect(logistics.items.every((r) => r.orgId === org.logistics)).toBe(true)
    expect(mine(logistics.items).sort()).toEqual([`admin@${org.logistics}`, `reviewer@${org.logistics}`])
    const reviewers = await app.ok(staffApi.roles, { token: street.token, query: { orgId: org.logistics, role: 'reviewer', limit: 50 } })
    expect(mine(reviewers.items)).toEqual([`reviewer@${org.logistics}`])
    // the street's own union covers both sub-unions
    const streetWide = await app.ok(staffApi.roles, { token: street.token, query: { orgId: org.street, role: 'reviewer', limit: 50 } })
    expect(mine(streetWide.items).sort()).toEqual([`reviewer@${org.express}`, `reviewer@${org.logistics}`].sort())

    // the district admin pages the whole district two rows at a time: every row once
    const admin = await person(app, db, ['admin', org.district])
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await app.ok(staffApi.roles, { token: admin.token, query: { orgId: org.district, limit: 2, cursor } })
      seen.push(...page.items.map((r) => `${r.role}@${r.orgId}#${r.userId}`))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toEqual(expect.arrayContaining([`reviewer@${org.gig}#${held.gigReviewer}`, `reviewer@${org.express}#${held.expressReviewer}`]))
  })

  it('refuses a union filter outside the post: a sibling branch’s admin, a lower-level admin', async () => {
    const parkAdmin = await person(app, db, ['admin', org.park])
    const sideways = await app.call(staffApi.roles, { token: parkAdmin.token, query: { orgId: org.logistics } })
    expect(sideways.status).toBe(403)
    expect(sideways.body.reason).toBe(StaffReasons.STAFF_OUTSIDE_SUBTREE.reason)
    // without the filter the park admin sees their own branch only
    expect(mine((await app.ok(staffApi.roles, { token: parkAdmin.token, query: { limit: 50 } })).items)).toEqual([`reviewer@${org.gig}`])

    const lower = await person(app, db, ['admin', org.logistics])
    const up = await app.call(staffApi.roles, { token: lower.token, query: { orgId: org.street } })
    expect(up.status).toBe(403)
    expect(up.body.reason).toBe(StaffReasons.STAFF_OUTSIDE_SUBTREE.reason)
    const unknown = await app.call(staffApi.roles, { token: lower.token, query: { orgId: 999_999 } })
    expect(unknown.status).toBe(400)
    expect(unknown.body.reason).toBe(StaffReasons.STAFF_ORG_UNKNOWN.reason)
  })

  it('venue staff, reviewers and members may not list staff at all', async () => {
    const venue = await person(app, db, ['venue_staff', org.district])
    const reviewer = await person(app, db, ['reviewer', org.district])
    const member = await newUser(h, app, '会员', { role: 'member', orgName: '星河物流有限公司工会' })
    for (const who of [venue, reviewer, member]) {
      const r = await app.call(staffApi.roles, { token: who.token, query: { orgId: org.logistics } })
      expect(r.status).toBe(403)
      expect(r.body.reason).toBe('FORBIDDEN')
    }
  })
})

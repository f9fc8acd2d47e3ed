/**
 * Staff roles by invitation (design-roles.md): who may invite whom where, accepting once, revoking with a reason —
 * and a revoked role stops working at the next request. Every grant, acceptance and revocation is audited.
 */
import { authApi } from '@contract/auth/api'
import { membershipApi } from '@contract/membership/api'
import { staffApi } from '@contract/staff/api'
import { StaffReasons } from '@contract/staff/reasons'
import { databases, useDatabase, type TestApp } from './harness'
import type { Db } from '../src/db'
import { venues } from '../src/db/schema'
import { auditOf, orgId, person } from './staff-helpers'

describe.each(databases())('staff invitations on %s', (target) => {
  const h = useDatabase(target)
  let app: TestApp
  let db: Db
  let org: { district: number; street: number; unionA: number; express: number; gig: number }

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' })
    db = h.database.db
    org = {
      district: await orgId(db, '云溪区总工会'),
      street: await orgId(db, '青禾街道总工会'),
      unionA: await orgId(db, '星河物流有限公司工会'),
      express: await orgId(db, '云溪区快递行业联合工会'),
      gig: await orgId(db, '云溪区新就业形态劳动者联合工会'),
    }
  })

  const invite = (token: string, body: { role: 'reviewer' | 'venue_staff' | 'admin'; orgId: number; venueIds?: number[]; expiresInDays?: number }) =>
    app.call(staffApi.createInvitation, { token, body: { note: '负责本单位入会审核', ...body } })

  it('a grassroots admin cannot invite for a sibling union, nor an admin at their own level or above', async () => {
    const adminA = await person(app, db, ['admin', org.unionA])
    const sibling = await invite(adminA.token, { role: 'reviewer', orgId: org.express })
    expect(sibling.status).toBe(403)
    expect(sibling.body.reason).toBe(StaffReasons.STAFF_OUTSIDE_SUBTREE.reason)
    const ownLevel = await invite(adminA.token, { role: 'admin', orgId: org.unionA })
    expect(ownLevel.status).toBe(403)
    expect(ownLevel.body.reason).toBe(StaffReasons.STAFF_ADMIN_NOT_BELOW.reason)
    const above = await invite(adminA.token, { role: 'admin', orgId: org.street })
    expect(above.status).toBe(403)
    expect(above.body.reason).toBe(StaffReasons.STAFF_OUTSIDE_SUBTREE.reason)
    // a reviewer of their own union is theirs to invite
    expect((await invite(adminA.token, { role: 'reviewer', orgId: org.unionA })).status).toBe(200)
    // and nobody revokes their own admin role
    const own = await app.call(staffApi.revokeRole, { token: adminA.token, body: { userId: adminA.id, orgId: org.unionA, role: 'admin', reason: '试图撤销自己' } })
    expect(own.status).toBe(403)
    expect(own.body.reason).toBe(StaffReasons.STAFF_OWN_ADMIN.reason)
  })

  it('the union picker lists exactly the admin’s subtree, in tree order, searchable and paged', async () => {
    const street = await person(app, db, ['admin', org.street])
    const all = await app.ok(staffApi.unions, { token: street.token, query: { limit: 100 } })
    const names = all.items.map((u) => u.name)
    expect(names[0]).toBe('青禾街道总工会')
    expect(all.items[0]).toMatchObject({ level: 2, parentName: '云溪区总工会' })
    expect(names).toContain('星河物流有限公司工会')
    // nothing outside the street's subtree: not the district above, not a union under another branch
    expect(names).not.toContain('云溪区总工会')
    const inside = new Set(all.items.map((u) => u.id))
    expect(inside.has(org.district)).toBe(false)
    expect(all.items.every((u) => u.level >= 2)).toBe(true)
    // a page at a time, with no union twice
    const first = await app.ok(staffApi.unions, { token: street.token, query: { limit: 1 } })
    const second = await app.ok(staffApi.unions, { token: street.token, query: { limit: 1, cursor: first.nextCursor ?? undefined } })
    expect([first.items[0]?.id, second.items[0]?.id]).toEqual(all.items.slice(0, 2).map((u) => u.id))
    // by name
    const found = await app.ok(staffApi.unions, { token: street.token, query: { q: '星河' } })
    expect(found.items.map((u) => u.name)).toEqual(['星河物流有限公司工会'])
    // a member is no admin
    const member = await person(app, db)
    expect((await app.call(staffApi.unions, { token: member.token })).status).toBe(403)
  })

  it('a street admin invites a reviewer below; the invitee accepts, reviews, and is stopped once revoked', async () => {
    const street = await person(app, db, ['admin', org.street])
    const invitee = await person(app, db)
    expect((await app.call(membershipApi.reviewQueue, { token: invitee.token })).status).toBe(403)

    const created = await app.ok(staffApi.createInvitation, { token: street.token, body: { role: 'reviewer', orgId: org.unionA, note: '新任入会审核员' } })
    expect(created.code).toMatch(/^[A-HJ-NP-Z2-9]{12}$/)
    expect(created.path).toBe(`/packages/staff-invite/invite/index?code=${created.code}`)
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(7 * 24 * 3600_000)
    const open = await app.ok(staffApi.invitations, { token: street.token })
    expect(open.items.map((i) => i.id)).toContain(created.id)

    const preview = await app.ok(staffApi.preview, { token: invitee.token, body: { code: created.code.toLowerCase() } })
    expect(preview).toMatchObject({ roleLabel: '审核员', orgName: '星河物流有限公司工会', state: 'open', canAccept: true, note: '新任入会审核员' })
    expect(await app.ok(staffApi.accept, { token: invitee.token, body: { code: created.code } })).toMatchObject({ role: 'reviewer', orgId: org.unionA })

    const me = await app.ok(authApi.me, { token: invitee.token })
    expect(me.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'reviewer', orgId: org.unionA })]))
    expect((await app.call(membershipApi.reviewQueue, { token: invitee.token })).status).toBe(200)

    // single use
    const other = await person(app, db)
    const again = await app.call(staffApi.accept, { token: other.token, body: { code: created.code } })
    expect(again.status).toBe(409)
    expect(again.body.reason).toBe(StaffReasons.STAFF_INVITE_USED.reason)
    expect((await app.ok(staffApi.invitations, { token: street.token })).items.map((i) => i.id)).not.toContain(created.id)

    const held = await app.ok(staffApi.roles, { token: street.token, query: { role: 'reviewer' } })
    expect(held.items).toEqual(expect.arrayContaining([expect.objectContaining({ userId: invitee.id, orgId: org.unionA, canRevoke: true })]))

    await app.ok(staffApi.revokeRole, { token: street.token, body: { userId: invitee.id, orgId: org.unionA, role: 'reviewer', reason: '岗位调整' } })
    const after = await app.call(membershipApi.reviewQueue, { token: invitee.token })
    expect(after.status).toBe(403)

    const grant = (await auditOf(db, 'staff.invitation.create')).find((a) => a.subjectId === String(created.id))
    expect(grant).toMatchObject({ actorUserId: street.id, detail: expect.objectContaining({ role: 'reviewer', note: '新任入会审核员' }) })
    const accepted = (await auditOf(db, 'staff.invitation.accept')).find((a) => a.subjectId === String(created.id))
    expect(accepted).toMatchObject({ actorUserId: invitee.id, detail: expect.objectContaining({ invitedBy: street.id }) })
    const revoked = (await auditOf(db, 'staff.role.revoke')).find((a) => a.subjectId === String(invitee.id))
    expect(revoked).toMatchObject({ actorUserId: street.id, detail: expect.objectContaining({ reason: '岗位调整', role: 'reviewer' }) })
  })

  it('an admin role only from above; a street admin cannot revoke a role in another branch', async () => {
    const street = await person(app, db, ['admin', org.street])
    expect((await invite(street.token, { role: 'admin', orgId: org.street })).body.reason).toBe(StaffReasons.STAFF_ADMIN_NOT_BELOW.reason)
    const below = await app.ok(staffApi.createInvitation, { token: street.token, body: { role: 'admin', orgId: org.unionA, note: '基层工会管理员' } })
    const newAdmin = await person(app, db)
    await app.ok(staffApi.accept, { token: newAdmin.token, body: { code: below.code } })
    // the new grassroots admin may not revoke the street admin who invited them (outside their subtree)
    const up = await app.call(staffApi.revokeRole, { token: newAdmin.token, body: { userId: street.id, orgId: org.street, role: 'admin', reason: '越级撤销' } })
    expect(up.status).toBe(403)
    expect(up.body.reason).toBe(StaffReasons.STAFF_OUTSIDE_SUBTREE.reason)
    const gigReviewer = await person(app, db, ['reviewer', org.gig])
    const sideways = await app.call(staffApi.revokeRole, { token: street.token, body: { userId: gigReviewer.id, orgId: org.gig, role: 'reviewer', reason: '越界撤销' } })
    expect(sideways.status).toBe(403)
    expect(sideways.body.reason).toBe(StaffReasons.STAFF_OUTSIDE_SUBTREE.reason)
  })

  it('venue_staff invitations bind registry venues; revoked invitations cannot be accepted', async () => {
    const district = await person(app, db, ['admin', org.district])
    const none = await invite(district.token, { role: 'venue_staff', orgId: org.district })
    expect(none.body.reason).toBe(StaffReasons.STAFF_VENUES_REQUIRED.reason)
    expect((await invite(district.token, { role: 'reviewer', orgId: org.district, venueIds: [1] })).body.reason).toBe(StaffReasons.STAFF_VENUES_NOT_ALLOWED.reason)
    expect((await invite(district.token, { role: 'venue_staff', orgId: org.district, venueIds: [999999] })).body.reason).toBe(StaffReasons.STAFF_VENUE_UNKNOWN.reason)
    expect((await invite(district.token, { role: 'reviewer', orgId: org.district, expiresInDays: 31 })).status).toBe(400)

    const [venue] = await db.select({ id: venues.id, name: venues.name }).from(venues).orderBy(venues.id).limit(1)
    const created = await app.ok(staffApi.createInvitation, { token: district.token, body: { role: 'venue_staff', orgId: org.district, venueIds: [venue.id], note: '影城核销', expiresInDays: 3 } })
    expect(created.venues).toEqual([{ id: venue.id, name: venue.name }])
    const invitee = await person(app, db)
    expect(await app.ok(staffApi.preview, { token: invitee.token, body: { code: created.code } })).toMatchObject({ venues: [{ id: venue.id, name: venue.name }], stations: [] })

    await app.ok(staffApi.revokeInvitation, { token: district.token, params: { id: created.id } })
    const gone = await app.call(staffApi.accept, { token: invitee.token, body: { code: created.code } })
    expect(gone.status).toBe(410)
    expect(gone.body.reason).toBe(StaffReasons.STAFF_INVITE_REVOKED.reason)
    expect(await auditOf(db, 'staff.invitation.revoke')).toEqual(expect.arrayContaining([expect.objectContaining({ subjectId: String(created.id), actorUserId: district.id })]))
  })

  it('wrong codes are counted per user: the eleventh in 15 minutes is refused with 429', async () => {
    const guesser = await person(app, db)
    for (let i = 0; i < 10; i++) {
      const res = await app.call(staffApi.preview, { token: guesser.token, body: { code: `WRONGCODE${String(i).padStart(3, '2')}` } })
      expect(res.body.reason).toBe(StaffReasons.STAFF_INVITE_NOT_FOUND.reason)
    }
    const limited = await app.call(staffApi.accept, { token: guesser.token, body: { code: 'ABCDEFGHJKMN' } })
    expect(limited.status).toBe(429)
    expect(limited.body.reason).toBe(StaffReasons.STAFF_INVITE_RATE_LIMITED.reason)
  })
})

import { authorize, can, inSubtree, levelOf, scopesFor, venuesFor, type Principal } from './policy'
import { AppError } from '../errors'

// Tree: district /1/ → street /1/2/ → grassroots /1/2/4/ ; park /1/3/ → grassroots /1/3/6/
const admin: Principal = { userId: 1, grants: [{ role: 'admin', orgId: 1, orgPath: '/1/' }] }
const reviewer: Principal = { userId: 2, grants: [{ role: 'reviewer', orgId: 6, orgPath: '/1/3/6/' }] }
const venue: Principal = { userId: 3, grants: [{ role: 'venue_staff', orgId: 1, orgPath: '/1/', bindings: { venues: [7] } }] }
const member: Principal = { userId: 4, grants: [{ role: 'member', orgId: 4, orgPath: '/1/2/4/' }] }
const nobody: Principal = { userId: 5, grants: [] }

describe('policy', () => {
  it('matches subtrees by path prefix, not by string overlap', () => {
    expect(inSubtree('/1/', '/1/2/4/')).toBe(true)
    expect(inSubtree('/1/2/', '/1/2/')).toBe(true)
    expect(inSubtree('/1/2/', '/1/3/')).toBe(false)
    expect(inSubtree('/1/', '/12/')).toBe(false)
    expect(inSubtree('', '/1/')).toBe(false)
  })

  it('a role applies to its org and the whole subtree below', () => {
    expect(can(admin, 'campaigns.manage', '/1/')).toBe(true)
    expect(can(admin, 'membership.review', '/1/3/6/')).toBe(true)
    expect(can(reviewer, 'membership.review', '/1/3/6/')).toBe(true)
    expect(can(reviewer, 'membership.review', '/1/2/4/')).toBe(false)
    expect(can(reviewer, 'membership.review', '/1/')).toBe(false) // not upwards
    expect(can(venue, 'vouchers.redeem', { orgPath: '/1/2/4/', venueId: 7 })).toBe(true)
  })

  it('permissions follow the role', () => {
    expect(can(venue, 'membership.review', '/1/')).toBe(false)
    expect(can(reviewer, 'vouchers.redeem', '/1/3/6/')).toBe(false)
    expect(can(member, 'member.benefits', '/1/2/4/')).toBe(true)
    expect(can(member, 'staff.view')).toBe(false)
    expect(can(admin, 'staff.view')).toBe(true)
    expect(can(nobody, 'staff.view')).toBe(false)
    expect(can(null, 'staff.view')).toBe(false)
  })

  it('authorize throws 403 (or 401 without a user)', () => {
    expect(() => authorize(admin, 'staff.manage', '/1/2/')).not.toThrow()
    const denied = (() => {
      try {
        authorize(reviewer, 'campaigns.manage', '/1/3/6/')
      } catch (e) {
        return e as AppError
      }
    })()
    expect(denied).toBeInstanceOf(AppError)
    expect(denied?.statusCode).toBe(403)
    expect(denied?.code).toBe('FORBIDDEN')
    expect(denied?.message).toBe('没有权限执行此操作')
    expect(() => authorize(null, 'staff.view')).toThrow(expect.objectContaining({ statusCode: 401 }))
  })

  it('scopesFor returns the outermost roots holding a permission', () => {
    const mixed: Principal = {
      userId: 9,
      grants: [
        { role: 'reviewer', orgId: 6, orgPath: '/1/3/6/' },
        { role: 'reviewer', orgId: 3, orgPath: '/1/3/' },
        { role: 'reviewer', orgId: 4, orgPath: '/1/2/4/' },
        { role: 'venue_staff', orgId: 1, orgPath: '/1/' },
      ],
    }
    expect(scopesFor(mixed, 'membership.review')).toEqual(['/1/3/', '/1/2/4/'])
    expect(scopesFor(mixed, 'vouchers.redeem')).toEqual(['/1/'])
    expect(scopesFor(mixed, 'campaigns.manage')).toEqual([])
    expect(scopesFor(null, 'staff.view')).toEqual([])
  })

  it('member card verification and merchant management', () => {
    expect(can(venue, 'membership.verify_card', '/1/2/4/')).toBe(true)
    expect(can(reviewer, 'membership.verify_card')).toBe(true)
    expect(can(admin, 'membership.verify_card')).toBe(true)
    expect(can(member, 'membership.verify_card')).toBe(false)
    expect(can(admin, 'merchants.manage', '/1/3/6/')).toBe(true)
    expect(can(reviewer, 'merchants.manage')).toBe(false)
    expect(can(venue, 'merchants.manage')).toBe(false)
  })

  it('venue staff act only at the venues their grant names; other roles are not venue-bound', () => {
    expect(can(venue, 'vouchers.redeem', { orgPath: '/1/2/4/', venueId: 7 })).toBe(true)
    expect(can(venue, 'vouchers.redeem', { orgPath: '/1/2/4/', venueId: 8 })).toBe(false)
    expect(can(venue, 'vouchers.redeem', '/1/2/4/')).toBe(false) // no venue named: denied
    expect(can(venue, 'vouchers.redeem')).toBe(true) // holds it somewhere (menus)
    const unbound: Principal = { userId: 6, grants: [{ role: 'venue_staff', orgId: 1, orgPath: '/1/' }] }
    expect(can(unbound, 'vouchers.redeem', { orgPath: '/1/', venueId: 7 })).toBe(false)
    expect(can(admin, 'vouchers.redeem', { orgPath: '/1/2/4/', venueId: 8 })).toBe(true)
    expect(venuesFor(venue, 'vouchers.redeem', '/1/2/4/')).toEqual([7])
    expect(venuesFor(admin, 'vouchers.redeem', '/1/2/4/')).toBe('any')
    expect(venuesFor(member, 'vouchers.redeem', '/1/2/4/')).toEqual([])
  })

  it('level-bound permissions need the grant at that level or above, not merely above the target', () => {
    const streetAdmin: Principal = { userId: 7, grants: [{ role: 'admin', orgId: 2, orgPath: '/1/2/' }] }
    expect(levelOf('/1/')).toBe(1)
    expect(levelOf('/1/2/4/')).toBe(3)
    expect(can(admin, 'relief.review_district', { orgPath: '/1/2/4/', maxLevel: 1 })).toBe(true)
    expect(can(streetAdmin, 'relief.review_district', { orgPath: '/1/2/4/', maxLevel: 1 })).toBe(false)
    expect(can(streetAdmin, 'relief.review_district', { orgPath: '/1/2/4/', maxLevel: 2 })).toBe(true)
    expect(can(admin, 'relief.review_district', '/1/2/4/')).toBe(false) // no level named: denied
    expect(scopesFor(streetAdmin, 'relief.review_district', { maxLevel: 1 })).toEqual([])
    expect(scopesFor(admin, 'relief.review_district', { maxLevel: 1 })).toEqual(['/1/'])
  })
})

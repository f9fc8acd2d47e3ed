/** Merchant offers (工会卡优惠): active only, by category, sorted by distance; admin management. */
import { eq } from 'drizzle-orm'
import { databases, useDatabase } from './harness'
import { orgs, userRoles, users } from '../src/db/schema'
import { personaOpenid } from '../src/personas'
import { DEMO_MERCHANTS } from '../src/seed'

const CENTRE = { lat: 30.2741, lng: 120.1551 } // 云溪区总工会

describe.each(databases())('merchants on %s', (target) => {
  const h = useDatabase(target)
  let clock = new Date('2026-11-23T10:00:00+08:00').getTime()
  const now = () => clock

  const input = (orgId: number, over: Record<string, unknown> = {}) => ({
    name: '新开张水果店',
    category: 'supermarket',
    offer: '会员 95 折',
    validFrom: '2026-11-01',
    validTo: '2026-12-31',
    address: '示例市云溪区青禾路 99 号',
    lat: 30.29,
    lng: 120.17,
    orgId,
    ...over,
  })

  it('lists active offers sorted by distance, from the union city or the device', async () => {
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const res = await app.request('GET', '/api/merchants', { token: member })
    expect(res.status).toBe(200)
    expect(res.body.origin).toEqual({ ...CENTRE, source: 'union_city' })
    const names = res.body.items.map((m: { name: string }) => m.name)
    expect(names).toHaveLength(DEMO_MERCHANTS.length - 1)
    expect(names).not.toContain('旧日咖啡馆') // expired 2024-12-31
    const distances = res.body.items.map((m: { distanceMeters: number }) => m.distanceMeters)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(names[0]).toBe('云溪老街面馆')
    expect(distances[0]).toBeGreaterThan(50)
    expect(distances[0]).toBeLessThan(150)

    // from the device: nearest to 骑士驿站快修
    const device = await app.request('GET', '/api/merchants?lat=30.2636&lng=120.1461', { token: member })
    expect(device.body.origin).toEqual({ lat: 30.2636, lng: 120.1461, source: 'device' })
    expect(device.body.items[0].name).toBe('骑士驿站快修')

    const food = await app.request('GET', '/api/merchants?category=food', { token: member })
    expect(food.body.items.map((m: { name: string }) => m.name)).toEqual(['云溪老街面馆'])
    expect((await app.request('GET', '/api/merchants?category=bar', { token: member })).status).toBe(400)

    // any logged-in user, not anonymous
    const gig = await app.login('gig')
    expect((await app.request('GET', '/api/merchants', { token: gig })).body.origin.source).toBe('union_city')
    expect((await app.request('GET', '/api/merchants')).status).toBe(401)
  })

  it('admin creates, updates and takes down within the subtree; others are refused', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const member = await app.login('member')
    const [district] = await h.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, '云溪区总工会'))

    expect((await app.request('POST', '/api/merchants', { token: member, body: input(district.id) })).status).toBe(403)
    const invalid = await app.request('POST', '/api/merchants', {
      token: admin,
      body: input(district.id, { validFrom: '2026-12-31', validTo: '2026-11-01' }),
    })
    expect(invalid.status).toBe(400)
    expect(invalid.body.fields.validTo).toBe('截止日期不能早于开始日期')

    const created = await app.request('POST', '/api/merchants', { token: admin, body: input(district.id) })
    expect(created.status).toBe(200)
    const id = created.body.id
    expect(created.body).toMatchObject({ name: '新开张水果店', orgId: district.id, distanceMeters: null })

    const updated = await app.request('PUT', `/api/merchants/${id}`, {
      token: admin,
      body: input(district.id, { offer: '会员 9 折', category: 'food' }),
    })
    expect(updated.status).toBe(200)
    expect(updated.body.offer).toBe('会员 9 折')
    const listed = await app.request('GET', '/api/merchants?category=food', { token: member })
    expect(listed.body.items.map((m: { name: string }) => m.name)).toContain('新开张水果店')

    // not yet valid → hidden until its first day
    const future = await app.request('POST', '/api/merchants', {
      token: admin,
      body: input(district.id, { name: '未来影城', validFrom: '2026-11-24', validTo: '2026-12-31' }),
    })
    const names = async () =>
      (await app.request('GET', '/api/merchants', { token: member })).body.items.map((m: { name: string }) => m.name)
    expect(await names()).not.toContain('未来影城')
    // The admin still sees it, and the expired seed offer, with where each stands.
    expect((await app.request('GET', '/api/merchants/manage', { token: member })).status).toBe(403)
    const managed = await app.request('GET', '/api/merchants/manage', { token: admin })
    expect(managed.status).toBe(200)
    const stateOf = (name: string) => managed.body.items.find((m: { name: string }) => m.name === name)?.state
    expect(stateOf('未来影城')).toBe('upcoming')
    expect(stateOf('旧日咖啡馆')).toBe('expired')
    expect(stateOf('新开张水果店')).toBe('active')
    clock += 24 * 3600_000
    expect(await names()).toContain('未来影城')
    expect(future.status).toBe(200)

    expect((await app.request('DELETE', `/api/merchants/${id}`, { token: member })).status).toBe(403)
    const down = await app.request('DELETE', `/api/merchants/${id}`, { token: admin })
    expect(down.status).toBe(200)
    expect(down.body).toEqual({ ok: true })
    expect(await names()).not.toContain('新开张水果店')
    expect((await app.request('DELETE', `/api/merchants/${id}`, { token: admin })).status).toBe(404)
  })

  it('an admin of a street manages only its subtree', async () => {
    const app = await h.app({}, { now })
    const org = async (name: string) => (await h.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name)))[0].id
    const [venue] = await h.database.db.select({ id: users.id }).from(users).where(eq(users.openid, personaOpenid('venue')))
    await h.database.db.insert(userRoles).values({ userId: venue.id, orgId: await org('青禾街道总工会'), role: 'admin' })
    const streetAdmin = await app.login('venue')
    expect((await app.request('POST', '/api/merchants', { token: streetAdmin, body: input(await org('云溪科技园区工会')) })).status).toBe(403)
    const ok = await app.request('POST', '/api/merchants', { token: streetAdmin, body: input(await org('星河物流有限公司工会')) })
    expect(ok.status).toBe(200)
    // moving it out of the subtree is refused, too
    const moved = await app.request('PUT', `/api/merchants/${ok.body.id}`, {
      token: streetAdmin,
      body: input(await org('云溪科技园区工会')),
    })
    expect(moved.status).toBe(403)
  })
})

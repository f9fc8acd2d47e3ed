/** Merchant offers (工会卡优惠): active only, by category, sorted by distance; admin management. */
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { databases, useDatabase, type TestApp } from './harness'
import { merchants, orgs, userRoles, users } from '../src/db/schema'
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

/** Security review (issue 11): offers reach the publishing union's subtree only; both lists come in pages. */
describe.each(databases())('merchant offers scoped and paged on %s', (target) => {
  const h = useDatabase(target)
  const clock = new Date('2026-11-23T10:00:00+08:00').getTime()
  const now = () => clock
  const org = async (name: string) => (await h.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name)))[0].id
  const offer = (orgId: number, name: string, over: Record<string, unknown> = {}) => ({
    name,
    category: 'food',
    offer: '会员 9 折',
    validFrom: '2026-11-01',
    validTo: '2026-12-31',
    address: '示例市云溪区青禾路 1 号',
    lat: 30.28,
    lng: 120.16,
    orgId,
    ...over,
  })
  /** A user holding `role` at `orgName` (a member role is what an approval grants). */
  async function holder(app: TestApp, role: 'member' | 'admin', orgName: string): Promise<string> {
    const [u] = await h.database.db.insert(users).values({ openid: `test:${randomUUID()}`, nickname: `${orgName}${role}` }).returning({ id: users.id })
    await h.database.db.insert(userRoles).values({ userId: u.id, orgId: await org(orgName), role })
    return (await app.app.deps.sessions.create(h.database.db, u.id)).token
  }
  const names = async (app: TestApp, token: string, query = '') =>
    (await app.request('GET', `/api/merchants?limit=100${query}`, { token })).body.items.map((m: { name: string }) => m.name) as string[]

  it("a member sees their own union's offers and those above it, never a sibling branch's", async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    for (const [orgName, name] of [
      ['青禾街道总工会', '街道·青禾小吃'],
      ['星河物流有限公司工会', '星河·员工食堂'],
      ['云溪科技园区工会', '园区·咖啡角'],
      ['云溪区新就业形态劳动者联合工会', '骑手·充电站'],
    ]) {
      expect((await app.request('POST', '/api/merchants', { token: admin, body: offer(await org(orgName), name) })).status).toBe(200)
    }
    const district = DEMO_MERCHANTS.filter((m) => m.validTo >= '2026-11-23').map((m) => m.name)

    // 李晓梅 is a member of 星河物流 (under 青禾街道): the district's, the street's and her union's.
    const member = await app.login('member')
    expect((await names(app, member)).sort()).toEqual([...district, '街道·青禾小吃', '星河·员工食堂'].sort())
    // A member of the gig union (under 云溪科技园区) in the other branch.
    const rider = await holder(app, 'member', '云溪区新就业形态劳动者联合工会')
    expect((await names(app, rider)).sort()).toEqual([...district, '园区·咖啡角', '骑手·充电站'].sort())
    // Someone of no union at all: nothing to show.
    const gig = await app.login('gig')
    expect(await names(app, gig)).toEqual([])
  })

  it('an admin of a sibling union can neither see nor change nor take down the offers of another branch', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const street = await org('青禾街道总工会')
    const park = await org('云溪科技园区工会')
    const target = (await app.request('POST', '/api/merchants', { token: admin, body: offer(street, '街道·目标商户') })).body.id
    const gone = (await app.request('POST', '/api/merchants', { token: admin, body: offer(street, '街道·已下架商户') })).body.id
    expect((await app.request('DELETE', `/api/merchants/${gone}`, { token: admin })).status).toBe(200)

    const sibling = await holder(app, 'admin', '云溪科技园区工会')
    const own = await app.request('POST', '/api/merchants', { token: sibling, body: offer(park, '园区·自家商户') })
    expect(own.status).toBe(200)
    const managed = (await app.request('GET', '/api/merchants/manage?limit=100', { token: sibling })).body.items.map((m: { name: string }) => m.name)
    expect(managed).toContain('园区·自家商户')
    expect(managed).not.toContain('街道·目标商户')

    expect((await app.request('POST', '/api/merchants', { token: sibling, body: offer(street, '园区·越权新增') })).status).toBe(403)
    for (const orgId of [street, park]) {
      const moved = await app.request('PUT', `/api/merchants/${target}`, { token: sibling, body: offer(orgId, '被改掉了') })
      expect(moved.status).toBe(403)
    }
    expect((await app.request('DELETE', `/api/merchants/${target}`, { token: sibling })).status).toBe(403)
    // Taken down or not, another branch's offer is a 403 (nothing learnt about its state).
    expect((await app.request('DELETE', `/api/merchants/${gone}`, { token: sibling })).status).toBe(403)
    // The sibling's own offer cannot be handed over to the other branch either.
    expect((await app.request('PUT', `/api/merchants/${own.body.id}`, { token: sibling, body: offer(street, '园区·自家商户') })).status).toBe(403)

    const member = await app.login('member')
    expect(await names(app, member)).toContain('街道·目标商户')
    const [row] = await h.database.db.select().from(merchants).where(eq(merchants.id, target))
    expect(row).toMatchObject({ name: '街道·目标商户', orgId: street, takenDownAt: null })
  })

  it('both lists come in pages: the member list nearest first from one origin, the admin list by end date', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const district = await org('云溪区总工会')
    for (let i = 0; i < 24; i++) {
      // Pairs at the same spot: equal distances, ordered by id.
      const body = offer(district, `分页商户${String(i).padStart(2, '0')}`, {
        lat: 30.2741 + Math.floor(i / 2) * 0.001,
        lng: 120.1551,
        validTo: `2027-01-${String(1 + (i % 5)).padStart(2, '0')}`,
      })
      expect((await app.request('POST', '/api/merchants', { token: admin, body })).status).toBe(200)
    }
    const member = await app.login('member')
    const all = (await app.request('GET', '/api/merchants?limit=100&lat=30.2741&lng=120.1551', { token: member })).body.items
    expect(all.length).toBeGreaterThan(24)
    const seen: number[] = []
    let cursor: string | null = null
    let first = true
    do {
      // After the first page the phone "moves": the pages still follow the first page's origin.
      const where: string = first ? 'lat=30.2741&lng=120.1551' : 'lat=30.3&lng=120.2'
      const url: string = `/api/merchants?limit=7&${where}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const res = await app.request('GET', url, { token: member })
      expect(res.status).toBe(200)
      expect(res.body.items.length).toBeLessThanOrEqual(7)
      expect(res.body.origin).toEqual({ lat: 30.2741, lng: 120.1551, source: 'device' })
      seen.push(...res.body.items.map((m: { id: number }) => m.id))
      cursor = res.body.nextCursor
      first = false
    } while (cursor && seen.length < 200)
    expect(seen).toEqual(all.map((m: { id: number }) => m.id))
    const distances = all.map((m: { distanceMeters: number }) => m.distanceMeters)
    expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b))
    expect((await app.request('GET', '/api/merchants', { token: member })).body.items).toHaveLength(20)
    expect((await app.request('GET', '/api/merchants?limit=101', { token: member })).status).toBe(400)
    expect((await app.request('GET', '/api/merchants?cursor=abc', { token: member })).body.fields.cursor).toBe('分页参数无效，请刷新列表')

    const managedAll = (await app.request('GET', '/api/merchants/manage?limit=100', { token: admin })).body.items as { id: number; validTo: string }[]
    const keys = managedAll.map((m) => [m.validTo, m.id] as const)
    expect(keys).toEqual([...keys].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? 1 : -1)))
    const first20 = await app.request('GET', '/api/merchants/manage', { token: admin })
    expect(first20.body.items).toHaveLength(20)
    const rest = await app.request('GET', `/api/merchants/manage?limit=100&cursor=${encodeURIComponent(first20.body.nextCursor)}`, { token: admin })
    expect([...first20.body.items, ...rest.body.items].map((m: { id: number }) => m.id)).toEqual(managedAll.map((m) => m.id))
    expect(rest.body.nextCursor).toBeNull()
    expect((await app.request('GET', '/api/merchants/manage?limit=0', { token: admin })).status).toBe(400)
    for (const bad of [['2026-13-45', 1], ['2026-12-01', 'x']]) {
      const res = await app.request('GET', `/api/merchants/manage?cursor=${Buffer.from(JSON.stringify(bad)).toString('base64url')}`, { token: admin })
      expect(res.status).toBe(400)
      expect(res.body.fields.cursor).toBe('分页参数无效，请刷新列表')
    }
  })
})

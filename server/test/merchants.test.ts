/** Merchant offers (工会卡优惠): active only, by category, sorted by distance; admin management. */
import { eq } from 'drizzle-orm'
import { merchantsApi } from '@contract/merchants/api'
import type { MerchantList } from '@contract/merchants/schemas'
import { databases, useDatabase, type TestApp } from './harness'
import { merchants } from '../src/db/schema'
import { DEMO_MERCHANTS } from '../src/seed'
import { grantRole, newUser, orgIdOf } from './builders/membership'
import { offer } from './builders/merchants'

const CENTRE = { lat: 30.2741, lng: 120.1551 } // 云溪区总工会

describe.each(databases())('merchants on %s', (target) => {
  const h = useDatabase(target)
  let clock = new Date('2026-11-23T10:00:00+08:00').getTime()
  const now = () => clock

  it('lists active offers sorted by distance, from the union city or the device', async () => {
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const res = await app.ok(merchantsApi.list, { token: member })
    expect(res.origin).toEqual({ ...CENTRE, source: 'union_city' })
    const names = res.items.map((m) => m.name)
    expect(names).toHaveLength(DEMO_MERCHANTS.length - 1)
    expect(names).not.toContain('旧日咖啡馆') // expired 2024-12-31
    const distances = res.items.map((m) => m.distanceMeters!)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(names[0]).toBe('云溪老街面馆')
    expect(distances[0]).toBeGreaterThan(50)
    expect(distances[0]).toBeLessThan(150)

    // from the device: nearest to 骑士驿站快修
    const device = await app.ok(merchantsApi.list, { token: member, query: { lat: 30.2636, lng: 120.1461 } })
    expect(device.origin).toEqual({ lat: 30.2636, lng: 120.1461, source: 'device' })
    expect(device.items[0].name).toBe('骑士驿站快修')

    const food = await app.ok(merchantsApi.list, { token: member, query: { category: 'food' } })
    expect(food.items.map((m) => m.name)).toEqual(['云溪老街面馆'])
    expect((await app.call(merchantsApi.list, { token: member, query: { category: 'bar' as never } })).status).toBe(400)

    // any logged-in user, not anonymous
    const gig = await app.login('gig')
    expect((await app.ok(merchantsApi.list, { token: gig })).origin.source).toBe('union_city')
    expect((await app.call(merchantsApi.list)).status).toBe(401)
  })

  it('admin creates, updates and takes down within the subtree; others are refused', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const member = await app.login('member')
    const district = await orgIdOf(h, '云溪区总工会')

    expect((await app.call(merchantsApi.create, { token: member, body: offer(district) })).status).toBe(403)
    const invalid = await app.call(merchantsApi.create, { token: admin, body: offer(district, { validFrom: '2026-12-31', validTo: '2026-11-01' }) })
    expect(invalid.status).toBe(400)
    expect(invalid.body.fields?.validTo).toBe('截止日期不能早于开始日期')

    const created = await app.ok(merchantsApi.create, { token: admin, body: offer(district) })
    const params = { id: created.id }
    expect(created).toMatchObject({ name: '新开张水果店', orgId: district, distanceMeters: null })

    const updated = await app.ok(merchantsApi.update, { token: admin, params, body: offer(district, { offer: '会员 9 折', category: 'food' }) })
    expect(updated.offer).toBe('会员 9 折')
    const listed = await app.ok(merchantsApi.list, { token: member, query: { category: 'food' } })
    expect(listed.items.map((m) => m.name)).toContain('新开张水果店')
    // moving it to a union that does not exist: refused beside the field
    const nowhere = await app.call(merchantsApi.update, { token: admin, params, body: offer(999_999) })
    expect(nowhere.status).toBe(400)
    expect(nowhere.body).toMatchObject({ reason: 'MERCHANT_ORG_UNKNOWN', fields: { orgId: '所属工会不存在' } })

    // not yet valid → hidden until its first day
    const future = await app.call(merchantsApi.create, { token: admin, body: offer(district, { name: '未来影城', validFrom: '2026-11-24', validTo: '2026-12-31' }) })
    const names = async () => (await app.ok(merchantsApi.list, { token: member })).items.map((m) => m.name)
    expect(await names()).not.toContain('未来影城')
    // The admin still sees it, and the expired seed offer, with where each stands.
    expect((await app.call(merchantsApi.manage, { token: member })).status).toBe(403)
    const managed = await app.ok(merchantsApi.manage, { token: admin })
    const stateOf = (name: string) => managed.items.find((m) => m.name === name)?.state
    expect(stateOf('未来影城')).toBe('upcoming')
    expect(stateOf('旧日咖啡馆')).toBe('expired')
    expect(stateOf('新开张水果店')).toBe('active')
    clock += 24 * 3600_000
    expect(await names()).toContain('未来影城')
    expect(future.status).toBe(200)

    expect((await app.call(merchantsApi.takeDown, { token: member, params })).status).toBe(403)
    const down = await app.call(merchantsApi.takeDown, { token: admin, params })
    expect(down.status).toBe(200)
    expect(down.body).toEqual({ ok: true })
    expect(await names()).not.toContain('新开张水果店')
    const again = await app.call(merchantsApi.takeDown, { token: admin, params })
    expect(again.status).toBe(404)
    expect(again.body).toMatchObject({ reason: 'MERCHANT_NOT_FOUND', message: '商户不存在或已下架' })
  })

  it('an admin of a street manages only its subtree', async () => {
    const app = await h.app({}, { now })
    await grantRole(h, 'venue', 'admin', '青禾街道总工会')
    const streetAdmin = await app.login('venue')
    const park = await orgIdOf(h, '云溪科技园区工会')
    expect((await app.call(merchantsApi.create, { token: streetAdmin, body: offer(park) })).status).toBe(403)
    const ok = await app.ok(merchantsApi.create, { token: streetAdmin, body: offer(await orgIdOf(h, '星河物流有限公司工会')) })
    // moving it out of the subtree is refused, too
    const moved = await app.call(merchantsApi.update, { token: streetAdmin, params: { id: ok.id }, body: offer(park) })
    expect(moved.status).toBe(403)
  })
})

/** Security review (issue 11): offers reach the publishing union's subtree only; both lists come in pages. */
describe.each(databases())('merchant offers scoped and paged on %s', (target) => {
  const h = useDatabase(target)
  const clock = new Date('2026-11-23T10:00:00+08:00').getTime()
  const now = () => clock
  const food = (orgId: number, name: string, over: Parameters<typeof offer>[1] = {}) =>
    offer(orgId, { name, category: 'food', offer: '会员 9 折', address: '示例市云溪区青禾路 1 号', lat: 30.28, lng: 120.16, ...over })
  /** A user holding `role` at `orgName` (a member role is what an approval grants). */
  const holder = async (app: TestApp, role: 'member' | 'admin', orgName: string) => (await newUser(h, app, `${orgName}${role}`, { role, orgName })).token
  const names = async (app: TestApp, token: string) => (await app.ok(merchantsApi.list, { token, query: { limit: 100 } })).items.map((m) => m.name)

  it("a member sees their own union's offers and those above it, never a sibling branch's", async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    for (const [orgName, name] of [
      ['青禾街道总工会', '街道·青禾小吃'],
      ['星河物流有限公司工会', '星河·员工食堂'],
      ['云溪科技园区工会', '园区·咖啡角'],
      ['云溪区新就业形态劳动者联合工会', '骑手·充电站'],
    ]) {
      await app.ok(merchantsApi.create, { token: admin, body: food(await orgIdOf(h, orgName), name) })
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
    const street = await orgIdOf(h, '青禾街道总工会')
    const park = await orgIdOf(h, '云溪科技园区工会')
    const target = (await app.ok(merchantsApi.create, { token: admin, body: food(street, '街道·目标商户') })).id
    const gone = (await app.ok(merchantsApi.create, { token: admin, body: food(street, '街道·已下架商户') })).id
    await app.ok(merchantsApi.takeDown, { token: admin, params: { id: gone } })

    const sibling = await holder(app, 'admin', '云溪科技园区工会')
    const own = await app.ok(merchantsApi.create, { token: sibling, body: food(park, '园区·自家商户') })
    const managed = (await app.ok(merchantsApi.manage, { token: sibling, query: { limit: 100 } })).items.map((m) => m.name)
    expect(managed).toContain('园区·自家商户')
    expect(managed).not.toContain('街道·目标商户')

    expect((await app.call(merchantsApi.create, { token: sibling, body: food(street, '园区·越权新增') })).status).toBe(403)
    for (const orgId of [street, park]) {
      const moved = await app.call(merchantsApi.update, { token: sibling, params: { id: target }, body: food(orgId, '被改掉了') })
      expect(moved.status).toBe(403)
    }
    expect((await app.call(merchantsApi.takeDown, { token: sibling, params: { id: target } })).status).toBe(403)
    // Taken down or not, another branch's offer is a 403 (nothing learnt about its state).
    expect((await app.call(merchantsApi.takeDown, { token: sibling, params: { id: gone } })).status).toBe(403)
    // The sibling's own offer cannot be handed over to the other branch either.
    expect((await app.call(merchantsApi.update, { token: sibling, params: { id: own.id }, body: food(street, '园区·自家商户') })).status).toBe(403)

    const member = await app.login('member')
    expect(await names(app, member)).toContain('街道·目标商户')
    const [row] = await h.database.db.select().from(merchants).where(eq(merchants.id, target))
    expect(row).toMatchObject({ name: '街道·目标商户', orgId: street, takenDownAt: null })
  })

  it('both lists come in pages: the member list nearest first from one origin, the admin list by end date', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const district = await orgIdOf(h, '云溪区总工会')
    for (let i = 0; i < 24; i++) {
      // Pairs at the same spot: equal distances, ordered by id.
      const body = food(district, `分页商户${String(i).padStart(2, '0')}`, {
        lat: 30.2741 + Math.floor(i / 2) * 0.001,
        lng: 120.1551,
        validTo: `2027-01-${String(1 + (i % 5)).padStart(2, '0')}`,
      })
      await app.ok(merchantsApi.create, { token: admin, body })
    }
    const member = await app.login('member')
    const here = { lat: 30.2741, lng: 120.1551 }
    const all = (await app.ok(merchantsApi.list, { token: member, query: { limit: 100, ...here } })).items
    expect(all.length).toBeGreaterThan(24)
    const seen: number[] = []
    let cursor: string | null = null
    let first = true
    do {
      // After the first page the phone "moves": the pages still follow the first page's origin.
      const where = first ? here : { lat: 30.3, lng: 120.2 }
      const page: MerchantList = await app.ok(merchantsApi.list, { token: member, query: { limit: 7, ...where, ...(cursor ? { cursor } : {}) } })
      expect(page.items.length).toBeLessThanOrEqual(7)
      expect(page.origin).toEqual({ ...here, source: 'device' })
      seen.push(...page.items.map((m) => m.id))
      cursor = page.nextCursor
      first = false
    } while (cursor && seen.length < 200)
    expect(seen).toEqual(all.map((m) => m.id))
    const distances = all.map((m) => m.distanceMeters!)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect((await app.ok(merchantsApi.list, { token: member })).items).toHaveLength(20)
    expect((await app.call(merchantsApi.list, { token: member, query: { limit: 101 } })).status).toBe(400)
    expect((await app.call(merchantsApi.list, { token: member, query: { cursor: 'abc' } })).body.fields?.cursor).toBe('分页参数无效，请刷新列表')

    const managedAll = (await app.ok(merchantsApi.manage, { token: admin, query: { limit: 100 } })).items
    const keys = managedAll.map((m) => [m.validTo, m.id] as const)
    expect(keys).toEqual([...keys].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? 1 : -1)))
    const first20 = await app.ok(merchantsApi.manage, { token: admin })
    expect(first20.items).toHaveLength(20)
    const rest = await app.ok(merchantsApi.manage, { token: admin, query: { limit: 100, cursor: first20.nextCursor! } })
    expect([...first20.items, ...rest.items].map((m) => m.id)).toEqual(managedAll.map((m) => m.id))
    expect(rest.nextCursor).toBeNull()
    expect((await app.call(merchantsApi.manage, { token: admin, query: { limit: 0 } })).status).toBe(400)
    for (const bad of [['2026-13-45', 1], ['2026-12-01', 'x']]) {
      const res = await app.call(merchantsApi.manage, { token: admin, query: { cursor: Buffer.from(JSON.stringify(bad)).toString('base64url') } })
      expect(res.status).toBe(400)
      expect(res.body.fields?.cursor).toBe('分页参数无效，请刷新列表')
    }
  })
})

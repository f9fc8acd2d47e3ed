/**
 * The office console's 入会审核 (issue 16): the review queue's filters (union, employment type, overdue, submitted
 * dates) and newest-first keyset paging; 批量通过 — each item judged as a single approval, per item: an application of
 * another branch is refused for that item only (attacker-style), the others go through.
 */
import { membershipApi } from '@contract/membership/api'
import { databases, useDatabase, type TestApp } from './harness'
import { idNumber, joinForm, newUser, orgIdOf, rawRows, sql } from './builders/membership'
import { at, DAY } from './builders/relief'

const UNION_A = '星河物流有限公司工会'
const UNION_B = '云溪区新就业形态劳动者联合工会'

describe.each(databases())('membership review in the console on %s', (target) => {
  const h = useDatabase(target)
  // Friday 2026-11-20 10:00 China time; the old applications were submitted the Friday before (overdue by Wednesday).
  let clock = at('2026-11-13T09:00:00')
  let app: TestApp
  let admin: string
  let reviewerB: string
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    app = await h.app({}, { now: () => clock })
    const a = await orgIdOf(h, UNION_A)
    const b = await orgIdOf(h, UNION_B)
    const names: Record<string, string> = { a1: '张一', b1: '李二', a2: '王三', b2: '赵四', b3: '钱五', a3: '孙六' }
    const plan: [string, number, 'delivery' | 'courier', number][] = [
      ['a1', a, 'delivery', at('2026-11-13T09:00:00')],
      ['b1', b, 'delivery', at('2026-11-13T10:00:00')],
      ['a2', a, 'courier', at('2026-11-19T09:00:00')],
      ['b2', b, 'courier', at('2026-11-19T10:00:00')],
      ['b3', b, 'delivery', at('2026-11-20T08:00:00')],
      ['a3', a, 'delivery', at('2026-11-20T08:30:00')],
    ]
    let n = 100
    for (const [key, orgId, employmentType, when] of plan) {
      clock = when
      const u = await newUser(h, app, `申请人${key}`)
      n += 1
      const res = await app.ok(membershipApi.submit, {
        token: u.token,
        body: joinForm({ name: names[key], idNumber: idNumber(n), phone: `139${String(n).padStart(8, '0')}`, orgId, employmentType }),
      })
      ids[key] = res.id
    }
    clock = at('2026-11-20T10:00:00')
    admin = await app.login('admin')
    reviewerB = await app.login('reviewer')
  })

  const queueIds = async (token: string, query: Record<string, string | number>) => {
    const out: number[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: number; overdue: boolean }[]; nextCursor: string | null } = await app.ok(membershipApi.reviewQueue, {
        token,
        query: { ...query, limit: 2, ...(cursor ? { cursor } : {}) } as never,
      })
      out.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    return out
  }
  const mine = (xs: number[]) => xs.filter((x) => Object.values(ids).includes(x))

  it('filters the queue by union, employment type, overdue and submitted days, oldest or newest first', async () => {
    const unionA = await orgIdOf(h, UNION_A)
    expect(mine(await queueIds(admin, {}))).toEqual([ids.a1, ids.b1, ids.a2, ids.b2, ids.b3, ids.a3])
    expect(mine(await queueIds(admin, { sort: 'newest' }))).toEqual([ids.a3, ids.b3, ids.b2, ids.a2, ids.b1, ids.a1])
    expect(await queueIds(admin, { orgId: unionA })).toEqual([ids.a1, ids.a2, ids.a3])
    expect(await queueIds(admin, { orgId: unionA, sort: 'newest' })).toEqual([ids.a3, ids.a2, ids.a1])
    expect(mine(await queueIds(admin, { employmentType: 'courier' }))).toEqual([ids.a2, ids.b2])
    expect(mine(await queueIds(admin, { overdue: '1' }))).toEqual([ids.a1, ids.b1])
    expect(mine(await queueIds(admin, { overdue: '0' }))).toEqual([ids.a2, ids.b2, ids.b3, ids.a3])
    expect(mine(await queueIds(admin, { from: '2026-11-19', to: '2026-11-19' }))).toEqual([ids.a2, ids.b2])
    // The overdue filter and each row's flag agree.
    const page = await app.ok(membershipApi.reviewQueue, { token: admin, query: { overdue: '1', limit: 100 } })
    expect(page.items.every((i) => i.overdue)).toBe(true)
  })

  it('refuses a cursor made under the other order (排序 changed between pages): 400 beside cursor', async () => {
    const first = await app.ok(membershipApi.reviewQueue, { token: admin, query: { limit: 1, sort: 'newest' } })
    const res = await app.call(membershipApi.reviewQueue, { token: admin, query: { limit: 1, cursor: first.nextCursor! } })
    expect(res.status).toBe(400)
    expect(res.body.fields).toEqual({ cursor: '排序方式已改变，请刷新列表' })
  })

  it('refuses a union filter outside the reviewer’s post', async () => {
    const res = await app.call(membershipApi.reviewQueue, { token: reviewerB, query: { orgId: await orgIdOf(h, UNION_A) } })
    expect(res.status).toBe(403)
    expect(res.body.reason).toBe('REVIEW_UNION_OUTSIDE')
    expect(res.body.items).toBeUndefined()
    expect(await queueIds(reviewerB, { orgId: await orgIdOf(h, UNION_B) })).toEqual([ids.b1, ids.b2, ids.b3])
  })

  it('bulk-approves per item: another branch’s application is refused for that item only, the others become members', async () => {
    const res = await app.ok(membershipApi.bulkApprove, { token: reviewerB, body: { ids: [ids.b1, ids.a1, ids.b2, 999_999] } })
    expect(res.results).toEqual([
      { id: ids.b1, ok: true, reason: null, message: null },
      { id: ids.a1, ok: false, reason: 'APPLICATION_OUTSIDE_SCOPE', message: '该申请不属于您审核的工会' },
      { id: ids.b2, ok: true, reason: null, message: null },
      { id: 999_999, ok: false, reason: 'APPLICATION_NOT_FOUND', message: '入会申请不存在' },
    ])
    expect(res).toMatchObject({ approved: 2, refused: 2 })
    const status = async (id: number) => (await rawRows<{ status: string }>(h, sql`select status from membership_applications where id = ${id}`))[0].status
    expect(await status(ids.a1)).toBe('submitted')
    expect(await status(ids.b1)).toBe('approved')
    const members = await rawRows<{ n: number }>(
      h,
      sql`select count(*)::int as n from memberships m join membership_applications a on a.user_id = m.user_id where a.id in (${ids.b1}, ${ids.b2}, ${ids.a1})`,
    )
    expect(members[0].n).toBe(2)
    // Audited per item, as a single approval is.
    const audited = await rawRows<{ subject_id: string }>(h, sql`select subject_id from audit_log where action = 'membership.approve' and subject_id in (${String(ids.b1)}, ${String(ids.b2)}, ${String(ids.a1)})`)
    expect(audited.map((r) => Number(r.subject_id)).sort()).toEqual([ids.b1, ids.b2].sort())

    // Again: decided meanwhile.
    const again = await app.ok(membershipApi.bulkApprove, { token: reviewerB, body: { ids: [ids.b1, ids.b3] } })
    expect(again.results.map((r) => r.reason)).toEqual(['APPLICATION_DECIDED', null])

    // The district admin reaches both branches.
    const district = await app.ok(membershipApi.bulkApprove, { token: admin, body: { ids: [ids.a1, ids.a2, ids.a3] } })
    expect(district).toMatchObject({ approved: 3, refused: 0 })
  })

  it('refuses members and bad requests as a whole', async () => {
    const member = await app.login('member')
    expect((await app.call(membershipApi.bulkApprove, { token: member, body: { ids: [ids.a1] } })).status).toBe(403)
    expect((await app.call(membershipApi.bulkApprove, { body: { ids: [ids.a1] } })).status).toBe(401)
    const empty = await app.call(membershipApi.bulkApprove, { token: admin, body: { ids: [] } })
    expect(empty.status).toBe(400)
    expect(empty.body.fields?.ids).toBe('请选择要通过的申请')
    const twice = await app.call(membershipApi.bulkApprove, { token: admin, body: { ids: [1, 1] } })
    expect(twice.status).toBe(400)
    const many = await app.call(membershipApi.bulkApprove, { token: admin, body: { ids: Array.from({ length: 101 }, (_, i) => i + 1) } })
    expect(many.body.fields?.ids).toBe('一次最多通过 100 份申请')
    void DAY
  })
})

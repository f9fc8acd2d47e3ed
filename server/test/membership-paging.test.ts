/**
 * Security review (issue 11), unbounded lists: the reviewer queue comes in cursor pages (default 20, at most 100),
 * oldest first, and an index serves it — over HTTP on each database.
 */
import { membershipApi } from '@contract/membership/api'
import { databases, useDatabase } from './harness'
import { newUser, orgIdOf, rawRows, sql } from './builders/membership'
import { reviewQueueQuery } from '../src/modules/membership/review'

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  Plans?: PlanNode[]
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)]

describe.each(databases())('membership review queue paging on %s', (target) => {
  const h = useDatabase(target)
  const clock = new Date('2026-11-23T10:00:00+08:00').getTime()
  const now = () => clock

  /** `n` pending applications of fresh users in `orgId`, submitted over a few minutes with ties (by id % 7). */
  async function bulkPending(n: number, orgId: number | number[], tag: string): Promise<void> {
    const ids = Array.isArray(orgId) ? orgId : [orgId]
    await h.database.db.execute(sql`
      with u as (
        insert into users (openid, nickname) select 'bulk:' || ${tag}::text || ':' || g, '申请人' || g from generate_series(1, ${n}::integer) g
        returning id
      )
      insert into membership_applications
        (user_id, name, id_number_enc, id_hash, phone_enc, birth_date, gender, employment_type, org_id, status, submitted_at)
      select id, '申请人' || id, 'v1.x', ${tag}::text || id, 'v1.x', '1990-01-01', 'male', 'delivery',
             (${`{${ids.join(',')}}`}::integer[])[1 + id % ${ids.length}::integer], 'submitted',
             '2026-11-20T02:00:00Z'::timestamptz + (id % 7) * interval '1 minute'
      from u`)
  }

  it('comes in pages, oldest first, with a default and a maximum page size', async () => {
    const app = await h.app({}, { now })
    const reviewer = await app.login('reviewer')
    const gigUnion = await orgIdOf(h, '云溪区新就业形态劳动者联合工会')
    await bulkPending(45, gigUnion, 'page')
    const expected = (
      await rawRows<{ id: number }>(
        h,
        sql`select id from membership_applications where status = 'submitted' and org_id = ${gigUnion} order by submitted_at, id`,
      )
    ).map((r) => r.id)
    expect(expected).toHaveLength(45)

    const pages: number[][] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = await app.ok(membershipApi.reviewQueue, {
        token: reviewer,
        query: cursor ? { cursor } : {},
      })
      pages.push(page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor && pages.length < 10)
    expect(pages.map((p) => p.length)).toEqual([20, 20, 5])
    expect(pages.flat()).toEqual(expected)

    const queue = (token: string, query: { cursor?: string; limit?: number } = {}) => app.call(membershipApi.reviewQueue, { token, query })
    const big = await app.ok(membershipApi.reviewQueue, { token: reviewer, query: { limit: 100 } })
    expect(big.items).toHaveLength(45)
    expect(big.nextCursor).toBeNull()
    const small = await app.ok(membershipApi.reviewQueue, { token: reviewer, query: { limit: 7 } })
    expect(small.items.map((i) => i.id)).toEqual(expected.slice(0, 7))

    const tooMany = await queue(reviewer, { limit: 1000 })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.fields?.limit).toBe('每页最多 100 条')
    // (…and an id that is no 4-byte integer: it went to PostgreSQL as one and came back a 500.)
    const forged = ['["2026-11-20T02:03:00.000Z",1.5]', '["2026-11-20T02:03:00.000Z",1e12]'].map((c) => Buffer.from(c).toString('base64url'))
    for (const bad of ['garbage', Buffer.from('["yesterday",1]').toString('base64url'), Buffer.from('[1,2]').toString('base64url'), ...forged]) {
      const res = await queue(reviewer, { cursor: bad })
      expect(res.status).toBe(400)
      expect(res.body.fields?.cursor).toBe('分页参数无效，请刷新列表')
    }
    // Still scoped: the district admin above sees them all, a reviewer of another union none.
    const admin = await app.login('admin')
    expect((await queue(admin, { limit: 100 })).body.items).toHaveLength(45)
    const elsewhere = await newUser(h, app, '星河审核员')
    await h.database.db.execute(
      sql`insert into user_roles (user_id, org_id, role) values (${elsewhere.id}, ${await orgIdOf(h, '星河物流有限公司工会')}, 'reviewer')`,
    )
    expect((await queue(elsewhere.token)).body).toEqual({ items: [], nextCursor: null })
  })

  it('is served by an index: no sequential scan of the applications, whatever the scope', async () => {
    const orgIds = await Promise.all(
      ['星河物流有限公司工会', '云溪区快递行业联合工会', '云溪区新就业形态劳动者联合工会', '云溪区总工会'].map((n) => orgIdOf(h, n)),
    )
    await bulkPending(20_000, orgIds, 'plan')
    // A year of decided applications, too: the queue must not wade through them.
    await h.database.db.execute(sql`update membership_applications set status = 'approved' where id % 4 = 0`)
    await h.database.db.execute(sql`analyze membership_applications`)
    await h.database.db.execute(sql`analyze orgs`)
    const paths = await rawRows<{ path: string; name: string }>(h, sql`select path, name from orgs`)
    const district = paths.find((p) => p.name === '云溪区总工会')!.path
    const gig = paths.find((p) => p.name === '云溪区新就业形态劳动者联合工会')!.path

    for (const [scopes, after] of [
      [[district], null],
      [[district], ['2026-11-20T02:03:00.000Z', 5000]],
      [[gig], null],
      [[gig], ['2026-11-20T02:03:00.000Z', 5000]],
    ] as const) {
      const q = reviewQueueQuery(h.database.db, [...scopes], after, 20).toSQL()
      let text = q.sql
      // EXPLAIN takes no bind parameters: inline them (strings and numbers only here).
      q.params.forEach((p, i) => {
        text = text.replace(new RegExp(`\\$${i + 1}(?!\\d)`), typeof p === 'number' ? String(p) : `'${String(p).replace(/'/g, "''")}'`)
      })
      const [row] = await rawRows<{ 'QUERY PLAN': unknown }>(h, sql.raw(`explain (format json) ${text}`))
      const raw = row['QUERY PLAN']
      const root = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[]
      const scans = nodes(root[0].Plan).filter((n) => n['Relation Name'] === 'membership_applications')
      const label = `${scopes[0]} ${after ? 'after' : 'first'}: ${scans.map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`).join(', ')}`
      expect({ label, seq: scans.some((n) => n['Node Type'] === 'Seq Scan') }).toEqual({ label, seq: false })
      if (process.env.SHOW_PLANS) console.log(target.name, label)
      expect(scans.some((n) => /^membership_applications_pending(_org)?_idx$/.test(n['Index Name'] ?? ''))).toBe(true)
    }
  })

  it('the unions to join come in pages too, in tree order, searchable by name, with the chosen one on request', async () => {
    const app = await h.app({}, { now })
    const gig = await app.login('gig')
    const [street] = await rawRows<{ id: number; path: string }>(h, sql`select id, path from orgs where name = '青禾街道总工会'`)
    // A province's worth in miniature: 60 more grassroots unions under the street.
    await h.database.db.execute(sql`
      with o as (
        insert into orgs (parent_id, name, kind, city)
        select ${street.id}::integer, '青禾第' || g || '基层工会', 'grassroots', '示例市' from generate_series(1, 60) g
        returning id
      )
      update orgs set path = ${street.path}::text || orgs.id || '/' from o where orgs.id = o.id`)
    // members join 基层工会 and 联合工会 (the seed's 1 + 2, and these 60)
    const expected = await rawRows<{ id: number; name: string }>(h, sql`select id, name from orgs where kind in ('grassroots', 'joint') order by path, id`)
    expect(expected).toHaveLength(63)

    const seen: number[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = await app.ok(membershipApi.unions, {
        token: gig,
        query: cursor ? { cursor } : {},
      })
      expect(page.items.length).toBeLessThanOrEqual(20)
      seen.push(...page.items.map((u) => u.id))
      cursor = page.nextCursor
      pages++
    } while (cursor && pages < 10)
    expect(pages).toBe(4)
    expect(seen).toEqual(expected.map((u) => u.id))

    const found = await app.ok(membershipApi.unions, { token: gig, query: { q: '第42' } })
    expect(found.items.map((u) => u.name)).toEqual(['青禾第42基层工会'])
    expect(found.items[0].parentName).toBe('青禾街道总工会')
    const last = expected[expected.length - 1]
    const chosen = await app.ok(membershipApi.unions, { token: gig, query: { selected: last.id, limit: 1 } })
    expect(chosen).toMatchObject({ items: [{ id: expected[0].id }], selected: { id: last.id, name: last.name } })
    expect((await app.call(membershipApi.unions, { token: gig, query: { limit: 101 } })).status).toBe(400)
  })
})

/* eslint-disable @typescript-eslint/no-explicit-any -- test responses are inspected loosely */
/**
 * 帮扶救助 staff worklists are read a page at a time (security review, issue 11), over HTTP on each database: the
 * review queues, the worklist by stage and the objections have a default page, a maximum, and a cursor that walks
 * every case exactly once in order.
 */
import { eq } from 'drizzle-orm'
import { databases, useDatabase, type TestApp } from './harness'
import { reliefApplications, reliefObjections, reliefRounds, users } from '../src/db/schema'
import { personaOpenid } from '../src/personas'
import { at, orgIdOf } from './relief-fixtures'

const HOUR = 3_600_000

describe.each(databases())('relief worklist paging on %s', (target) => {
  const h = useDatabase(target)
  const clock = at('2027-03-01T10:00:00')
  const now = () => clock

  /** `n` cases of 李晓梅's union in `stage`, one an hour apart (oldest first); returns their ids in that order. */
  async function cases(n: number, stage: 'base_review' | 'approved' | 'publicity', roundId: number | null = null): Promise<number[]> {
    const db = h.database.db
    const [member] = await db.select({ id: users.id }).from(users).where(eq(users.openid, personaOpenid('member')))
    const orgId = await orgIdOf(db, '星河物流有限公司工会')
    const rows = await db
      .insert(reliefApplications)
      .values(
        Array.from({ length: n }, (_, i) => ({
          userId: member.id,
          typeKey: 'serious_illness',
          orgId,
          stage,
          fields: {},
          documents: {},
          submissionCount: 1,
          amount: stage === 'base_review' ? null : 1000 + i,
          roundId,
          // two cases share each instant: the cursor must still break the tie by id
          stageSince: new Date(clock - 100 * HOUR + Math.floor(i / 2) * HOUR),
        })),
      )
      .returning({ id: reliefApplications.id })
    return rows.map((r) => r.id)
  }

  /** Every page of a list (following nextCursor), with the page sizes. */
  async function walk(app: TestApp, token: string, url: string): Promise<{ ids: number[]; sizes: number[] }> {
    const ids: number[] = []
    const sizes: number[] = []
    let cursor: string | null = null
    do {
      const sep = url.includes('?') ? '&' : '?'
      const res: any = await app.request('GET', cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url, { token })
      expect(res.status).toBe(200)
      ids.push(...res.body.items.map((i: { id: number }) => i.id))
      sizes.push(res.body.items.length)
      cursor = res.body.nextCursor
    } while (cursor && sizes.length < 20)
    return { ids, sizes }
  }

  it('the review queue comes 20 at a time by default, at most 50, walking every case once, oldest first', async () => {
    const app = await h.app({}, { now })
    const reviewer = await app.login('reviewer')
    const ids = await cases(45, 'base_review')

    const first = await app.request('GET', '/api/relief/review?level=base', { token: reviewer })
    expect(first.body.items).toHaveLength(20)
    expect(first.body.nextCursor).toEqual(expect.any(String))
    expect(first.body.items.map((i: { id: number }) => i.id)).toEqual(ids.slice(0, 20))

    const all = await walk(app, reviewer, '/api/relief/review?level=base')
    expect(all.sizes).toEqual([20, 20, 5])
    expect(all.ids).toEqual(ids)
    expect((await walk(app, reviewer, '/api/relief/review?level=base&limit=7')).ids).toEqual(ids)

    const tooMany = await app.request('GET', '/api/relief/review?level=base&limit=51', { token: reviewer })
    expect(tooMany.status).toBe(400)
    const junk = await app.request('GET', '/api/relief/review?level=base&cursor=not-a-cursor', { token: reviewer })
    expect(junk.status).toBe(400)
    expect(junk.body.fields.cursor).toBe('分页参数无效，请刷新列表')
  })

  it('the worklist by stage and the objections are paged the same way; objections unanswered first', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const approved = await cases(23, 'approved')
    const byStage = await walk(app, admin, '/api/relief/review/cases?stage=approved&limit=10')
    expect(byStage.sizes).toEqual([10, 10, 3])
    expect(byStage.ids).toEqual(approved)

    const db = h.database.db
    const [round] = await db
      .insert(reliefRounds)
      .values({ title: '分页测试', orgId: await orgIdOf(db, '云溪区总工会'), startsAt: new Date(clock - 10 * HOUR), endsAt: new Date(clock + 48 * HOUR) })
      .returning()
    const [published] = await cases(1, 'publicity', round.id)
    const objections = await db
      .insert(reliefObjections)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          applicationId: published,
          roundId: round.id,
          content: `第 ${i + 1} 条异议`,
          createdAt: new Date(clock - (30 - i) * HOUR),
          // every third one is already answered
          ...(i % 3 === 0 ? { answer: '已核实', upheld: false, answeredAt: new Date(clock - HOUR) } : {}),
        })),
      )
      .returning({ id: reliefObjections.id })
    const ids = objections.map((o) => o.id)
    const expected = [...ids.filter((_, i) => i % 3 !== 0), ...ids.filter((_, i) => i % 3 === 0)]

    const first = await app.request('GET', '/api/relief/review/objections', { token: admin })
    expect(first.body.items).toHaveLength(20)
    const listed = await walk(app, admin, '/api/relief/review/objections?limit=8')
    expect(listed.sizes).toEqual([8, 8, 8, 6])
    expect(listed.ids).toEqual(expected)
    expect((await app.request('GET', '/api/relief/review/objections?limit=0', { token: admin })).status).toBe(400)
  })
})

/**
 * 帮扶救助 staff worklists are read a page at a time (security review, issue 11), over HTTP on each database: the
 * review queues, the worklist by stage and the objections have a default page, a maximum, and a cursor that walks
 * every case exactly once in order.
 */
import { eq, inArray, sql } from 'drizzle-orm'
import { reliefApi } from '@contract/relief/api'
import type { ReliefStage } from '@contract/relief/labels'
import { databases, useDatabase } from './harness'
import { reliefApplications, reliefObjections, reliefRounds, users } from '../src/db/schema'
import { personaOpenid } from '../src/personas'
import { HOUR, at, caseRows, objectionRows } from './builders/relief'
import { orgIdOf } from './relief-fixtures'

/** One page of a worklist, after `cursor`. */
type PageCall = (cursor: string | undefined) => Promise<{ status: number; body: { items: { id: number }[]; nextCursor: string | null } }>

describe.each(databases())('relief worklist paging on %s', (target) => {
  const h = useDatabase(target)
  const clock = at('2027-03-01T10:00:00')
  const now = () => clock

  /** `n` cases of 李晓梅's union in `stage`, one an hour apart (oldest first); returns their ids in that order. */
  async function cases(n: number, stage: Exclude<ReliefStage, 'draft'>, roundId: number | null = null): Promise<number[]> {
    const db = h.database.db
    const [member] = await db.select({ id: users.id }).from(users).where(eq(users.openid, personaOpenid('member')))
    const orgId = await orgIdOf(db, '星河物流有限公司工会')
    const rows = await db
      .insert(reliefApplications)
      .values(caseRows(n, { userId: member.id, orgId, stage, roundId, since: clock - 100 * HOUR }))
      .returning({ id: reliefApplications.id })
    return rows.map((r) => r.id)
  }

  /** Every page of a list (following nextCursor), with the page sizes. */
  async function walk(page: PageCall): Promise<{ ids: number[]; sizes: number[] }> {
    const ids: number[] = []
    const sizes: number[] = []
    let cursor: string | null = null
    do {
      const res = await page(cursor ?? undefined)
      expect(res.status).toBe(200)
      ids.push(...res.body.items.map((i) => i.id))
      sizes.push(res.body.items.length)
      cursor = res.body.nextCursor
    } while (cursor && sizes.length < 20)
    return { ids, sizes }
  }

  it('the review queue comes 20 at a time by default, at most 50, walking every case once, oldest first — or newest first', async () => {
    const app = await h.app({}, { now })
    const reviewer = await app.login('reviewer')
    const ids = await cases(45, 'base_review')

    const first = await app.ok(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base' } })
    expect(first.items).toHaveLength(20)
    expect(first.nextCursor).toEqual(expect.any(String))
    expect(first.items.map((i) => i.id)).toEqual(ids.slice(0, 20))

    const queue = (limit?: number): PageCall => (cursor) => app.call(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base', limit, cursor } })
    const all = await walk(queue())
    expect(all.sizes).toEqual([20, 20, 5])
    expect(all.ids).toEqual(ids)
    expect((await walk(queue(7))).ids).toEqual(ids)
    // 最新进入在前 (the console's 排序): the same cases, once each, the other way round
    const newest: PageCall = (cursor) => app.call(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base', limit: 7, cursor, sort: 'newest' } })
    expect((await walk(newest)).ids).toEqual([...ids].reverse())
    // a cursor of one order under the other (排序 changed between pages): refused, not a page that skips or repeats
    const byNewest = await app.ok(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base', limit: 7, sort: 'newest' } })
    const foreign = await app.call(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base', limit: 7, cursor: byNewest.nextCursor! } })
    expect(foreign.status).toBe(400)
    expect(foreign.body.fields!.cursor).toBe('排序方式已改变，请刷新列表')

    const tooMany = await app.call(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base', limit: 51 } })
    expect(tooMany.status).toBe(400)
    const junk = await app.call(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base', cursor: 'not-a-cursor' } })
    expect(junk.status).toBe(400)
    expect(junk.body.fields!.cursor).toBe('分页参数无效，请刷新列表')
    // Well-formed but not a cursor the queue wrote (an instant past year 9999, an id that is no integer): 400, not 500.
    for (const forged of [[1e20, 1], [Date.now(), 1.5], [-1, 1]]) {
      const res = await app.call(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base', cursor: Buffer.from(JSON.stringify(forged)).toString('base64url') } })
      expect(res.status).toBe(400)
    }
  })

  it('the review queue walks every case once when cases entered the stage within one millisecond (rows written in SQL keep microseconds)', async () => {
    const app = await h.app({}, { now })
    const reviewer = await app.login('reviewer')
    const ids = await cases(12, 'base_review')
    // A bulk load or a migration writes now() + microseconds: twelve cases 1 µs apart, in id order. A cursor that
    // kept milliseconds only would give the same cases again on the next page.
    await h.database.db
      .update(reliefApplications)
      .set({ stageSince: sql`timestamptz '2027-02-20 10:00:00.123+08' + (${reliefApplications.id} - ${ids[0]}::integer) * interval '1 microsecond'` })
      .where(inArray(reliefApplications.id, ids))
    const queue: PageCall = (cursor) => app.call(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base', limit: 5, cursor } })
    // (Cases of the other tests wait in the same queue, since later: these twelve come first, and last newest first.)
    const all = await walk(queue)
    expect(new Set(all.ids).size).toBe(all.ids.length)
    expect(all.ids.slice(0, 12)).toEqual(ids)
    const newest: PageCall = (cursor) => app.call(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base', limit: 5, cursor, sort: 'newest' } })
    const back = await walk(newest)
    expect(back.ids).toEqual([...all.ids].reverse())
  })

  it('the worklist by stage and the objections are paged the same way; objections unanswered first', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const approved = await cases(23, 'approved')
    const byStage = await walk((cursor) => app.call(reliefApi.reviewCases, { token: admin, query: { stage: 'approved', limit: 10, cursor } }))
    expect(byStage.sizes).toEqual([10, 10, 3])
    expect(byStage.ids).toEqual(approved)
    const forged = Buffer.from(JSON.stringify([1e20, 1])).toString('base64url')
    expect((await app.call(reliefApi.reviewCases, { token: admin, query: { stage: 'approved', cursor: forged } })).status).toBe(400)

    const db = h.database.db
    const [round] = await db
      .insert(reliefRounds)
      .values({ title: '分页测试', orgId: await orgIdOf(db, '云溪区总工会'), startsAt: new Date(clock - 10 * HOUR), endsAt: new Date(clock + 48 * HOUR) })
      .returning()
    const [published] = await cases(1, 'publicity', round.id)
    const objections = await db
      .insert(reliefObjections)
      .values(objectionRows(30, { applicationId: published, roundId: round.id, now: clock }))
      .returning({ id: reliefObjections.id })
    const ids = objections.map((o) => o.id)
    const expected = [...ids.filter((_, i) => i % 3 !== 0), ...ids.filter((_, i) => i % 3 === 0)]

    const first = await app.ok(reliefApi.reviewObjections, { token: admin })
    expect(first.items).toHaveLength(20)
    const listed = await walk((cursor) => app.call(reliefApi.reviewObjections, { token: admin, query: { limit: 8, cursor } }))
    expect(listed.sizes).toEqual([8, 8, 8, 6])
    expect(listed.ids).toEqual(expected)
    expect((await app.call(reliefApi.reviewObjections, { token: admin, query: { limit: 0 } })).status).toBe(400)
  })
})

/**
 * 排序 on the office console's 活动审批 and 法律援助 queues (issue 16), over HTTP on each database: each list reads
 * oldest or newest first by its time key (an event's start, a case's request), keyset-paged either way — walked a
 * page at a time while a new row arrives between pages, every row that was there is read once (no duplicate, no
 * gap) and the newcomer once if it lands in the part not read yet; the events list keeps its old default (newest
 * start first, what the mini-program reads) and the legal worklist its own (oldest first). A cursor made under the
 * other order, an untagged one from before the order existed and junk are 400 beside `cursor` with the reason.
 */
import { eventsApi } from '@contract/events/api'
import { legalApi } from '@contract/legal/api'
import { legalAsk } from './builders/legal'
import { databases } from './harness'
import { newUser } from './builders/membership'
import { HOUR, createEvent, event, iso, useEventsWorld } from './builders/events'

type Sort = 'oldest' | 'newest'
type Page = { items: { id: number }[]; nextCursor: string | null }

/** Every page of a list after the first (following nextCursor), `between` run once after the first page. */
async function walk(read: (cursor?: string) => Promise<Page>, between: () => Promise<void> = async () => undefined): Promise<number[][]> {
  const pages: number[][] = []
  let cursor: string | undefined
  do {
    const page = await read(cursor)
    pages.push(page.items.map((i) => i.id))
    if (pages.length === 1) await between()
    cursor = page.nextCursor ?? undefined
  } while (cursor && pages.length < 20)
  return pages
}

const untagged = (ms: number, id: number) => Buffer.from(JSON.stringify([ms, id])).toString('base64url')
const March = (day: number, hour = 9) => new Date(`2027-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`).getTime()


describe.each(databases())('console queue sort on %s', (target) => {
  const ctx = useEventsWorld(target)

  describe('活动审批: the organiser’s events by start time', () => {
    // five events of 星河物流 in March 2027 (outside every other test's days), two starting at the same minute
    const starts = [March(1), March(2), March(2), March(4), March(5)]
    let ids: number[] = []
    const made = async (startsAt: number, title: string) =>
      (await createEvent(ctx.app, ctx.admin, event(ctx.orgIds.logistics, { title, startsAt: iso(startsAt), endsAt: iso(startsAt + 2 * HOUR) }))).id
    beforeAll(async () => {
      ids = []
      for (const [i, at] of starts.entries()) ids.push(await made(at, `三月活动 ${i + 1}`))
    })

    const read = (sort: Sort | undefined, limit = 2, token = ctx.admin) => (cursor?: string) =>
      ctx.app.ok(eventsApi.manageEvents, { token, query: { from: '2027-03-01', to: '2027-03-31', limit, cursor, ...(sort ? { sort } : {}) } })

    it('reads earliest start first or newest start first, ties by id; the default stays newest first', async () => {
      expect((await walk(read('oldest'))).flat()).toEqual(ids)
      expect((await walk(read('newest'))).flat()).toEqual([...ids].reverse())
      expect((await walk(read(undefined, 3))).flat()).toEqual([...ids].reverse())
      expect((await walk(read('oldest', 1))).map((p) => p.length)).toEqual([1, 1, 1, 1, 1])
    })

    it('walks every event once while new ones arrive between pages, in either order', async () => {
      const extra: number[] = []
      const arrive = async () => {
        extra.push(await made(March(3), '三月新活动（未读部分）'), await made(March(1, 8), '三月新活动（已读之前）'))
      }
      // oldest first: page 1 = the 1st and 2nd; one arrives on the 3rd (still to read), one before the 1st (read past)
      const oldest = await walk(read('oldest'), arrive)
      expect(oldest.flat()).toEqual([ids[0], ids[1], ids[2], extra[0], ids[3], ids[4]])
      // newest first: page 1 = the 5th and 4th; a newcomer on the 31st is above the cursor (not read), one on the 2nd below it
      const late: number[] = []
      const newest = await walk(read('newest'), async () => {
        late.push(await made(March(31), '三月新活动（最新）'), await made(March(2, 10), '三月新活动（第二天）'))
      })
      expect(newest.flat()).toEqual([ids[4], ids[3], extra[0], late[1], ids[2], ids[1], ids[0], extra[1]])
      expect(new Set(newest.flat()).size).toBe(newest.flat().length)
    })

    it('refuses a cursor of the other order, an untagged cursor and junk: 400 beside cursor', async () => {
      const first = await read('oldest')()
      expect(first.nextCursor).toEqual(expect.any(String))
      const foreign = await ctx.app.call(eventsApi.manageEvents, { token: ctx.admin, query: { from: '2027-03-01', limit: 2, sort: 'newest', cursor: first.nextCursor! } })
      expect(foreign.status).toBe(400)
      expect(foreign.body.reason).toBe('VALIDATION')
      expect(foreign.body.fields).toEqual({ cursor: '排序方式已改变，请刷新列表' })
      // the mini-program's list (no sort: newest first) given the console's oldest-first cursor: refused the same way
      expect((await ctx.app.call(eventsApi.manageEvents, { token: ctx.admin, query: { cursor: first.nextCursor! } })).status).toBe(400)
      for (const cursor of [untagged(March(2), ids[1]), 'not-a-cursor']) {
        const res = await ctx.app.call(eventsApi.manageEvents, { token: ctx.admin, query: { sort: 'oldest', cursor } })
        expect(res.status).toBe(400)
        expect(res.body.fields).toEqual({ cursor: '分页参数无效，请刷新列表' })
      }
      const sort = await ctx.app.call(eventsApi.manageEvents, { token: ctx.admin, query: { sort: 'random' } as never })
      expect(sort.status).toBe(400)
      expect(sort.body.fields).toHaveProperty('sort')
    })

    it('gives a sibling branch’s admin none of them in either order', async () => {
      const park = await newUser(ctx.h, ctx.app, '园区管理员·排序', { role: 'admin', orgName: '云溪科技园区工会' })
      for (const sort of ['oldest', 'newest'] as const) expect((await walk(read(sort, 2, park.token))).flat()).toEqual([])
    })
  })

  describe('法律援助: the legal worklist by request time', () => {
    // requests on 1 March 2027 an hour or so apart (two in the same minute); the lists read that evening
    const at = (hour: number) => March(1, hour)
    const EVENING = at(20)
    let legal: string
    let member: string
    let ids: number[] = []
    const file = async (when: number) => {
      ctx.clock = when
      return (await ctx.app.ok(legalApi.create, { token: member, body: legalAsk() })).id
    }
    beforeAll(async () => {
      ctx.clock = at(8)
      legal = await ctx.app.login('legal')
      member = await ctx.app.login('member')
      ids = []
      for (const h of [9, 10, 10, 11, 12]) ids.push(await file(at(h)))
    })
    beforeEach(() => {
      ctx.clock = EVENING
    })

    const read = (sort: Sort | undefined, limit = 2, token = legal) => (cursor?: string) =>
      ctx.app.ok(legalApi.manageList, { token, query: { filter: 'all', from: '2027-03-01', to: '2027-03-31', limit, cursor, ...(sort ? { sort } : {}) } })

    it('reads oldest request first (the default) or newest first, ties by id', async () => {
      expect((await walk(read(undefined))).flat()).toEqual(ids)
      expect((await walk(read('oldest', 3))).flat()).toEqual(ids)
      expect((await walk(read('newest'))).flat()).toEqual([...ids].reverse())
      const first = await read('newest', 1)()
      expect(first.items[0].id).toBe(ids[4])
    })

    it('walks every case once while a new request arrives between pages, in either order', async () => {
      // oldest first: the newcomer is the newest of all, so it comes last, once
      let late = 0
      const oldest = await walk(read('oldest'), async () => {
        late = await file(at(13))
      })
      expect(oldest.flat()).toEqual([...ids, late])
      // newest first: page 1 = the newest two; the newcomer is newer still (above the cursor), the rest once each
      let later = 0
      ctx.clock = EVENING
      const newest = await walk(read('newest'), async () => {
        later = await file(at(14))
      })
      expect(newest.flat()).toEqual([late, ids[4], ids[3], ids[2], ids[1], ids[0]])
      expect(newest.flat()).not.toContain(later)
      ctx.clock = EVENING
      expect((await read('newest', 1)()).items[0].id).toBe(later)
    })

    it('refuses a cursor of the other order, an untagged cursor and junk: 400 beside cursor', async () => {
      const first = await read('newest')()
      const foreign = await ctx.app.call(legalApi.manageList, { token: legal, query: { filter: 'all', cursor: first.nextCursor! } })
      expect(foreign.status).toBe(400)
      expect(foreign.body.reason).toBe('VALIDATION')
      expect(foreign.body.fields).toEqual({ cursor: '排序方式已改变，请刷新列表' })
      for (const cursor of [untagged(at(10), ids[1]), 'not-a-cursor']) {
        const res = await ctx.app.call(legalApi.manageList, { token: legal, query: { sort: 'newest', cursor } })
        expect(res.status).toBe(400)
        expect(res.body.fields).toEqual({ cursor: '分页参数无效，请刷新列表' })
      }
    })

    it('gives legal staff of a sibling branch none of them in either order', async () => {
      const sibling = await newUser(ctx.h, ctx.app, '园区法律专员·排序', { role: 'legal_staff', orgName: '云溪科技园区工会' })
      for (const sort of ['oldest', 'newest'] as const) expect((await walk(read(sort, 2, sibling.token))).flat()).toEqual([])
    })
  })
})

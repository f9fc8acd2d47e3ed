/** 站内消息: written by services inside their transaction; each user sees and marks only their own. */
import { notificationsApi } from '@contract/notifications/api'
import { eq } from 'drizzle-orm'
import { databases, useDatabase } from './harness'
import { users } from '../src/db/schema'
import { personaOpenid } from '../src/personas'
import { notify } from '../src/modules/notifications/service'

describe.each(databases())('notifications on %s', (target) => {
  const h = useDatabase(target)

  it('lists own messages newest first, pages, counts unread and marks read', async () => {
    const app = await h.app()
    const member = await app.login('member')
    const gig = await app.login('gig')
    const db = h.database.db
    const [me] = await db.select().from(users).where(eq(users.openid, personaOpenid('member')))
    const [other] = await db.select().from(users).where(eq(users.openid, personaOpenid('gig')))
    await notify(db, [
      { userId: me.id, kind: 'relief.stage', title: '第一条', body: '内容一' },
      { userId: me.id, kind: 'vouchers.waitlist_granted', title: '第二条', body: '内容二', link: '/packages/vouchers/mine/index' },
      { userId: me.id, kind: 'legal.case', title: '第三条', body: '内容三' },
    ])
    await notify(db, { userId: other.id, kind: 'stations.report_resolved', title: '别人的', body: '不该看到' })
    // a rolled-back change sends nothing
    await db
      .transaction(async (tx) => {
        await notify(tx, { userId: me.id, kind: 'bookings.reminder', title: '回滚', body: 'x' })
        throw new Error('rollback')
      })
      .catch(() => undefined)

    const first = await app.call(notificationsApi.list, { token: member, query: { limit: 2 } })
    expect(first.status).toBe(200)
    expect(first.body.items.map((n: { title: string }) => n.title)).toEqual(['第三条', '第二条'])
    expect(first.body.items[1].link).toBe('/packages/vouchers/mine/index')
    expect(first.body).toMatchObject({ unread: 3, hasMore: true })
    const rest = await app.call(notificationsApi.list, { token: member, query: { limit: 2, before: first.body.items[1].id } })
    expect(rest.body.items.map((n: { title: string }) => n.title)).toEqual(['第一条'])
    expect(rest.body.hasMore).toBe(false)

    const marked = await app.call(notificationsApi.markRead, { token: member, body: { ids: [first.body.items[0].id] } })
    expect(marked.body.unread).toBe(2)
    // marking someone else's id changes nothing for them
    const otherList = await app.call(notificationsApi.list, { token: gig })
    expect(otherList.body.items.map((n: { title: string }) => n.title)).toEqual(['别人的'])
    await app.call(notificationsApi.markRead, { token: member, body: { ids: [otherList.body.items[0].id] } })
    expect((await app.call(notificationsApi.unreadCount, { token: gig })).body.unread).toBe(1)

    expect((await app.call(notificationsApi.markRead, { token: member, body: {} })).body.unread).toBe(0)
    expect((await app.call(notificationsApi.list)).status).toBe(401)
    expect((await app.call(notificationsApi.list, { token: member, query: { limit: 500 } })).status).toBe(400)
  })
})

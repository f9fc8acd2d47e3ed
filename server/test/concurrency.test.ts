/** Concurrent transactional requests: PGlite is one session, so they must queue, not fail or deadlock. */
import { count, eq } from 'drizzle-orm'
import { authApi } from '@contract/auth/api'
import { databases, useDatabase } from './harness'
import { auditLog } from '../src/db/schema'

describe.each(databases())('concurrent transactions on %s', (target) => {
  const h = useDatabase(target)

  it('20 concurrent logins and 20 concurrent profile updates all succeed', async () => {
    const app = await h.app({ AUTH_RATE_LIMIT_PER_MIN: '1000' })
    const personas = ['member', 'gig', 'venue', 'reviewer', 'admin']
    const logins = await Promise.all(
      Array.from({ length: 20 }, (_, i) => app.call(authApi.devLogin, { body: { persona: personas[i % 5] } })),
    )
    expect(logins.map((r) => r.status)).toEqual(Array(20).fill(200))
    expect(new Set(logins.map((r) => r.body.token)).size).toBe(20)

    const updates = await Promise.all(
      logins.map((r, i) =>
        app.call(authApi.updateProfile, { token: r.body.token, body: { nickname: `并发用户${i}` } }),
      ),
    )
    expect(updates.map((r) => r.status)).toEqual(Array(20).fill(200))
    const [{ n }] = await h.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'me.update'))
    expect(n).toBe(20)
    const mes = await Promise.all(logins.map((r) => app.call(authApi.me, { token: r.body.token })))
    expect(mes.every((r) => r.status === 200)).toBe(true)
  })

  it('a failing transaction rolls back while others commit', async () => {
    const { db } = h.database
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.insert(auditLog).values({ actorUserId: null, action: 'test.concurrent', subjectId: String(i) })
          if (i % 4 === 0) throw new Error('rollback me')
        }),
      ),
    )
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5)
    const [{ n }] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'test.concurrent'))
    expect(n).toBe(15)
  })
})

/**
 * The baseline for `npm run bench:claim`: a textbook single-stock-row claim, as a first version of a voucher
 * app is usually written — open a transaction, lock the campaign's one stock row (SELECT … FOR UPDATE),
 * check the member, the window, the stock and the member's count, decrement, insert the voucher, commit.
 * Correct (no oversell: the row lock serialises every claim), but the lock is held across every round trip of
 * the transaction, so all claims of a campaign queue behind one row. Bench only; never registered by the app.
 */
import type { FastifyInstance } from 'fastify'
import { and, count, eq, sql } from 'drizzle-orm'
import { memberships, voucherCampaigns, voucherStock, vouchers } from '../../server/src/db/schema'
import { newVoucherCode } from '../../server/src/modules/vouchers/common'

export const NAIVE_CLAIM_PATH = '/bench/naive-claim/:id'

export function registerNaiveClaim(app: FastifyInstance): void {
  app.post<{ Params: { id: string } }>(NAIVE_CLAIM_PATH, async (request, reply) => {
    const user = await app.deps.sessions.authenticate(request, reply)
    if (!user) return reply.code(401).send({ code: 'UNAUTHENTICATED', message: '请先登录' })
    const campaignId = Number(request.params.id)
    const now = new Date(app.deps.now())
    const outcome = await app.deps.db.transaction(async (tx) => {
      const [stock] = await tx
        .select({ remaining: voucherStock.remaining })
        .from(voucherStock)
        .where(and(eq(voucherStock.campaignId, campaignId), eq(voucherStock.shard, 0)))
        .for('update')
      const [c] = await tx.select().from(voucherCampaigns).where(eq(voucherCampaigns.id, campaignId))
      const [m] = await tx.select({ id: memberships.userId }).from(memberships).where(eq(memberships.userId, user.userId))
      if (!c || !stock || !m) return { status: 404, message: '活动不存在' }
      if (now < c.opensAt || now >= c.closesAt) return { status: 409, message: '不在领取时间内' }
      if (stock.remaining <= 0) return { status: 409, message: `已领完：${c.title}` }
      const [{ n }] = await tx
        .select({ n: count() })
        .from(vouchers)
        .where(and(eq(vouchers.campaignId, campaignId), eq(vouchers.userId, user.userId)))
      if (n >= c.limitCount) return { status: 409, message: '已达领取上限' }
      await tx
        .update(voucherStock)
        .set({ remaining: sql`${voucherStock.remaining} - 1` })
        .where(and(eq(voucherStock.campaignId, campaignId), eq(voucherStock.shard, 0)))
      const [v] = await tx
        .insert(vouchers)
        .values({
          campaignId,
          userId: user.userId,
          code: newVoucherCode(),
          shard: 0,
          quotaScope: `naive:${campaignId}`,
          idempotencyKey: typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : null,
          claimedAt: now,
          validUntil: new Date(now.getTime() + c.voucherValidDays * 86_400_000),
        })
        .returning({ id: vouchers.id, code: vouchers.code })
      return { status: 200, voucher: v }
    })
    return reply.code(outcome.status).send(outcome)
  })
}

/**
 * 订阅消息 outbox worker: sends the rows notify() queued, through subscribeMessage.send.
 *
 * - Claim: a batch of due rows, `FOR UPDATE SKIP LOCKED` (instances never take the same row) under a lease.
 * - Each row is marked `sending` (committed) before the call to WeChat, then settled: `sent`; `failed` on 43101
 *   (the user has no subscription left: the credit is spent) or 47003 (a field WeChat refused: logged, the credit
 *   given back) — neither retried; any other error (5xx, timeout, -1 busy …) back to `pending` with back-off, until
 *   MAX_ATTEMPTS (then `failed`, the credit given back).
 * - A restart: rows claimed but not yet started are taken again once their lease runs out; a row left `sending` (the
 *   worker died during the call: WeChat may have sent it) becomes `unknown` and is never sent again.
 * - Daily quota: no more sends today once `SUBSCRIBE_DAILY_QUOTA` were sent (China day) or WeChat answers 45009;
 *   the rows wait for the next day, with a log line.
 */
import { and, asc, count, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import { SUBSCRIBE_MAX_CREDITS } from '@contract/notifications/labels'
import type { Db } from '../../db'
import { users } from '../../db/schema/core'
import { notificationOutbox, subscribeCredits, type OutboxRow } from '../../db/schema/notifications'
import { chinaDate } from '../../time'
import { WechatApiError, type WechatClient } from '../../wechat/client'

export const MAX_ATTEMPTS = 8
const BACKOFF_BASE_MS = 30_000
const BACKOFF_MAX_MS = 60 * 60_000

/** Back-off before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min … capped at 1 h. */
export const backoffMs = (attempts: number): number => Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS)

export interface OutboxOptions {
  dailyQuota: number
  miniprogramState: 'formal' | 'trial' | 'developer'
  /** Rows claimed per run. */
  batchSize: number
  /** WeChat call timeout: the lease covers a whole batch of calls. */
  timeoutMs: number
}

export interface DrainResult {
  sent: number
  failed: number
  retrying: number
  abandoned: number
  stopped: 'quota' | null
}

type Claimed = OutboxRow & { openid: string }

const startOfChinaDay = (ms: number): number => Date.parse(`${chinaDate(ms)}T00:00:00+08:00`)

export class OutboxWorker {
  constructor(
    private readonly deps: { db: Db; now: () => number; wechat: WechatClient | null; options: OutboxOptions },
  ) {}

  async drain(log: FastifyBaseLogger): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, failed: 0, retrying: 0, abandoned: 0, stopped: null }
    const { db, wechat, options } = this.deps
    if (!wechat) return result
    result.abandoned = await this.abandonInterrupted(log)

    const now = this.deps.now()
    const [today] = await db
      .select({ n: count() })
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.status, 'sent'), gte(notificationOutbox.sentAt, new Date(startOfChinaDay(now)))))
    const left = options.dailyQuota - Number(today?.n ?? 0)
    if (left <= 0) {
      log.warn({ quota: options.dailyQuota }, '今日订阅消息发送已达上限，其余消息明日发送')
      result.stopped = 'quota'
      return result
    }

    const leaseUntil = new Date(now + options.batchSize * (options.timeoutMs + 1000) + 30_000)
    const claimed = await this.claim(Math.min(left, options.batchSize), now, leaseUntil)
    for (let i = 0; i < claimed.length; i++) {
      const row = claimed[i]!
      const outcome = await this.sendOne(row, leaseUntil)
      if (outcome === 'skipped') continue
      if (outcome === 'quota') {
        log.warn({ outboxId: row.id }, '微信返回每日发送上限（45009），其余订阅消息明日发送')
        await this.release(claimed.slice(i + 1).map((r) => r.id), leaseUntil)
        result.stopped = 'quota'
        break
      }
      if (outcome.kind === 'sent') result.sent++
      else if (outcome.kind === 'failed') {
        result.failed++
        const f = outcome.failure
        if (f === 43101) log.info({ outboxId: row.id, userId: row.userId, templateId: row.templateId }, '订阅消息未发送：用户拒绝或订阅次数已用完（43101）')
        else if (f === 47003) log.warn({ outboxId: row.id, templateId: row.templateId, data: row.data }, '订阅消息未发送：模板参数不合法（47003）')
        else log.error({ outboxId: row.id, templateId: row.templateId, error: outcome.error }, `订阅消息发送失败 ${MAX_ATTEMPTS} 次，不再重试`)
      } else {
        result.retrying++
        log.warn({ outboxId: row.id, attempts: row.attempts + 1, error: outcome.error }, '订阅消息发送失败，稍后重试')
      }
    }
    return result
  }

  /** Rows left `sending` past their lease: WeChat may have sent them, so they are never sent again. */
  private async abandonInterrupted(log: FastifyBaseLogger): Promise<number> {
    const rows = await this.deps.db
      .update(notificationOutbox)
      .set({ status: 'unknown', leaseUntil: null, lastError: '发送过程中服务中断，无法确认是否已送达，不再重发' })
      .where(and(eq(notificationOutbox.status, 'sending'), lt(notificationOutbox.leaseUntil, new Date(this.deps.now()))))
      .returning({ id: notificationOutbox.id })
    if (rows.length > 0) log.warn({ ids: rows.map((r) => r.id) }, '订阅消息发送中断，无法确认是否送达，不再重发')
    return rows.length
  }

  /** Due rows nobody holds, oldest first, taken under a lease (`FOR UPDATE SKIP LOCKED`: never by two workers). */
  private async claim(limit: number, now: number, leaseUntil: Date): Promise<Claimed[]> {
    const { db } = this.deps
    const at = new Date(now)
    const due = db
      .select({ id: notificationOutbox.id })
      .from(notificationOutbox)
      .where(
        and(
          eq(notificationOutbox.status, 'pending'),
          sql`${notificationOutbox.nextAttemptAt} <= ${at}`,
          or(isNull(notificationOutbox.leaseUntil), lt(notificationOutbox.leaseUntil, at)),
        ),
      )
      .orderBy(asc(notificationOutbox.nextAttemptAt), asc(notificationOutbox.id))
      .limit(limit)
      .for('update', { skipLocked: true })
    const rows = await db.update(notificationOutbox).set({ leaseUntil }).where(inArray(notificationOutbox.id, due)).returning()
    if (rows.length === 0) return []
    const people = await db
      .select({ id: users.id, openid: users.openid })
      .from(users)
      .where(inArray(users.id, [...new Set(rows.map((r) => r.userId))]))
    const openids = new Map(people.map((p) => [p.id, p.openid]))
    return rows
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id)
      .map((r) => ({ ...r, openid: openids.get(r.userId) ?? '' }))
  }

  private async release(ids: number[], leaseUntil: Date): Promise<void> {
    if (ids.length === 0) return
    await this.deps.db
      .update(notificationOutbox)
      .set({ leaseUntil: null })
      .where(and(inArray(notificationOutbox.id, ids), eq(notificationOutbox.status, 'pending'), eq(notificationOutbox.leaseUntil, leaseUntil)))
  }

  private async sendOne(
    row: Claimed,
    leaseUntil: Date,
  ): Promise<
    | 'skipped'
    | 'quota'
    | { kind: 'sent' }
    | { kind: 'failed'; failure: 43101 | 47003 | 'exhausted'; error: string }
    | { kind: 'retry'; error: string }
  > {
    const { db, wechat, options } = this.deps
    const mine = and(eq(notificationOutbox.id, row.id), eq(notificationOutbox.leaseUntil, leaseUntil))
    // Committed before the call: a worker that dies during it leaves `sending`, which is never sent again.
    const started = await db
      .update(notificationOutbox)
      .set({ status: 'sending', attempts: sql`${notificationOutbox.attempts} + 1` })
      .where(and(mine, eq(notificationOutbox.status, 'pending')))
      .returning({ id: notificationOutbox.id })
    if (started.length === 0) return 'skipped'
    const attempts = row.attempts + 1
    const settle = (set: Partial<typeof notificationOutbox.$inferInsert>) =>
      db.update(notificationOutbox).set(set).where(and(mine, eq(notificationOutbox.status, 'sending')))
    try {
      await wechat!.sendSubscribeMessage({
        touser: row.openid,
        template_id: row.templateId,
        ...(row.page ? { page: row.page } : {}),
        data: row.data,
        miniprogram_state: options.miniprogramState,
        lang: 'zh_CN',
      })
      await settle({ status: 'sent', sentAt: new Date(this.deps.now()), leaseUntil: null, lastError: null })
      return { kind: 'sent' }
    } catch (err) {
      const f = err instanceof WechatApiError ? err.failure : { kind: 'network' as const, detail: String(err) }
      const error = f.kind === 'errcode' ? `${f.errcode} ${f.errmsg}` : f.kind === 'timeout' ? 'timeout' : `${f.kind}: ${f.detail}`
      if (f.kind === 'errcode' && f.errcode === 45009) {
        // WeChat's daily limit: not this row's fault — it waits for tomorrow, its attempt not counted.
        await settle({
          status: 'pending',
          attempts: row.attempts,
          leaseUntil: null,
          nextAttemptAt: new Date(startOfChinaDay(this.deps.now()) + 24 * 3600_000),
          lastError: error,
        })
        return 'quota'
      }
      if (f.kind === 'errcode' && f.errcode === 43101) {
        // WeChat holds no subscription of this user for the template: the credit is gone.
        await settle({ status: 'failed', leaseUntil: null, lastError: error })
        return { kind: 'failed', failure: 43101, error }
      }
      if (f.kind === 'errcode' && f.errcode === 47003) {
        await settle({ status: 'failed', leaseUntil: null, lastError: error })
        await this.giveBack(row)
        return { kind: 'failed', failure: 47003, error }
      }
      if (attempts >= MAX_ATTEMPTS) {
        await settle({ status: 'failed', leaseUntil: null, lastError: error })
        await this.giveBack(row)
        return { kind: 'failed', failure: 'exhausted', error }
      }
      await settle({
        status: 'pending',
        leaseUntil: null,
        nextAttemptAt: new Date(this.deps.now() + backoffMs(attempts)),
        lastError: error,
      })
      return { kind: 'retry', error }
    }
  }

  /** WeChat did not use the user's subscription: the credit may serve the next notice. */
  private async giveBack(row: Claimed): Promise<void> {
    await this.deps.db
      .update(subscribeCredits)
      .set({ remaining: sql`least(${subscribeCredits.remaining} + 1, ${sql.raw(String(SUBSCRIBE_MAX_CREDITS))})` })
      .where(and(eq(subscribeCredits.userId, row.userId), eq(subscribeCredits.templateId, row.templateId)))
  }
}

/**
 * 公告: one notice to every member of a union's subtree (新福利上线), at any scale — a province has a million members,
 * so the publishing transaction only writes one `announcements` row (announce()), and the announcements job delivers
 * it in batches (AnnouncementWorker.deliverBatch):
 *
 *   one transaction:  take the oldest undone announcement FOR UPDATE SKIP LOCKED
 *                     INSERT INTO notifications … SELECT the next `batchSize` members above the cursor, by user id
 *                       (members who closed marketing notices left out, when the kind is marketing)
 *                     advance the cursor to the highest user id inserted; done when the batch came back short
 *
 * The messages and the cursor commit together: a crash loses the whole batch or nothing, and the next run starts
 * above the last committed cursor — nobody is told twice, nobody skipped. A second instance skips the locked row and
 * takes the next announcement (or finds none). Who the members are comes from the membership module
 * (`subtreeMemberIds`, handed in by the container: this module does not import membership, which notifies).
 *
 * Announcement kinds have no subscription template (a marketing notice must not spend a member's one-time WeChat
 * credit), so the bulk insert bypasses notify()'s outbox on purpose; announce() refuses a templated kind.
 */
import { asc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { isMarketingKind, templateOfKind, type NotificationKind } from '@contract/notifications/labels'
import { rowsOf, type Db, type DbOrTx } from '../../db'
import { announcements } from '../../db/schema/notifications'

export interface NewAnnouncement {
  /** A kind of NOTIFICATION_KINDS without a subscription template. */
  kind: NotificationKind
  /** What is announced (`voucher_campaign`, its id): one announcement per subject and kind. */
  subjectType: string
  subjectId: number
  /** The union whose subtree hears it. */
  orgPath: string
  /** Only members of these employment types; null / absent: every member of the subtree. */
  employmentTypes?: readonly string[] | null
  title: string
  body: string
  link?: string | null
}

/** Queues an announcement in the caller's transaction (delivered by the announcements job). */
export async function announce(db: DbOrTx, a: NewAnnouncement): Promise<void> {
  if (templateOfKind(a.kind)) throw new Error(`公告类消息不能使用订阅消息模板：${a.kind}`)
  await db
    .insert(announcements)
    .values({ kind: a.kind, subjectType: a.subjectType, subjectId: a.subjectId, orgPath: a.orgPath, employmentTypes: a.employmentTypes ? [...a.employmentTypes] : null, title: a.title, body: a.body, link: a.link ?? null })
    .onConflictDoNothing()
}

/** The members of a union's subtree (of these employment types) as a subquery with one column `user_id` (membership's subtreeMemberIds). */
export type Audience = (orgPath: string, employmentTypes?: readonly string[] | null) => SQL

export interface BatchResult {
  announcementId: number
  delivered: number
  done: boolean
}

export class AnnouncementWorker {
  constructor(private readonly deps: { db: Db; audience: Audience; batchSize: number }) {}

  /** One batch of one announcement; null when none is waiting (or every waiting one is being delivered elsewhere). */
  async deliverBatch(batchSize = this.deps.batchSize): Promise<BatchResult | null> {
    return this.deps.db.transaction(async (tx) => {
      const [a] = await tx
        .select()
        .from(announcements)
        .where(isNull(announcements.doneAt))
        .orderBy(asc(announcements.id))
        .limit(1)
        .for('update', { skipLocked: true })
      if (!a) return null
      const marketing = isMarketingKind(a.kind as NotificationKind)
      const inserted = rowsOf<{ user_id: number }>(
        await tx.execute(sql`
          insert into notifications (user_id, kind, title, body, link)
          select m.user_id, ${a.kind}::text, ${a.title}::text, ${a.body}::text, ${a.link}::text
            from (${this.deps.audience(a.orgPath, a.employmentTypes)}) m
           where m.user_id > ${a.cursorUserId}
             ${marketing ? sql`and not exists (select 1 from notification_settings s where s.user_id = m.user_id and s.marketing_off)` : sql``}
           order by m.user_id
           limit ${batchSize}
          returning user_id`),
      )
      const cursor = inserted.reduce((max, r) => Math.max(max, Number(r.user_id)), a.cursorUserId)
      const done = inserted.length < batchSize
      await tx
        .update(announcements)
        .set({ cursorUserId: cursor, delivered: sql`${announcements.delivered} + ${inserted.length}`, doneAt: done ? sql`now()` : null })
        .where(eq(announcements.id, a.id))
      return { announcementId: a.id, delivered: inserted.length, done }
    })
  }

  /** The job's run: batches until nothing is waiting or `maxBatches` went out (the next run goes on). */
  async drain(maxBatches = 100): Promise<{ batches: number; delivered: number; finished: number }> {
    const out = { batches: 0, delivered: 0, finished: 0 }
    while (out.batches < maxBatches) {
      const r = await this.deliverBatch()
      if (!r) break
      out.batches++
      out.delivered += r.delivered
      if (r.done) out.finished++
    }
    return out
  }
}

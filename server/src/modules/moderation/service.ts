/**
 * 内容审核 for staff: the items of the unions in their subtree (content.moderate — union admins, scoped by the
 * subject's union), and the decision. Approve → shown to others (a held nickname or team name applies, through the
 * subject's hook); reject → stays hidden, the owner gets a message. Decisions are audited.
 */
import { and, asc, desc, eq, gt, like, lt, or } from 'drizzle-orm'
import { timingSafeEqual, createHash } from 'node:crypto'
import type { ModerationItem, ModerationList } from '@contract/moderation/schemas'
import { MODERATION_REJECTED_KIND, MODERATION_SUBJECT_LABELS } from '@contract/moderation/labels'
import { ModerationReasons } from '@contract/moderation/reasons'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import { orgs, users } from '../../db/schema/core'
import { moderationItems, type ModerationItemRow } from '../../db/schema/moderation'
import { scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { audit } from '../../audit'
import { decodeCursor, pageOf } from '../../db/paging'
import { parseMediaCheckPush } from '../../wechat/security'
import { notify, type NewNotification } from '../notifications'
import { applyMediaVerdict } from './images'
import type { ModerationHooks } from './subjects'

type ListStatus = 'held' | 'rejected' | 'approved'

export class ModerationService {
  constructor(
    private readonly deps: AppDeps,
    private readonly hooks: ModerationHooks = {},
  ) {}

  /** Held items oldest first (a queue); decided ones newest first. Keyset on id. */
  async list(user: AuthUser, query: { status: ListStatus; cursor?: string; limit: number }): Promise<ModerationList> {
    const after = decodeCursor(query.cursor, ['number'] as const)
    const scopes = scopesFor(user, 'content.moderate')
    if (scopes.length === 0) return { items: [], nextCursor: null }
    const queue = query.status === 'held'
    const rows = await this.select(this.deps.db)
      .where(
        and(
          eq(moderationItems.status, query.status),
          or(...scopes.map((p) => like(orgs.path, `${p}%`))),
          after ? (queue ? gt(moderationItems.id, after[0]) : lt(moderationItems.id, after[0])) : undefined,
        ),
      )
      .orderBy(queue ? asc(moderationItems.id) : desc(moderationItems.id))
      .limit(query.limit + 1)
    const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.m.id])
    return { items: page.map((r) => this.view(r)), nextCursor }
  }

  async approve(user: AuthUser, id: number): Promise<ModerationItem> {
    return this.decide(user, id, 'approved', null)
  }

  async reject(user: AuthUser, id: number, note: string | null): Promise<ModerationItem> {
    return this.decide(user, id, 'rejected', note)
  }

  /**
   * WeChat's message push. With WECHAT_PUSH_TOKEN the query must carry WeChat's signature (sha1 of the sorted
   * token, timestamp and nonce); without it (Cloud Hosting's 消息推送, which reaches the container from WeChat's
   * side and signs nothing) the trace id is the credential: it is never shown to clients, and a push naming one
   * this server did not get from WeChat is refused. Only `wxa_media_check` events are taken.
   */
  async push(query: { signature?: string; timestamp?: string; nonce?: string }, body: unknown): Promise<void> {
    this.checkSignature(query)
    const push = parseMediaCheckPush(body)
    if (!push) throw refuse(ModerationReasons.MODERATION_PUSH_INVALID)
    await applyMediaVerdict(this.deps, push)
  }

  /** The push URL check of a plain server (GET with echostr): only when a Token is configured. */
  verifyPush(query: { signature?: string; timestamp?: string; nonce?: string; echostr: string }): string {
    if (!this.deps.config.contentCheck.pushToken) throw refuse(ModerationReasons.MODERATION_PUSH_SIGNATURE)
    this.checkSignature(query)
    return query.echostr
  }

  private checkSignature(query: { signature?: string; timestamp?: string; nonce?: string }): void {
    const token = this.deps.config.contentCheck.pushToken
    if (!token) return
    const { signature, timestamp, nonce } = query
    if (!signature || !timestamp || !nonce) throw refuse(ModerationReasons.MODERATION_PUSH_SIGNATURE)
    const expected = Buffer.from(pushSignature(token, timestamp, nonce))
    const given = Buffer.from(signature.toLowerCase())
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse(ModerationReasons.MODERATION_PUSH_SIGNATURE)
  }

  private async decide(user: AuthUser, id: number, status: 'approved' | 'rejected', note: string | null): Promise<ModerationItem> {
    return this.deps.db.transaction(async (tx) => {
      const [found] = await tx.select().from(moderationItems).where(eq(moderationItems.id, id)).for('update')
      if (!found) throw refuse(ModerationReasons.MODERATION_ITEM_NOT_FOUND)
      if (found.status !== 'held') throw refuse(ModerationReasons.MODERATION_ITEM_DECIDED)
      const now = new Date(this.deps.now())
      const [item] = await tx
        .update(moderationItems)
        .set({ status, decidedBy: user.userId, decidedAt: now, note, updatedAt: now })
        .where(eq(moderationItems.id, id))
        .returning()
      const hook = this.hooks[item.subjectKind]
      if (status === 'approved') await hook?.approved?.(tx, item)
      else {
        await hook?.rejected?.(tx, item)
        await notify(tx, rejectedMessage(item, note))
      }
      await audit(tx, {
        actorUserId: user.userId,
        action: status === 'approved' ? 'moderation.approve' : 'moderation.reject',
        subjectType: 'moderation_item',
        subjectId: id,
        detail: { kind: item.subjectKind, subjectId: item.subjectId, ...(note ? { note } : {}) },
      })
      const [row] = await this.select(tx).where(eq(moderationItems.id, id))
      return this.view(row)
    })
  }

  private select(db: DbOrTx) {
    return db
      .select({ m: moderationItems, orgName: orgs.name, ownerName: users.nickname })
      .from(moderationItems)
      .innerJoin(users, eq(users.id, moderationItems.ownerUserId))
      .leftJoin(orgs, eq(orgs.id, moderationItems.orgId))
  }

  private view(r: { m: ModerationItemRow; orgName: string | null; ownerName: string }): ModerationItem {
    const { m } = r
    return {
      id: m.id,
      kind: m.subjectKind,
      kindLabel: MODERATION_SUBJECT_LABELS[m.subjectKind],
      text: m.text,
      // Staff see the image they decide on through a short-lived link (5 minutes: a queue page, not a share).
      photo: m.fileId ? { id: m.fileId, url: this.deps.files.signedUrl(m.fileId, 300) } : null,
      ownerName: r.ownerName,
      orgName: r.orgName,
      source: m.source,
      suggest: m.suggest,
      label: m.label,
      status: m.status,
      createdAt: m.createdAt.toISOString(),
      decidedAt: m.decidedAt ? m.decidedAt.toISOString() : null,
      note: m.note,
    }
  }
}

/** WeChat's push signature: sha1 of token, timestamp and nonce sorted as strings and joined. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex')
}

function rejectedMessage(item: ModerationItemRow, note: string | null): NewNotification {
  const what = MODERATION_SUBJECT_LABELS[item.subjectKind]
  const quoted = item.text ? `“${item.text.length > 30 ? `${item.text.slice(0, 30)}…` : item.text}”` : ''
  return {
    userId: item.ownerUserId,
    kind: MODERATION_REJECTED_KIND,
    title: `你提交的${what}未通过审核`,
    body: `你提交的${what}${quoted}含有不适宜公开的内容，其他人看不到。${note ? `说明：${note}` : '请修改后重新提交。'}`,
    link: item.link,
  }
}

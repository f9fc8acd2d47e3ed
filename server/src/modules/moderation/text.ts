/**
 * Texts users publish to others: checked BEFORE the capability's transaction (a WeChat call never holds a database
 * transaction open), recorded INSIDE it.
 *
 *   const verdict = await checkText(deps, { userId, scene: SECURITY_SCENES.forum, text, field: 'description' })
 *   await db.transaction(async (tx) => { …save…; await recordText(tx, verdict, { kind, subjectId, … }) })
 *
 * checkText: WeChat msgSecCheck v2 when the check is on (WECHAT_CONTENT_CHECK) → pass / review → hold / risky →
 * 400 CONTENT_RISKY beside `field`, nothing saved. When WeChat cannot answer (timeout, network, HTTP 5xx, an errcode
 * such as an openid it does not know) or is off: the local word list (wordlist.ts) → a hit holds, a miss passes.
 * Every check logs the path it took.
 */
import { and, asc, eq, isNull } from 'drizzle-orm'
import { ModerationReasons } from '@contract/moderation/reasons'
import type { ModerationSource, ModerationSubject } from '@contract/moderation/labels'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import { orgs, userRoles, users } from '../../db/schema/core'
import { moderationItems } from '../../db/schema/moderation'
import { refuseAt } from '../../errors'
import { WechatApiError } from '../../wechat/client'
import { msgSecCheck, type SecurityScene } from '../../wechat/security'
import { memberOf } from '../membership'
import { moderationLog } from './log'
import { listedWordIn } from './wordlist'

export interface TextCheck {
  userId: number
  scene: SecurityScene
  text: string
  /** The form field the text came from (where the app shows a refusal), e.g. 'description', 'team.name'. */
  field: string
}

export type TextVerdict =
  | { outcome: 'pass'; source: ModerationSource }
  | { outcome: 'hold'; source: ModerationSource; suggest: 'review'; label: string | null }

export async function checkText(deps: AppDeps, input: TextCheck): Promise<TextVerdict> {
  const log = moderationLog(deps)
  if (deps.config.contentCheck.wechat && deps.wechat) {
    try {
      const openid = await openidOf(deps.db, input.userId)
      const v = await msgSecCheck(deps.wechat, { content: input.text, scene: input.scene, openid })
      log.info({ path: 'wechat', field: input.field, suggest: v.suggest, label: v.label }, 'text checked by WeChat msgSecCheck')
      if (v.suggest === 'risky') throw refuseAt(input.field, ModerationReasons.CONTENT_RISKY)
      if (v.suggest === 'review') return { outcome: 'hold', source: 'wechat', suggest: 'review', label: v.label }
      return { outcome: 'pass', source: 'wechat' }
    } catch (err) {
      if (!(err instanceof WechatApiError)) throw err
      log.warn({ path: 'wordlist', field: input.field, wechat: err.failure }, 'WeChat msgSecCheck unavailable: local word list used')
    }
  }
  const word = listedWordIn(input.text)
  log.info({ path: 'wordlist', field: input.field, hit: word !== null }, word ? 'text held: listed word' : 'text passed the local word list')
  return word ? { outcome: 'hold', source: 'wordlist', suggest: 'review', label: word } : { outcome: 'pass', source: 'wordlist' }
}

export interface TextSubject {
  kind: ModerationSubject
  subjectId: string | number
  ownerUserId: number
  /** The union whose staff decide it; omitted → the owner's (their union, else their first post, else the root). */
  orgId?: number | null
  /** The text as submitted (for a nickname or a team name: what applies once approved). */
  text: string
  /** App page the owner's message opens. */
  link?: string | null
}

/**
 * In the capability's transaction: a held text becomes an item of the staff queue. Either way, an earlier text of
 * the same subject still waiting (a nickname changed again) is superseded: staff never apply a stale one.
 */
export async function recordText(tx: DbOrTx, verdict: TextVerdict, subject: TextSubject, now: Date): Promise<number | null> {
  const subjectId = String(subject.subjectId)
  await supersedeHeld(tx, subject.kind, subjectId, now)
  if (verdict.outcome === 'pass') return null
  const orgId = subject.orgId !== undefined ? subject.orgId : await ownerOrgId(tx, subject.ownerUserId)
  const [row] = await tx
    .insert(moderationItems)
    .values({
      subjectKind: subject.kind,
      subjectId,
      ownerUserId: subject.ownerUserId,
      orgId,
      text: subject.text,
      source: verdict.source,
      suggest: verdict.suggest,
      label: verdict.label,
      status: 'held',
      link: subject.link ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: moderationItems.id })
  return row.id
}

/** The subject's texts still waiting for staff are void (the owner went back to what others already see). */
export async function supersedeHeld(tx: DbOrTx, kind: ModerationSubject, subjectId: string | number, now: Date): Promise<void> {
  await tx
    .update(moderationItems)
    .set({ status: 'superseded', updatedAt: now })
    .where(and(eq(moderationItems.subjectKind, kind), eq(moderationItems.subjectId, String(subjectId)), eq(moderationItems.status, 'held')))
}

export async function openidOf(db: DbOrTx, userId: number): Promise<string> {
  const [u] = await db.select({ openid: users.openid }).from(users).where(eq(users.id, userId))
  return u?.openid ?? ''
}

/** The union whose staff look at a user's own content (nickname, avatar): their union, else their first post, else the root. */
export async function ownerOrgId(db: DbOrTx, userId: number): Promise<number | null> {
  const member = await memberOf(db, userId)
  if (member) return member.orgId
  const [post] = await db.select({ orgId: userRoles.orgId }).from(userRoles).where(eq(userRoles.userId, userId)).orderBy(asc(userRoles.orgId)).limit(1)
  if (post) return post.orgId
  const [root] = await db.select({ id: orgs.id }).from(orgs).where(isNull(orgs.parentId)).orderBy(asc(orgs.id)).limit(1)
  return root?.id ?? null
}

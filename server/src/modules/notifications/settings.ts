/**
 * 消息设置: which subscription templates a member wants in WeChat, and whether marketing-like notices reach them at
 * all. No row means every default (all of WeChat on, marketing on). notify() reads the same row (preferences below).
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { isMarketingKind, SUBSCRIBE_TEMPLATE_KEYS, SUBSCRIBE_TEMPLATES, type NotificationKind, type SubscribeTemplateKey } from '@contract/notifications/labels'
import type { NotificationSettings } from '@contract/notifications/schemas'
import type { Db, DbOrTx } from '../../db'
import { notificationSettings, subscribeCredits } from '../../db/schema/notifications'

/** The template ids configured on this server, by key (a key without an id is message-centre only). */
export type TemplateIds = Partial<Record<SubscribeTemplateKey, string | null>>

export interface SettingsChange {
  wechat?: { key: SubscribeTemplateKey; on: boolean }[]
  marketing?: boolean
}

/** Of these users, who closed marketing-like notices (only asked when a message of such a kind is on its way). */
export async function marketingClosed(db: DbOrTx, kinds: { userId: number; kind: NotificationKind }[]): Promise<Set<number>> {
  const ids = [...new Set(kinds.filter((m) => isMarketingKind(m.kind)).map((m) => m.userId))]
  if (ids.length === 0) return new Set()
  const rows = await db
    .select({ userId: notificationSettings.userId })
    .from(notificationSettings)
    .where(and(inArray(notificationSettings.userId, ids), eq(notificationSettings.marketingOff, true)))
  return new Set(rows.map((r) => r.userId))
}

/** The templates each of these users turned off for WeChat (users with no row are left out: nothing off). */
export async function wechatOff(db: DbOrTx, userIds: number[]): Promise<Map<number, Set<string>>> {
  if (userIds.length === 0) return new Map()
  const rows = await db
    .select({ userId: notificationSettings.userId, off: notificationSettings.wechatOff })
    .from(notificationSettings)
    .where(and(inArray(notificationSettings.userId, userIds), sql`cardinality(${notificationSettings.wechatOff}) > 0`))
  return new Map(rows.map((r) => [r.userId, new Set(r.off)]))
}

export class SettingsService {
  constructor(private readonly deps: { db: Db; now: () => number; templateIds: () => TemplateIds }) {}

  async get(userId: number, db: DbOrTx = this.deps.db): Promise<NotificationSettings> {
    const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId))
    const credits = await db
      .select({ key: subscribeCredits.templateKey, n: sql<number>`sum(${subscribeCredits.remaining})::int` })
      .from(subscribeCredits)
      .where(eq(subscribeCredits.userId, userId))
      .groupBy(subscribeCredits.templateKey)
    const held = new Map(credits.map((c) => [c.key, Number(c.n)]))
    const ids = this.deps.templateIds()
    const off = new Set(row?.wechatOff ?? [])
    return {
      templates: SUBSCRIBE_TEMPLATE_KEYS.map((key) => ({
        key,
        label: SUBSCRIBE_TEMPLATES[key].label,
        hint: SUBSCRIBE_TEMPLATES[key].hint,
        templateId: ids[key] ?? null,
        wechat: !off.has(key),
        credits: held.get(key) ?? 0,
      })),
      marketing: !(row?.marketingOff ?? false),
    }
  }

  /** Changes only what `change` names; the row is locked, so two saves at once never lose each other's switch. */
  async save(userId: number, change: SettingsChange): Promise<NotificationSettings> {
    const at = new Date(this.deps.now())
    return this.deps.db.transaction(async (tx) => {
      await tx.insert(notificationSettings).values({ userId, updatedAt: at }).onConflictDoNothing()
      const [row] = await tx.select().from(notificationSettings).where(eq(notificationSettings.userId, userId)).for('update')
      const off = new Set(row!.wechatOff)
      for (const { key, on } of change.wechat ?? []) {
        if (on) off.delete(key)
        else off.add(key)
      }
      await tx
        .update(notificationSettings)
        .set({
          wechatOff: SUBSCRIBE_TEMPLATE_KEYS.filter((k) => off.has(k)),
          marketingOff: change.marketing === undefined ? row!.marketingOff : !change.marketing,
          updatedAt: at,
        })
        .where(eq(notificationSettings.userId, userId))
      return this.get(userId, tx)
    })
  }
}

/**
 * What a capability that publishes user content tells moderation, and what it reads back.
 *
 * Two ways a held subject stays away from others:
 *  - hidden where it is read (a problem report, a report's photo, an avatar): the capability asks `withheld` for
 *    the subjects it is about to show and leaves out (or shows only to the owner) those held or rejected;
 *  - not applied until approved (a nickname, a team name): the capability keeps what others saw before (the old
 *    nickname, a neutral team name) and the value waits in the moderation item; its `approved` hook applies it.
 * Hooks run inside the staff decision's transaction.
 */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { ModerationSubject } from '@contract/moderation/labels'
import type { DbOrTx, Tx } from '../../db'
import { prepared } from '../../db/prepared'
import { moderationItems, type ModerationItemRow } from '../../db/schema/moderation'

export interface ModerationSubjectHooks {
  approved?(tx: Tx, item: ModerationItemRow): Promise<void>
  rejected?(tx: Tx, item: ModerationItemRow): Promise<void>
}
export type ModerationHooks = Partial<Record<ModerationSubject, ModerationSubjectHooks>>

export type Withheld = 'held' | 'rejected'

/** Of these subjects, those others must not see: held for staff, or refused (by staff, or WeChat for an image). */
export async function withheld(db: DbOrTx, kind: ModerationSubject, subjectIds: readonly (string | number)[]): Promise<Map<string, Withheld>> {
  const ids = [...new Set(subjectIds.map(String))]
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ subjectId: moderationItems.subjectId, status: moderationItems.status })
    .from(moderationItems)
    .where(and(eq(moderationItems.subjectKind, kind), inArray(moderationItems.subjectId, ids), inArray(moderationItems.status, ['held', 'rejected'])))
  const out = new Map<string, Withheld>()
  for (const r of rows) if (out.get(r.subjectId) !== 'rejected') out.set(r.subjectId, r.status as Withheld)
  return out
}

/** The latest value of a not-yet-applied subject waiting for staff (a nickname), or null. */
export async function pendingText(db: DbOrTx, kind: ModerationSubject, subjectId: string | number): Promise<string | null> {
  // Prepared (db/prepared.ts): GET /api/me asks it on every call.
  const [row] = await prepared(db, 'moderation_pending_text', (d, name) =>
    d
      .select({ text: moderationItems.text })
      .from(moderationItems)
      .where(
        and(
          eq(moderationItems.subjectKind, sql.placeholder('kind')),
          eq(moderationItems.subjectId, sql.placeholder('subjectId')),
          eq(moderationItems.status, 'held'),
        ),
      )
      .orderBy(desc(moderationItems.id))
      .limit(1)
      .prepare(name),
  ).execute({ kind, subjectId: String(subjectId) })
  return row?.text ?? null
}

/**
 * `pendingText` as a scalar subquery over `subjectId` (an SQL expression of the outer statement), for a read that
 * takes it in its own statement (GET /api/me with its session).
 */
export function pendingTextSql(kind: ModerationSubject, subjectId: SQL): SQL<string | null> {
  return sql<string | null>`(select ${moderationItems.text} from ${moderationItems}
    where ${moderationItems.subjectKind} = ${kind} and ${moderationItems.subjectId} = (${subjectId})::text and ${moderationItems.status} = 'held'
    order by ${moderationItems.id} desc limit 1)`
}

/** `withheld` of one subject as a scalar subquery: 'rejected' (wins), 'held' or null. */
export function withheldSql(kind: ModerationSubject, subjectId: SQL): SQL<Withheld | null> {
  return sql<Withheld | null>`(select ${moderationItems.status} from ${moderationItems}
    where ${moderationItems.subjectKind} = ${kind} and ${moderationItems.subjectId} = (${subjectId})::text and ${moderationItems.status} in ('held', 'rejected')
    order by ${moderationItems.status} = 'rejected' desc limit 1)`
}

/**
 * The retention job (issue 19): once per China-time day (the instance that inserts the day's `privacy_runs` row runs
 * it, the others skip), every active rule of RETENTION_RULES (contract/privacy/labels.ts — the table the app's
 * 隐私保护指引 shows) is applied by its one executor, each in its own transaction, owned by the capability that holds
 * the data and reached through its face. `Record<ActiveRetentionKey, …>`: a rule without an executor does not compile.
 */
import { and, eq, inArray, isNotNull, lte, or, sql } from 'drizzle-orm'
import { RETENTION_RULES, type ActiveRetentionKey } from '@contract/privacy/labels'
import type { Tx } from '../../db'
import { sessions } from '../../db/schema/core'
import { privacyRequests, privacyRuns } from '../../db/schema/privacy'
import type { AppDeps } from '../../http/deps'
import { fileDisposal, type EraseContext } from '../../personal-data'
import { chinaDate } from '../../time'
import { deleteOldLoginTickets } from '../console'
import { membershipRetention } from '../membership'
import { deleteOldNotifications } from '../notifications'
import { reliefRetention } from '../relief'

const DAY_MS = 86_400_000

type Executor = (tx: Tx, cutoff: Date, ctx: { now: Date; deleteFiles: EraseContext['deleteFiles']; deps: AppDeps }) => Promise<number>

export const EXECUTORS: Record<ActiveRetentionKey, Executor> = {
  // The sweep (files.sweep job) removes these too; here they are removed by the same rule the guide shows.
  unattached_uploads: async (tx, _cutoff, { deps }) => {
    const { removed } = await deps.files.sweep(tx as never)
    return removed
  },
  join_drafts: (tx, cutoff) => membershipRetention.joinDrafts(tx, cutoff),
  relief_drafts: (tx, cutoff, { deleteFiles }) => reliefRetention.drafts(tx, cutoff, deleteFiles),
  rejected_join_applications: (tx, cutoff) => membershipRetention.rejectedApplications(tx, cutoff),
  relief_documents: (tx, cutoff, { deleteFiles }) => reliefRetention.decidedDocuments(tx, cutoff, deleteFiles),
  departed_members: (tx, cutoff, { now }) => membershipRetention.departedMembers(tx, cutoff, now),
  notifications: (tx, cutoff) => deleteOldNotifications(tx, cutoff),
  sessions: async (tx, cutoff) => {
    const rows = await tx
      .delete(sessions)
      .where(or(lte(sessions.expiresAt, cutoff), and(isNotNull(sessions.revokedAt), lte(sessions.revokedAt, cutoff))))
      .returning({ id: sessions.id })
    return rows.length
  },
  console_login_tickets: (tx, cutoff) => deleteOldLoginTickets(tx, cutoff),
  data_exports: async (tx, cutoff, { deleteFiles }) => {
    const rows = await tx
      .select()
      .from(privacyRequests)
      .where(and(eq(privacyRequests.kind, 'export'), inArray(privacyRequests.status, ['done', 'pending']), lte(privacyRequests.createdAt, cutoff)))
    await deleteFiles(tx, rows.flatMap((r) => [r.xlsxFileId, r.jsonFileId]))
    if (rows.length) {
      await tx
        .update(privacyRequests)
        .set({ status: 'cancelled', xlsxFileId: null, jsonFileId: null, cancelledAt: sql`now()` })
        .where(inArray(privacyRequests.id, rows.map((r) => r.id)))
    }
    return rows.length
  },
}

/** Applies every rule now (the day guard is the caller's); returns what each removed. */
export async function applyRetention(deps: AppDeps): Promise<Record<ActiveRetentionKey, number>> {
  const now = new Date(deps.now())
  const out = {} as Record<ActiveRetentionKey, number>
  for (const key of Object.keys(EXECUTORS) as ActiveRetentionKey[]) {
    const days = RETENTION_RULES[key].days
    const cutoff = new Date(now.getTime() - days * DAY_MS)
    const disposal = fileDisposal(deps.files)
    out[key] = await deps.db.transaction((tx) => EXECUTORS[key](tx, cutoff, { now, deleteFiles: disposal.deleteFiles, deps }))
    await disposal.flush()
  }
  return out
}

/** The daily job: runs the rules when this instance is the first to claim today's row. */
export async function dailyRetention(deps: AppDeps): Promise<Record<ActiveRetentionKey, number> | null> {
  const day = chinaDate(deps.now())
  const claimed = await deps.db.insert(privacyRuns).values({ day }).onConflictDoNothing().returning({ day: privacyRuns.day })
  if (claimed.length === 0) return null
  const counts = await applyRetention(deps)
  await deps.db.update(privacyRuns).set({ detail: counts }).where(eq(privacyRuns.day, day))
  return counts
}

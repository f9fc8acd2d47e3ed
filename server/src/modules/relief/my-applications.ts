/** Relief's part of 我的申请 (modules/applications merges every capability's): each case with its state and timeline. */
import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { ApplicationState } from '@contract/applications/labels'
import type { MyApplicationItem } from '@contract/applications/schemas'
import { RELIEF_EVENTS, type ReliefStage } from '@contract/relief/labels'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import { prepared } from '../../db/prepared'
import { rowsFromJson } from '../../db/json-rows'
import { reliefApplications, reliefEvents, type ReliefApplicationRow } from '../../db/schema/relief'
import { typeMap } from './aid-type-store'
import { detailLink, returnText, roundMap, summaryOf } from './views'

function stateOf(stage: ReliefStage): ApplicationState {
  switch (stage) {
    case 'draft':
      return 'draft'
    case 'base_review':
    case 'district_review':
      return 'in_review'
    case 'returned':
      return 'action_required'
    case 'approved':
    case 'publicity':
      return 'approved'
    case 'paid':
      return 'completed'
    case 'rejected':
      return 'rejected'
    case 'withdrawn':
      return 'withdrawn'
  }
}

/** The user's relief applications as 我的申请 items, read in the caller's transaction. */
/** The user's relief applications as one json value (a column of 我的申请's one statement; `first` below). */
export function reliefApplicationsJson(userId: SQL): SQL {
  return sql`(select coalesce(json_agg(to_json(r)), '[]'::json) from ${reliefApplications} r where r.user_id = ${userId})`
}

/** What reliefApplicationsJson read, as rows. */
export function reliefApplicationsFromJson(value: unknown): ReliefApplicationRow[] {
  return rowsFromJson(reliefApplications, value)
}

/** `first`: the applications already read (reliefApplicationsJson); otherwise read here. */
export async function applicationItemsFor(deps: AppDeps, tx: DbOrTx, userId: number, first?: ReliefApplicationRow[]): Promise<MyApplicationItem[]> {
  // Prepared (db/prepared.ts): 我的申请 asks on every visit.
  const rows =
    first ??
    (await prepared(tx, 'relief_my_applications', (d, name) =>
      d.select().from(reliefApplications).where(eq(reliefApplications.userId, sql.placeholder('userId'))).prepare(name),
    ).execute({ userId }))
  if (rows.length === 0) return []
  const types = await typeMap(tx)
  const rounds = await roundMap(tx, rows)
  const events = rows.length
    ? await tx
        .select()
        .from(reliefEvents)
        .where(inArray(reliefEvents.applicationId, rows.map((r) => r.id)))
        .orderBy(asc(reliefEvents.at), asc(reliefEvents.id))
    : []
  const now = deps.now()
  return rows.map((r) => {
    const type = types.get(r.typeKey)!
    const s = summaryOf(now, r, type, rounds)
    return {
      kind: 'relief' as const,
      id: r.id,
      title: type.name,
      state: stateOf(r.stage),
      stageLabel: s.stageLabel,
      expectedBy: s.expectedBy,
      lastDecisionReason: r.stage === 'rejected' ? r.rejectReason : r.stage === 'returned' ? returnText(r.returnRequest) : null,
      amount: s.amount,
      updatedAt: r.updatedAt.toISOString(),
      link: detailLink(r.id),
      timeline: events.filter((e) => e.applicationId === r.id).map((e) => ({ at: e.at.toISOString(), title: RELIEF_EVENTS[e.kind], note: e.note })),
    }
  })
}

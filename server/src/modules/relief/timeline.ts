/**
 * A case's timeline: every stage change writes a timeline event and an in-app message in the transaction that makes
 * the change, so a message exists exactly when the change does; the applicant and the reviewers read it back.
 */
import { asc, eq } from 'drizzle-orm'
import { RELIEF_EVENTS, RELIEF_STAGES, type ReliefEventKind } from '@contract/relief/labels'
import type { AidTypeConfig, ReliefTimelineEntry } from '@contract/relief/schemas'
import type { DbOrTx, Tx } from '../../db'
import { reliefEvents, type ReliefApplicationRow } from '../../db/schema/relief'
import { notify } from '../notifications'
import { detailLink } from './views'

/** Timeline event + in-app message for a stage change (same transaction). */
export async function stageChange(
  tx: Tx,
  app: ReliefApplicationRow,
  type: AidTypeConfig,
  kind: ReliefEventKind,
  note: string | null,
  actorUserId: number,
  byLabel: string,
  at: Date,
): Promise<void> {
  await tx.insert(reliefEvents).values({ applicationId: app.id, kind, note, byLabel, actorUserId, at })
  await notify(tx, {
    userId: app.userId,
    kind: 'relief.stage',
    title: `${type.name}：${RELIEF_EVENTS[kind]}`,
    body: note ? `${RELIEF_STAGES[app.stage]}。${note}` : `您的申请当前状态：${RELIEF_STAGES[app.stage]}`,
    link: detailLink(app.id),
  })
}

/** The case's timeline, oldest first. */
export async function timelineOf(tx: DbOrTx, appId: number): Promise<ReliefTimelineEntry[]> {
  const events = await tx.select().from(reliefEvents).where(eq(reliefEvents.applicationId, appId)).orderBy(asc(reliefEvents.at), asc(reliefEvents.id))
  return events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, title: RELIEF_EVENTS[e.kind], note: e.note, by: e.byLabel }))
}

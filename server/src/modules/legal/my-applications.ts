/** Legal aid's part of 我的申请 (modules/applications merges every capability's): each case, its state and thread. */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { ApplicationState } from '@contract/applications/labels'
import type { MyApplicationItem } from '@contract/applications/schemas'
import { LEGAL_DISPUTE_KINDS, LEGAL_ENTRY_KINDS, LEGAL_OUTCOMES, LEGAL_STATUSES, type LegalStatus } from '@contract/legal/labels'
import { pages } from '@contract/pages'
import type { DbOrTx } from '../../db'
import { prepared } from '../../db/prepared'
import { rowsFromJson } from '../../db/json-rows'
import { legalCases, legalEntries, type LegalCaseRow, type LegalEntryRow } from '../../db/schema/legal'
import { nextStep } from './views'

function stateOf(status: LegalStatus, withdrawn: boolean): ApplicationState {
  switch (status) {
    case 'submitted':
    case 'in_progress':
    case 'scheduled':
      return 'in_review'
    case 'awaiting_member':
      return 'action_required'
    case 'closed':
      return withdrawn ? 'withdrawn' : 'completed'
  }
}

/** The user's consultations as 我的申请 items (the thread's steps without their text: that is on the case page). */
type LegalEntryStep = { caseId: number; kind: LegalEntryRow['kind']; at: Date }

/** The user's consultations with their threads' steps, as one json value (a column of 我的申请's one statement; `first` below). */
export function legalApplicationsJson(userId: SQL): SQL {
  return sql`(select coalesce(json_agg(json_build_object('c', to_json(c), 'entries', (
      select coalesce(json_agg(json_build_object('kind', e.kind, 'at', e.at) order by e.at, e.id), '[]'::json)
        from ${legalEntries} e where e.case_id = c.id))), '[]'::json)
    from ${legalCases} c where c.user_id = ${userId})`
}

/** What legalApplicationsJson read: the cases and their steps. */
export function legalApplicationsFromJson(value: unknown): { cases: LegalCaseRow[]; entries: LegalEntryStep[] } {
  const list = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as { c: unknown; entries: { kind: LegalEntryRow['kind']; at: string }[] }[]
  const cases = list.map((x) => rowsFromJson(legalCases, [x.c])[0])
  return { cases, entries: list.flatMap((x, i) => x.entries.map((e) => ({ caseId: cases[i].id, kind: e.kind, at: new Date(e.at) }))) }
}

/** `first`: the cases and their steps already read (legalApplicationsJson); otherwise read here. */
export async function legalApplicationItems(
  tx: DbOrTx,
  userId: number,
  first?: { cases: LegalCaseRow[]; entries: LegalEntryStep[] },
): Promise<MyApplicationItem[]> {
  // Prepared (db/prepared.ts): 我的申请 asks on every visit.
  const rows =
    first?.cases ??
    (await prepared(tx, 'legal_my_applications', (d, name) =>
      d.select().from(legalCases).where(eq(legalCases.userId, sql.placeholder('userId'))).prepare(name),
    ).execute({ userId }))
  const entries: LegalEntryStep[] =
    first?.entries ??
    (rows.length
      ? await tx
          .select({ caseId: legalEntries.caseId, kind: legalEntries.kind, at: legalEntries.at })
          .from(legalEntries)
          .where(and(inArray(legalEntries.caseId, rows.map((r) => r.id))))
          .orderBy(asc(legalEntries.at), asc(legalEntries.id))
      : [])
  return rows.map((c) => ({
    kind: 'legal' as const,
    id: c.id,
    title: `法律援助 · ${LEGAL_DISPUTE_KINDS[c.kind]}`,
    state: stateOf(c.status, c.outcome === 'withdrawn'),
    stageLabel: c.status === 'closed' && c.outcome ? LEGAL_OUTCOMES[c.outcome] : LEGAL_STATUSES[c.status],
    expectedBy: c.status === 'submitted' ? c.firstResponseDue.toISOString() : null,
    lastDecisionReason: c.status === 'awaiting_member' ? nextStep(c) : null,
    amount: c.outcome === 'mediated' ? c.amountRecovered : c.amount,
    updatedAt: c.updatedAt.toISOString(),
    link: pages.legal.case.url({ id: c.id }),
    timeline: entries.filter((e) => e.caseId === c.id).map((e) => ({ at: e.at.toISOString(), title: LEGAL_ENTRY_KINDS[e.kind], note: null })),
  }))
}

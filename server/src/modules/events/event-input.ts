/** An event as the organiser defines it → the stored row (and its seat counter). Used by organising and the seed. */
import type * as s from '@contract/events/schemas'
import { defaultApprovalMode } from '@contract/events/labels'
import type { Tx } from '../../db'
import { eventSeats, events, type EventQuestionRecord, type EventRow } from '../../db/schema/events'

export type EventInputParsed = ReturnType<typeof s.EventInput.parse>

/** The stored questions of an event input: ids q1, q2, … in order. */
export function questionRecords(input: EventInputParsed): EventQuestionRecord[] {
  return input.questions.map((q, i) => ({
    id: `q${i + 1}`,
    label: q.label,
    type: q.type,
    required: q.required,
    options: q.type === 'single_choice' || q.type === 'multi_choice' ? (q.options ?? []) : [],
    hint: q.hint,
  }))
}

/** The columns an input sets (all but the organiser union, fixed at creation, and the creator). */
export function eventColumns(input: EventInputParsed) {
  const team = input.entryMode === 'team'
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    place: input.place,
    capacity: input.capacity,
    registrationOpensAt: new Date(input.registrationOpensAt),
    registrationClosesAt: new Date(input.registrationClosesAt),
    eligibleEmploymentTypes: input.eligibleEmploymentTypes,
    eligibleIndustries: input.eligibleIndustries,
    entryMode: input.entryMode,
    teamMinSize: team ? input.teamMinSize : null,
    teamMaxSize: team ? input.teamMaxSize : null,
    approvalMode: input.approvalMode ?? defaultApprovalMode(input.kind),
    cancelCutoffHours: input.cancelCutoffHours,
    checkinOpensMinutes: input.checkinOpensMinutes,
    scoreUnit: input.scoreUnit,
    higherScoreWins: input.higherScoreWins,
    questions: questionRecords(input),
  }
}

/** Inserts an event and its seat counter (validated input; authorization is the caller's). */
export async function insertEvent(tx: Tx, input: EventInputParsed, createdBy: number | null): Promise<EventRow> {
  const [row] = await tx
    .insert(events)
    .values({ ...eventColumns(input), orgId: input.orgId, createdBy })
    .returning()
  await tx.insert(eventSeats).values({ eventId: row.id, capacity: row.capacity, taken: 0 })
  return row
}

/**
 * Organisers create and edit events of the unions they manage. Once anyone has registered, what registrations
 * depend on is frozen (kind, entry mode and team sizes, approval mode, questions); capacity may not drop below the
 * places taken, and a larger capacity moves waiters up at once (with a message). Both audited.
 */
import { eq, sql } from 'drizzle-orm'
import type * as s from '@contract/events/schemas'
import { EventReasons } from '@contract/events/reasons'
import type { ReasonDef } from '@contract/reasons'
import { rowsOf } from '../../db'
import { eventSeats, events, type EventQuestionRecord } from '../../db/schema/events'
import { audit } from '../../audit'
import { orgToManage } from '../../auth/managed-org'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import type { EventsContext } from './context'
import { eventColumns, insertEvent, type EventInputParsed } from './event-input'
import { EMPTY_COUNTS } from './rules'
import { countsOf, lockSeats, managedEvent } from './store'
import { toEvent } from './views'
import { promoteWaiters } from './waitlist'

/** A refusal shown beside one field of the event form. */
const beside = (field: string, def: ReasonDef<void>) => refuse(def, undefined, { [field]: def.message() })

/** jsonb does not keep key order: compare questions through one canonical shape. */
const canon = (qs: EventQuestionRecord[]) => JSON.stringify(qs.map((q) => [q.id, q.label, q.type, q.required, q.options, q.hint]))

export function organising({ deps }: EventsContext) {
  return {
    async createEvent(user: AuthUser, input: EventInputParsed): Promise<s.Event> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const org = await orgToManage(tx, user, 'events.manage', input.orgId, () => beside('orgId', EventReasons.ORG_NOT_FOUND))
        if (Date.parse(input.endsAt) <= now) throw beside('endsAt', EventReasons.ENDS_IN_PAST)
        const row = await insertEvent(tx, input, user.userId)
        await audit(tx, {
          actorUserId: user.userId,
          action: 'events.create',
          subjectType: 'event',
          subjectId: row.id,
          detail: { kind: row.kind, capacity: row.capacity, orgId: row.orgId, approvalMode: row.approvalMode },
        })
        return toEvent(row, org.name, EMPTY_COUNTS, now)
      })
    },

    async updateEvent(user: AuthUser, eventId: number, input: EventInputParsed): Promise<s.Event> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId)
        const old = ev.e
        if (now >= old.endsAt.getTime()) throw refuse(EventReasons.EVENT_ENDED)
        if (input.orgId !== old.orgId) throw beside('orgId', EventReasons.ORG_FIXED)
        if (Date.parse(input.endsAt) <= now) throw beside('endsAt', EventReasons.ENDS_IN_PAST)
        const seats = await lockSeats(tx, eventId)
        const [{ n }] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from event_registrations where event_id = ${eventId}`))
        const next = eventColumns(input)
        if (n > 0) {
          const changed: [field: string, what: string][] = []
          if (next.kind !== old.kind) changed.push(['kind', '活动类型'])
          if (next.entryMode !== old.entryMode) changed.push(['entryMode', '报名方式'])
          if (next.entryMode === 'team' && (next.teamMinSize !== old.teamMinSize || next.teamMaxSize !== old.teamMaxSize)) changed.push(['teamMinSize', '团队人数'])
          if (next.approvalMode !== old.approvalMode) changed.push(['approvalMode', '审核方式'])
          if (canon(next.questions) !== canon(old.questions)) changed.push(['questions', '报名题目'])
          if (changed.length > 0) {
            const fields = Object.fromEntries(changed.map(([field, what]) => [field, EventReasons.EVENT_FROZEN.message({ what })]))
            throw refuse(EventReasons.EVENT_FROZEN, { what: changed[0][1] }, fields)
          }
        }
        if (input.capacity < seats.taken) {
          const taken = seats.taken
          throw refuse(EventReasons.CAPACITY_BELOW_TAKEN, { taken }, { capacity: EventReasons.CAPACITY_BELOW_TAKEN.message({ taken }) })
        }
        const [row] = await tx.update(events).set(next).where(eq(events.id, eventId)).returning()
        await tx.update(eventSeats).set({ capacity: input.capacity }).where(eq(eventSeats.eventId, eventId))
        const promoted = await promoteWaiters(tx, row, input.capacity - seats.taken, now)
        if (promoted > 0) {
          await tx.update(eventSeats).set({ taken: sql`${eventSeats.taken} + ${promoted}` }).where(eq(eventSeats.eventId, eventId))
        }
        await audit(tx, { actorUserId: user.userId, action: 'events.update', subjectType: 'event', subjectId: eventId, detail: { capacity: row.capacity, promoted } })
        return toEvent(row, ev.orgName, await countsOf(tx, row, now), now)
      })
    },
  }
}

/** The events staff pages' lists (organiser endpoints), on the app's one paging engine. Pure TS, no Taro. */
import { eventsApi } from '@contract/events/api'
import type { RegistrationStatus } from '@contract/events/labels'
import type { Event, ManagedRegistration } from '@contract/events/schemas'
import type { RootStore } from '../../../stores/RootStore'
import { PagedList } from '../../../stores/PagedList'

/** 活动管理: the events the caller organises or checks in at, newest start first. */
export function createManagedEvents(root: RootStore): PagedList<Event> {
  return new PagedList<Event>((_f, cursor) => root.api.send(eventsApi.manageEvents, { query: { cursor, limit: 20 } }), {}, (e) => e.id)
}

/** The registrations of one event, by status (待审核 first). */
export function createManagedRegistrations(
  root: RootStore,
  eventId: number,
  status: RegistrationStatus | undefined,
): PagedList<ManagedRegistration, { status?: RegistrationStatus }> {
  return new PagedList<ManagedRegistration, { status?: RegistrationStatus }>(
    (f, cursor) => root.api.send(eventsApi.manageRegistrations, { params: { id: eventId }, query: { status: f.status, cursor, limit: 50 } }),
    { status },
    (r) => r.id,
  )
}

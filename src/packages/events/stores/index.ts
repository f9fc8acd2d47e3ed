/** The events subpackage's stores, created lazily per RootStore (they never enter the main package). */
import { eventsApi } from '@contract/events/api'
import type { EventKind, EventPhaseFilter, MyEventsScope } from '@contract/events/labels'
import type { EventCard, Registration } from '@contract/events/schemas'
import type { RootStore } from '../../../stores/RootStore'
import { PagedList } from '../../../stores/PagedList'
import { RegistrationForm } from './RegistrationForm'

export interface ListFilter {
  kind?: EventKind
  phase?: EventPhaseFilter
}

const lists = new WeakMap<RootStore, PagedList<EventCard, ListFilter>>()
const forms = new WeakMap<RootStore, RegistrationForm>()

/** The discovery list keeps its filter and rows while the app runs (back from a detail page: same place). */
export function eventListOf(root: RootStore): PagedList<EventCard, ListFilter> {
  let list = lists.get(root)
  if (!list) {
    list = new PagedList<EventCard, ListFilter>(
      (f, cursor) => root.api.send(eventsApi.list, { query: { kind: f.kind, phase: f.phase, cursor, limit: 20 } }),
      { phase: 'registering' },
      (e) => e.id,
    )
    lists.set(root, list)
  }
  return list
}

export function registrationFormOf(root: RootStore): RegistrationForm {
  let form = forms.get(root)
  if (!form) {
    form = new RegistrationForm({ api: root.api, storage: root.storage, now: root.now, userId: () => root.session.me?.id ?? null })
    forms.set(root, form)
  }
  return form
}

export function createMyRegistrations(root: RootStore, scope: MyEventsScope): PagedList<Registration, { scope: MyEventsScope }> {
  return new PagedList<Registration, { scope: MyEventsScope }>(
    (f, cursor) => root.api.send(eventsApi.myRegistrations, { query: { scope: f.scope, cursor, limit: 20 } }),
    { scope },
    (r) => r.id,
  )
}

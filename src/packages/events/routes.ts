/** Pages of the events subpackage and the organiser pages in the staff subpackage. */
export const EVENT_ROUTES = {
  list: '/packages/events/list/index',
  detail: (id: number) => `/packages/events/detail/index?id=${id}`,
  register: (id: number) => `/packages/events/register/index?id=${id}`,
  registration: (id: number) => `/packages/events/registration/index?id=${id}`,
  mine: '/packages/events/mine/index',
  team: (registrationId: number) => `/packages/events/team/index?id=${registrationId}`,
  /** Without a code: the page asks for one. */
  invite: (code?: string) => (code ? `/packages/events/invite/index?code=${encodeURIComponent(code)}` : '/packages/events/invite/index'),
  manage: '/packages/staff/events/index',
  manageEvent: (id: number) => `/packages/staff/events-detail/index?id=${id}`,
  checkin: (id: number) => `/packages/staff/events-checkin/index?id=${id}`,
  scores: (id: number) => `/packages/staff/events-scores/index?id=${id}`,
} as const

/** 活动报名 — the public face: what other modules and the app shell may use. */
export { eventService, type EventService } from './service'
export { teamService, type TeamService } from './teams'
export { eventRoutes } from './routes'
export { eventJobs } from './jobs'
export { eventApplicationItems } from './applications'
export * as eventTargets from './targets'
export { insertEvent } from './event-input'
export { eventModeration } from './team-moderation'

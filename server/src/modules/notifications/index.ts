/** 消息 — the public face: every module tells people of a change with `notify(tx, …)` inside the changing transaction. */
export { notify, NotificationService, type NewNotification } from './service'
export { notificationRoutes } from './routes'
export { notificationJobs } from './jobs'

/** 消息 — the public face: every module tells people of a change with `notify(tx, …)` inside the changing transaction. */
export { notify, NotificationService, type NewNotification } from './service'
export { announce, type NewAnnouncement, type Audience } from './announcements'
export { notificationRoutes } from './routes'
export { notificationJobs } from './jobs'
export { notificationPersonalData, deleteOldNotifications } from './personal-data'

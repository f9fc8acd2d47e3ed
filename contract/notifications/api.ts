import { endpoint } from '../endpoint'
import type * as s from './schemas'

export const notificationsApi = {
  /** The caller's in-app messages, newest first, with the unread count. */
  list: endpoint<typeof s.list>('GET', '/api/notifications'),
  /** Cheap badge count for 我的. */
  unreadCount: endpoint<typeof s.unreadCount>('GET', '/api/notifications/unread-count'),
  markRead: endpoint<typeof s.markRead>('POST', '/api/notifications/read'),
}

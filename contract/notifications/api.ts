import { endpoint } from '../endpoint'
import type * as s from './schemas'

export const notificationsApi = {
  /** The caller's in-app messages, newest first, with the unread count. */
  list: endpoint<typeof s.list>('GET', '/api/notifications'),
  /** Cheap badge count for 我的. */
  unreadCount: endpoint<typeof s.unreadCount>('GET', '/api/notifications/unread-count'),
  markRead: endpoint<typeof s.markRead>('POST', '/api/notifications/read'),
  /** The WeChat subscription templates this server sends with (the app asks for them at a tap). */
  subscribeTemplates: endpoint<typeof s.subscribeTemplates>('GET', '/api/notifications/subscribe-templates'),
  /** Acceptances from WeChat's subscription dialog: one send credit per accepted template. */
  reportSubscriptions: endpoint<typeof s.reportSubscriptions>('POST', '/api/notifications/subscriptions'),
  /** 消息设置: per template, WeChat on/off and the credits held; the marketing switch. The caller's own. */
  settings: endpoint<typeof s.settings>('GET', '/api/notifications/settings'),
  saveSettings: endpoint<typeof s.saveSettings>('PUT', '/api/notifications/settings'),
}

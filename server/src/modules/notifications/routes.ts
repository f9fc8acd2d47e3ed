/** 站内消息: parse, call, reply (a user only ever sees their own). */
import type { FastifyPluginAsync } from 'fastify'
import { notificationsApi } from '@contract/notifications/api'
import * as schemas from '@contract/notifications/schemas'
import { route } from '../../http/route'

export const notificationRoutes: FastifyPluginAsync = async (app) => {
  const service = app.services.notifications

  route(app, notificationsApi.list, schemas.list, { auth: 'required' }, async ({ user, query }) =>
    service.list(user.userId, query),
  )
  route(app, notificationsApi.unreadCount, schemas.unreadCount, { auth: 'required' }, async ({ user }) => ({
    unread: await service.unread(user.userId),
  }))
  route(app, notificationsApi.markRead, schemas.markRead, { auth: 'required' }, async ({ user, body }) =>
    service.markRead(user.userId, body.ids),
  )
  route(app, notificationsApi.subscribeTemplates, schemas.subscribeTemplates, { auth: 'required' }, async () => ({
    templates: service.templates(),
  }))
  route(app, notificationsApi.reportSubscriptions, schemas.reportSubscriptions, { auth: 'required' }, async ({ user, body }) =>
    service.reportSubscriptions(user.userId, body.accepted),
  )
  route(app, notificationsApi.settings, schemas.settings, { auth: 'required' }, async ({ user }) => service.settings.get(user.userId))
  route(app, notificationsApi.saveSettings, schemas.saveSettings, { auth: 'required' }, async ({ user, body }) =>
    service.settings.save(user.userId, body),
  )
}

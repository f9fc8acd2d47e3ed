/** 站内消息: parse, call, reply (a user only ever sees their own). */
import type { FastifyPluginAsync } from 'fastify'
import { notificationsApi } from '@contract/notifications/api'
import * as schemas from '@contract/notifications/schemas'
import { route } from '../../http/route'
import { sql } from 'drizzle-orm'
import { sessionColumns, sessionUserId, type SessionRead } from '../../auth/sessions'
import { notifications } from '../../db/schema/notifications'

/**
 * 站内消息's page with the session: the session user's messages older than `before` (all when absent), newest first,
 * one more than `limit` (is there more?), as json, and the unread count. Bounds read from the query with the route's
 * schema, as the handler will get it.
 */
const messagesWithSession: SessionRead<{ page: unknown; unread: number }> = {
  name: 'notifications_page_with_session',
  params: (_now, request) => {
    const parsed = schemas.list.query.safeParse(request?.query ?? {})
    const { limit, before } = parsed.success ? parsed.data : { limit: 1, before: undefined }
    return { limit: limit + 1, before: before ?? 2_147_483_647 }
  },
  build: (d, s, name) =>
    d
      .with(s)
      .select({
        auth: sessionColumns(s),
        // Aliased: inside a selected field drizzle writes a column without its table, which here would compare the
        // messages' user_id with itself.
        page: sql<unknown>`(select coalesce(json_agg(to_json(n) order by n.id desc), '[]'::json) from (
            select m.* from ${notifications} m where m.user_id = ${sessionUserId} and m.id < ${sql.placeholder('before')}
             order by m.id desc limit ${sql.placeholder('limit')}) n)`,
        unread: sql<number>`(select count(*)::int from ${notifications} m where m.user_id = ${sessionUserId} and m.read_at is null)`,
      })
      .from(s)
      .prepare(name),
}

export const notificationRoutes: FastifyPluginAsync = async (app) => {
  const service = app.services.notifications

  // The session, the page and the unread count in one statement (one round trip): see SessionRead.
  route(app, notificationsApi.list, schemas.list, { auth: 'required', read: messagesWithSession }, async ({ query, rows: [row] }) =>
    service.pageFromRead(row, query.limit),
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

/** 在线预约: parse, call the service, reply (who may call: server/src/access.ts). */
import type { FastifyPluginAsync } from 'fastify'
import { bookingsApi } from '@contract/bookings/api'
import * as schemas from '@contract/bookings/schemas'
import { route } from '../../http/route'

export const bookingRoutes: FastifyPluginAsync = async (app) => {
  const { members, manage } = app.services.bookings

  route(app, bookingsApi.services, schemas.services, { auth: 'required' }, async ({ user, query }) => members.services(user, query))
  route(app, bookingsApi.service, schemas.service, { auth: 'required' }, async ({ user, params }) => members.service(user, params.id))
  route(app, bookingsApi.book, schemas.book, { auth: 'required' }, async ({ user, params }) => members.book(user, params.id))
  route(app, bookingsApi.mine, schemas.mine, { auth: 'required' }, async ({ user, query }) => members.mine(user, query))
  route(app, bookingsApi.booking, schemas.booking, { auth: 'required' }, async ({ user, params }) => members.booking(user, params.id))
  route(app, bookingsApi.cancel, schemas.cancel, { auth: 'required' }, async ({ user, params }) => members.cancel(user, params.id))

  route(app, bookingsApi.manageServices, schemas.manageServices, { auth: 'required' }, async ({ user, query }) => manage.services(user, query))
  route(app, bookingsApi.createService, schemas.createService, { auth: 'required' }, async ({ user, body }) => manage.createService(user, body))
  route(app, bookingsApi.updateService, schemas.updateService, { auth: 'required' }, async ({ user, params, body }) =>
    manage.updateService(user, params.id, body),
  )
  route(app, bookingsApi.manageService, schemas.manageService, { auth: 'required' }, async ({ user, params }) => manage.service(user, params.id))
  route(app, bookingsApi.addSlot, schemas.addSlot, { auth: 'required' }, async ({ user, params, body }) => manage.addSlot(user, params.id, body))
  route(app, bookingsApi.cancelSlot, schemas.cancelSlot, { auth: 'required' }, async ({ user, params, body }) => manage.cancelSlot(user, params.id, body))
  route(app, bookingsApi.slotBookings, schemas.slotBookings, { auth: 'required' }, async ({ user, params, query }) =>
    manage.slotBookings(user, params.id, query),
  )
  route(app, bookingsApi.checkin, schemas.checkin, { auth: 'required' }, async ({ user, params }) => manage.checkin(user, params.id))
}

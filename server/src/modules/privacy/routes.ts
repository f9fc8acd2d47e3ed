/** 个人信息保护: parse, authorize (the access table), call, reply. */
import type { FastifyPluginAsync } from 'fastify'
import { privacyApi } from '@contract/privacy/api'
import * as schemas from '@contract/privacy/schemas'
import { route } from '../../http/route'

export const privacyRoutes: FastifyPluginAsync = async (app) => {
  const privacy = app.services.privacy
  const departures = app.services.membership.departures

  route(app, privacyApi.overview, schemas.overview, { auth: 'required' }, async ({ user }) => privacy.overview(user))
  route(app, privacyApi.requestErasure, schemas.requestErasure, { auth: 'required', rateLimit: { max: 5 } }, async ({ user }) => privacy.erasure.request(user))
  route(app, privacyApi.requestDeparture, schemas.requestDeparture, { auth: 'required', rateLimit: { max: 5 } }, async ({ user, body }) =>
    departures.request(user, body.reason),
  )
  route(app, privacyApi.withdrawDeparture, schemas.withdrawDeparture, { auth: 'required' }, async ({ user }) => departures.withdraw(user))
  route(app, privacyApi.departures, schemas.departures, { auth: 'required' }, async ({ user }) => departures.list(user))
  route(app, privacyApi.confirmDeparture, schemas.confirmDeparture, { auth: 'required' }, async ({ user, params }) => departures.confirm(user, params.id))
  const corrections = privacy.corrections
  route(app, privacyApi.requestCorrection, schemas.requestCorrection, { auth: 'required', rateLimit: { max: 10 } }, async ({ user, body }) =>
    corrections.request(user, body),
  )
  route(app, privacyApi.withdrawCorrection, schemas.withdrawCorrection, { auth: 'required' }, async ({ user }) => corrections.withdraw(user))
  route(app, privacyApi.corrections, schemas.corrections, { auth: 'required' }, async ({ user }) => corrections.list(user))
  route(app, privacyApi.approveCorrection, schemas.approveCorrection, { auth: 'required' }, async ({ user, params }) => corrections.approve(user, params.id))
  route(app, privacyApi.rejectCorrection, schemas.rejectCorrection, { auth: 'required' }, async ({ user, params, body }) =>
    corrections.reject(user, params.id, body.note),
  )
  route(app, privacyApi.requestExport, schemas.requestExport, { auth: 'required', rateLimit: { max: 5 } }, async ({ user }) => privacy.exports.request(user))
  route(app, privacyApi.exportDetail, schemas.exportDetail, { auth: 'required' }, async ({ user, params }) => privacy.exports.detail(user, params.id))
}

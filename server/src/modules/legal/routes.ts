/** 法律援助: parse, authorize (the access table), call the service, reply. */
import type { FastifyPluginAsync } from 'fastify'
import { legalApi } from '@contract/legal/api'
import * as schemas from '@contract/legal/schemas'
import { LEGAL_DOCUMENT_MAX_BYTES } from '@contract/legal/labels'
import { route } from '../../http/route'
import { readLegalUpload } from './documents'

export const legalRoutes: FastifyPluginAsync = async (app) => {
  const legal = app.services.legal

  route(app, legalApi.create, schemas.create, { auth: 'required', rateLimit: { max: 10 } }, async ({ user, body }) => legal.create(user, body))
  route(app, legalApi.mine, schemas.mine, { auth: 'required' }, async ({ user, query }) => legal.mine(user, query))
  route(app, legalApi.detail, schemas.detail, { auth: 'required' }, async ({ user, params }) => legal.detail(user, params.id))
  route(app, legalApi.message, schemas.message, { auth: 'required', rateLimit: { max: 30 } }, async ({ user, params, body }) => legal.message(user, params.id, body))
  route(app, legalApi.withdraw, schemas.withdraw, { auth: 'required' }, async ({ user, params }) => legal.withdraw(user, params.id))
  route(app, legalApi.rate, schemas.rate, { auth: 'required' }, async ({ user, params, body }) => legal.rate(user, params.id, body))
  route(
    app,
    legalApi.upload,
    schemas.upload,
    { auth: 'required', bodyLimit: LEGAL_DOCUMENT_MAX_BYTES + 256 * 1024, rateLimit: { max: 30 } },
    async ({ user, request }) => legal.upload(user, await readLegalUpload(request)),
  )

  route(app, legalApi.manageList, schemas.manageList, { auth: 'required' }, async ({ user, query }) => legal.list(user, query))
  route(app, legalApi.manageDetail, schemas.manageDetail, { auth: 'required' }, async ({ user, params }) => legal.staffDetail(user, params.id))
  route(app, legalApi.take, schemas.take, { auth: 'required' }, async ({ user, params }) => legal.take(user, params.id))
  route(app, legalApi.reply, schemas.reply, { auth: 'required' }, async ({ user, params, body }) => legal.reply(user, params.id, body))
  route(app, legalApi.schedule, schemas.schedule, { auth: 'required' }, async ({ user, params, body }) => legal.schedule(user, params.id, body))
  route(app, legalApi.close, schemas.close, { auth: 'required' }, async ({ user, params, body }) => legal.close(user, params.id, body))
}

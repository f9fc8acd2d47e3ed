/** Merchant offers (工会卡优惠): parse, call the use case, reply (who may call: server/src/access.ts). */
import type { FastifyPluginAsync } from 'fastify'
import { merchantsApi } from '@contract/merchants/api'
import * as schemas from '@contract/merchants/schemas'
import { route } from '../../http/route'

export const merchantRoutes: FastifyPluginAsync = async (app) => {
  const { offers, admin } = app.services.merchants
  const manage = { auth: 'required', permission: 'merchants.manage' } as const

  route(app, merchantsApi.list, schemas.list, { auth: 'required' }, async ({ user, query }) => offers.list(user, query))
  route(app, merchantsApi.manage, schemas.manage, manage, async ({ user, query }) => admin.list(user, query))
  route(app, merchantsApi.create, schemas.create, manage, async ({ user, body }) => admin.create(user, body))
  route(app, merchantsApi.update, schemas.update, manage, async ({ user, params, body }) => admin.update(user, params.id, body))
  route(app, merchantsApi.takeDown, schemas.takeDown, manage, async ({ user, params }) => {
    await admin.takeDown(user, params.id)
    return { ok: true as const }
  })
}

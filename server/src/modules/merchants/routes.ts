/** Merchant offers (工会卡优惠): parse, authorize, call the service, reply. */
import type { FastifyPluginAsync } from 'fastify'
import { membershipApi } from '@contract/membership/api'
import * as schemas from '@contract/membership/schemas'
import { route } from '../../http/route'

export const merchantRoutes: FastifyPluginAsync = async (app) => {
  const service = app.services.merchants

  route(app, membershipApi.merchants, schemas.merchants, { auth: 'required' }, async ({ user, query }) =>
    service.list(user, query),
  )

  route(app, membershipApi.manageMerchants, schemas.manageMerchants, { auth: 'required', permission: 'merchants.manage' }, async ({ user, query }) =>
    service.listManaged(user, query),
  )

  route(
    app,
    membershipApi.createMerchant,
    schemas.createMerchant,
    { auth: 'required', permission: 'merchants.manage' },
    async ({ user, body }) => service.create(user, body),
  )

  route(
    app,
    membershipApi.updateMerchant,
    schemas.updateMerchant,
    { auth: 'required', permission: 'merchants.manage' },
    async ({ user, params, body }) => service.update(user, params.id, body),
  )

  route(
    app,
    membershipApi.takeDownMerchant,
    schemas.takeDownMerchant,
    { auth: 'required', permission: 'merchants.manage' },
    async ({ user, params }) => {
      await service.takeDown(user, params.id)
      return { ok: true as const }
    },
  )
}

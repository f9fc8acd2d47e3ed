/** 福利券: parse, authorize, call the service, reply. */
import type { FastifyPluginAsync } from 'fastify'
import { vouchersApi } from '@contract/vouchers/api'
import * as schemas from '@contract/vouchers/schemas'
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '@contract/vouchers/labels'
import { route } from '../../http/route'
import { Errors } from '../../errors'
import { VoucherService } from './service'

export const voucherRoutes: FastifyPluginAsync = async (app) => {
  const service = new VoucherService(app.deps)

  route(app, vouchersApi.campaigns, schemas.campaigns, { auth: 'required' }, async ({ user }) => service.list(user))

  route(app, vouchersApi.campaign, schemas.campaign, { auth: 'required' }, async ({ user, params }) =>
    service.detail(user, params.id),
  )

  route(app, vouchersApi.claim, schemas.claim, { auth: 'required' }, async ({ user, params, request }) => {
    const key = request.headers[IDEMPOTENCY_HEADER]
    if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key))) {
      throw Errors.validation({ idempotencyKey: 'Idempotency-Key 格式不正确' })
    }
    return service.claim(user, params.id, key ?? null)
  })

  route(app, vouchersApi.myVouchers, schemas.myVouchers, { auth: 'required' }, async ({ user }) => service.mine(user))

  route(app, vouchersApi.cancelVoucher, schemas.cancelVoucher, { auth: 'required' }, async ({ user, params }) =>
    service.cancel(user, params.id),
  )

  route(app, vouchersApi.redeem, schemas.redeem, { auth: 'required', permission: 'vouchers.redeem' }, async ({ user, body }) =>
    service.redeem(user, body),
  )

  route(
    app,
    vouchersApi.createCampaign,
    schemas.createCampaign,
    { auth: 'required', permission: 'campaigns.manage' },
    async ({ user, body }) => service.createCampaign(user, body),
  )

  route(app, vouchersApi.manageCampaigns, schemas.manageCampaigns, { auth: 'required', permission: 'campaigns.manage' }, async ({ user }) => ({
    items: await service.listManaged(user),
  }))

  route(app, vouchersApi.campaignStats, schemas.campaignStats, { auth: 'required' }, async ({ user, params }) =>
    service.stats(user, params.id),
  )
}

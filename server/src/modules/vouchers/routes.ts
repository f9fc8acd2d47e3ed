/** 福利券: parse, authorize, call the service, reply. */
import type { FastifyPluginAsync } from 'fastify'
import { vouchersApi } from '@contract/vouchers/api'
import * as schemas from '@contract/vouchers/schemas'
import * as editSchemas from '@contract/vouchers/edit-schemas'
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '@contract/vouchers/labels'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { guardedRoute, route } from '../../http/route'
import { XLSX_MIME, attachmentHeader } from '../../files/workbook'
import { refuse } from '../../errors'
import { mineFromRead, myVouchersWithSession } from './my-vouchers'
import { memberCampaignsWithSession } from './member-views'

export const voucherRoutes: FastifyPluginAsync = async (app) => {
  const service = app.services.vouchers

  // The session and the member's list in one statement (one round trip): see SessionRead.
  route(app, vouchersApi.campaigns, schemas.campaigns, { auth: 'required', read: memberCampaignsWithSession }, async ({ user, rows }) =>
    service.list(user, rows),
  )

  route(app, vouchersApi.campaign, schemas.campaign, { auth: 'required' }, async ({ user, params }) =>
    service.detail(user, params.id),
  )

  // auth 'token': the session row is checked inside the claim's one database call (see claiming.ts).
  route(app, vouchersApi.claim, schemas.claim, { auth: 'token' }, async ({ user, params, body, request }) => {
    const key = request.headers[IDEMPOTENCY_HEADER]
    if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key))) {
      throw refuse(VoucherReasons.BAD_IDEMPOTENCY_KEY, undefined, { idempotencyKey: VoucherReasons.BAD_IDEMPOTENCY_KEY.message() })
    }
    return service.claim(user, params.id, key ?? null, body?.venueId ?? null)
  })

  // The session and the vouchers in one statement (one round trip): see SessionRead.
  route(app, vouchersApi.myVouchers, schemas.myVouchers, { auth: 'required', read: myVouchersWithSession }, async ({ user, rows }) =>
    service.mine(user, mineFromRead(rows)),
  )

  route(app, vouchersApi.cancelVoucher, schemas.cancelVoucher, { auth: 'required' }, async ({ user, params }) =>
    service.cancel(user, params.id),
  )

  route(app, vouchersApi.redeem, schemas.redeem, { auth: 'required', permission: 'vouchers.redeem' }, async ({ user, body }) =>
    service.redeem(user, body),
  )

  route(app, vouchersApi.myRedeemVenues, schemas.myRedeemVenues, { auth: 'required', permission: 'vouchers.redeem' }, async ({ user }) => ({
    items: await service.myRedeemVenues(user),
  }))

  route(app, vouchersApi.manageVenues, schemas.manageVenues, { auth: 'required', permission: 'campaigns.manage' }, async ({ user, query }) => ({
    items: await service.venuesForCampaign(user, query.orgId),
  }))

  route(
    app,
    vouchersApi.createCampaign,
    schemas.createCampaign,
    { auth: 'required', permission: 'campaigns.manage' },
    async ({ user, body }) => service.createCampaign(user, body),
  )

  route(app, vouchersApi.manageCampaigns, schemas.manageCampaigns, { auth: 'required', permission: 'campaigns.manage' }, async ({ user, query }) =>
    service.listManaged(user, query),
  )

  route(app, vouchersApi.editCampaign, editSchemas.editCampaign, { auth: 'required', permission: 'campaigns.manage' }, async ({ user, params, body }) =>
    service.editCampaign(user, params.id, body),
  )

  route(app, vouchersApi.endCampaign, editSchemas.endCampaign, { auth: 'required', permission: 'campaigns.manage' }, async ({ user, params }) =>
    service.endCampaign(user, params.id),
  )

  route(app, vouchersApi.campaignStats, schemas.campaignStats, { auth: 'required' }, async ({ user, params }) =>
    service.stats(user, params.id),
  )

  // ---------- lottery ----------
  route(app, vouchersApi.enter, schemas.enter, { auth: 'required' }, async ({ user, params }) => service.enter(user, params.id))
  route(app, vouchersApi.withdrawEntry, schemas.withdrawEntry, { auth: 'required' }, async ({ user, params }) =>
    service.withdrawEntry(user, params.id),
  )

  route(app, vouchersApi.drawRecord, schemas.drawRecord, { auth: 'required' }, async ({ user, params }) =>
    service.drawRecord(user, params.id),
  )

  route(app, vouchersApi.runDraw, schemas.runDraw, { auth: 'required', permission: 'campaigns.manage' }, async ({ user, params }) =>
    service.drawRecord(user, params.id, true),
  )

  route(app, vouchersApi.confirmVoucher, schemas.confirmVoucher, { auth: 'required' }, async ({ user, params }) =>
    service.confirm(user, params.id),
  )

  // ---------- waitlist ----------
  route(app, vouchersApi.joinWaitlist, schemas.joinWaitlist, { auth: 'required' }, async ({ user, params }) =>
    service.joinWaitlist(user, params.id),
  )
  route(app, vouchersApi.leaveWaitlist, schemas.leaveWaitlist, { auth: 'required' }, async ({ user, params }) =>
    service.leaveWaitlist(user, params.id),
  )
  route(app, vouchersApi.leaveWaitlistPost, schemas.leaveWaitlist, { auth: 'required' }, async ({ user, params }) =>
    service.leaveWaitlist(user, params.id),
  )

  // ---------- staff ----------
  route(
    app,
    vouchersApi.redeemBatch,
    schemas.redeemBatch,
    { auth: 'required', permission: 'vouchers.redeem', bodyLimit: 256 * 1024 },
    async ({ user, body }) => ({ results: await service.redeemBatch(user, body) }),
  )

  // CSV is not JSON, so not `route()`: a plain route guarded by the same access-table rule.
  app.route({
    ...guardedRoute(app, vouchersApi.exportCsv),
    schema: { params: schemas.exportCsv.params },
    handler: async (request, reply) => {
      const { id } = request.params as { id: number }
      const { filename, csv } = await service.exportCsv(request.user!, id)
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="vouchers-${id}.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .header('cache-control', 'no-store')
        .send(csv)
    },
  })

  app.route({
    ...guardedRoute(app, vouchersApi.exportXlsx),
    schema: { params: schemas.exportXlsx.params },
    handler: async (request, reply) => {
      const { id } = request.params as { id: number }
      const { filename, bytes } = await service.exportXlsx(request.user!, id)
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader(`vouchers-${id}.xlsx`, filename))
        .header('cache-control', 'no-store')
        .send(bytes)
    },
  })
}

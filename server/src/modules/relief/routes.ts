/** 帮扶救助: parse, authorize, call the service, reply. Rules and scope checks live in the use-case files (service.ts). */
import type { FastifyPluginAsync } from 'fastify'
import { reliefApi } from '@contract/relief/api'
import * as schemas from '@contract/relief/schemas'
import { RELIEF_DOCUMENT_MAX_BYTES } from '@contract/relief/labels'
import { route } from '../../http/route'
import { ensureAidTypes } from './aid-type-store'
import { readDocumentUpload } from './documents'
import { attachmentHeader, XLSX_MIME } from '../../files/workbook'

export const reliefRoutes: FastifyPluginAsync = async (app) => {
  const service = app.services.relief
  const aidTypes = app.services.aidTypes
  await ensureAidTypes(app.deps.db)

  route(app, reliefApi.types, schemas.types, { auth: 'required' }, async ({ user }) => ({ items: await aidTypes.types(user) }))
  // relief.manage somewhere here; over the type's OWNING union in the service.
  route(app, reliefApi.updateType, schemas.updateType, { auth: 'required', permission: 'relief.manage' }, async ({ user, params, body }) =>
    aidTypes.update(user, params.key, body),
  )
  route(app, reliefApi.manageTypes, schemas.manageTypes, { auth: 'required' }, async ({ user, query }) => aidTypes.managed(user, query))
  route(app, reliefApi.manageType, schemas.manageType, { auth: 'required' }, async ({ user, params }) => aidTypes.managedOne(user, params.key))
  route(app, reliefApi.typeLimits, schemas.typeLimits, { auth: 'required', permission: 'relief.manage' }, async ({ user, params }) =>
    aidTypes.limits(user, params.orgId),
  )
  route(app, reliefApi.setTypeLimits, schemas.setTypeLimits, { auth: 'required', permission: 'relief.manage' }, async ({ user, params, body }) =>
    aidTypes.setLimits(user, params.orgId, body),
  )

  route(app, reliefApi.start, schemas.start, { auth: 'required' }, async ({ user, body }) => service.start(user, body.typeKey))
  route(app, reliefApi.mine, schemas.mine, { auth: 'required' }, async ({ user }) => ({ items: await service.mine(user) }))
  route(app, reliefApi.detail, schemas.detail, { auth: 'required' }, async ({ user, params }) => service.detail(user, params.id))
  route(app, reliefApi.saveDraft, schemas.saveDraft, { auth: 'required' }, async ({ user, params, body }) =>
    service.saveDraft(user, params.id, body),
  )
  route(app, reliefApi.submit, schemas.submit, { auth: 'required' }, async ({ user, params }) => service.submit(user, params.id))
  route(app, reliefApi.withdraw, schemas.withdraw, { auth: 'required' }, async ({ user, params, body }) =>
    service.withdraw(user, params.id, body?.reason),
  )

  route(
    app,
    reliefApi.upload,
    schemas.upload,
    { auth: 'required', bodyLimit: RELIEF_DOCUMENT_MAX_BYTES + 256 * 1024, rateLimit: { max: 30 } },
    async ({ user, request }) => service.upload(user, await readDocumentUpload(request)),
  )

  route(app, reliefApi.reviewQueue, schemas.reviewQueue, { auth: 'required' }, async ({ user, query }) => service.queue(user, query))
  route(app, reliefApi.payoutList, schemas.payoutList, { auth: 'required', rateLimit: { max: 20 } }, async ({ user, query, reply }) => {
    const { bytes, filename } = await service.payoutList(user, query)
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', attachmentHeader('payout-list.xlsx', filename))
      .header('cache-control', 'no-store')
      .send(bytes)
  })
  route(app, reliefApi.reviewCases, schemas.reviewCases, { auth: 'required' }, async ({ user, query }) => service.cases(user, query))
  route(app, reliefApi.reviewObjections, schemas.reviewObjections, { auth: 'required' }, async ({ user, query }) =>
    service.reviewObjections(user, query),
  )
  route(app, reliefApi.answerObjection, schemas.answerObjection, { auth: 'required' }, async ({ user, params, body }) =>
    service.answerObjection(user, params.id, body),
  )
  route(app, reliefApi.reviewDetail, schemas.reviewDetail, { auth: 'required' }, async ({ user, params }) =>
    service.reviewDetail(user, params.id),
  )
  route(app, reliefApi.homeVisit, schemas.homeVisit, { auth: 'required' }, async ({ user, params, body }) =>
    service.homeVisit(user, params.id, body),
  )
  route(app, reliefApi.approve, schemas.approve, { auth: 'required' }, async ({ user, params, body }) =>
    service.approve(user, params.id, body ?? {}),
  )
  route(app, reliefApi.reject, schemas.reject, { auth: 'required' }, async ({ user, params, body }) =>
    service.reject(user, params.id, body.reason),
  )
  route(app, reliefApi.returnForInfo, schemas.returnForInfo, { auth: 'required' }, async ({ user, params, body }) =>
    service.returnForInfo(user, params.id, body),
  )
  route(app, reliefApi.payout, schemas.payout, { auth: 'required' }, async ({ user, params, body }) =>
    service.payout(user, params.id, body),
  )

  route(app, reliefApi.createRound, schemas.createRound, { auth: 'required' }, async ({ user, body }) =>
    service.createRound(user, body),
  )
  route(app, reliefApi.publicity, schemas.publicity, { auth: 'required' }, async ({ user }) => ({ items: await service.publicity(user) }))
  route(app, reliefApi.object, schemas.object, { auth: 'required', rateLimit: { max: 10 } }, async ({ user, params, body }) => {
    await service.object(user, params.id, body.content)
    return { ok: true as const }
  })
}

/** Joining, review and the e-member card: parse, authorize, call the service, reply. */
import type { FastifyPluginAsync } from 'fastify'
import { membershipApi } from '@contract/membership/api'
import * as schemas from '@contract/membership/schemas'
import { route } from '../../http/route'
import { sealPlaintextDrafts } from './drafts'

export const membershipRoutes: FastifyPluginAsync = async (app) => {
  const service = app.services.membership

  // Drafts saved in clear before they were sealed: encrypted now (needs DATA_KEY, so not in the SQL migration).
  const sealed = await sealPlaintextDrafts(app.deps.db, app.deps.cipher, new Date(app.deps.now()))
  if (sealed > 0) app.log.info({ sealed }, '已加密历史入会草稿中的身份证号与手机号')

  route(app, membershipApi.unions, schemas.unions, { auth: 'required' }, async ({ query }) => service.unions(query))

  route(app, membershipApi.mine, schemas.mine, { auth: 'required' }, async ({ user }) => service.mine(user))

  route(app, membershipApi.saveDraft, schemas.saveDraft, { auth: 'required' }, async ({ user, body }) =>
    service.saveDraft(user, body),
  )

  route(app, membershipApi.submit, schemas.submit, { auth: 'required' }, async ({ user, body }) => service.submit(user, body))

  route(
    app,
    membershipApi.exchangePhone,
    schemas.exchangePhone,
    { auth: 'required', rateLimit: { max: 10 } },
    async ({ user, body }) => ({ phone: await service.exchangePhone(user, body.code) }),
  )

  route(app, membershipApi.reviewQueue, schemas.reviewQueue, { auth: 'required', permission: 'membership.review' }, async ({ user, query }) =>
    service.reviewQueue(user, query),
  )

  route(
    app,
    membershipApi.reviewDetail,
    schemas.reviewDetail,
    { auth: 'required' }, // 404 for non-reviewers, decided by the service with the application in hand
    async ({ user, params }) => service.reviewDetail(user, params.id),
  )

  route(app, membershipApi.approve, schemas.approve, { auth: 'required' }, async ({ user, params }) =>
    service.approve(user, params.id),
  )

  route(
    app,
    membershipApi.reject,
    schemas.reject,
    { auth: 'required' },
    async ({ user, params, body }) => service.reject(user, params.id, body.reason),
  )

  route(app, membershipApi.card, schemas.card, { auth: 'required' }, async ({ user }) => service.card(user))

  route(
    app,
    membershipApi.verifyCard,
    schemas.verifyCard,
    { auth: 'required', permission: 'membership.verify_card' },
    async ({ user, body }) => service.verifyCard(user, body.code),
  )
}

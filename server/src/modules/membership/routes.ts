/** Joining, review and the e-member card: parse, call the use case, reply (who may call: server/src/access.ts). */
import type { FastifyPluginAsync } from 'fastify'
import { membershipApi } from '@contract/membership/api'
import * as schemas from '@contract/membership/schemas'
import { route } from '../../http/route'
import { sealPlaintextDrafts } from './drafts'

export const membershipRoutes: FastifyPluginAsync = async (app) => {
  const { joining, review, card } = app.services.membership

  // Drafts saved in clear before they were sealed: encrypted now (needs DATA_KEY, so not in the SQL migration).
  const sealed = await sealPlaintextDrafts(app.deps.db, app.deps.cipher, new Date(app.deps.now()))
  if (sealed > 0) app.log.info({ sealed }, '已加密历史入会草稿中的身份证号与手机号')

  // ---- joining ----
  route(app, membershipApi.unions, schemas.unions, { auth: 'required' }, async ({ query }) => joining.unions(query))
  route(app, membershipApi.mine, schemas.mine, { auth: 'required' }, async ({ user }) => joining.mine(user))
  route(app, membershipApi.saveDraft, schemas.saveDraft, { auth: 'required' }, async ({ user, body }) => joining.saveDraft(user, body))
  route(app, membershipApi.submit, schemas.submit, { auth: 'required' }, async ({ user, body }) => joining.submit(user, body))
  route(app, membershipApi.exchangePhone, schemas.exchangePhone, { auth: 'required', rateLimit: { max: 10 } }, async ({ user, body }) => ({
    phone: await joining.exchangePhone(user, body.code),
  }))

  // ---- review ----
  route(app, membershipApi.reviewQueue, schemas.reviewQueue, { auth: 'required', permission: 'membership.review' }, async ({ user, query }) =>
    review.queue(user, query),
  )
  route(app, membershipApi.reviewDetail, schemas.reviewDetail, { auth: 'required' }, async ({ user, params }) => review.detail(user, params.id))
  route(app, membershipApi.approve, schemas.approve, { auth: 'required' }, async ({ user, params }) => review.approve(user, params.id))
  route(app, membershipApi.reject, schemas.reject, { auth: 'required' }, async ({ user, params, body }) =>
    review.reject(user, params.id, body.reason),
  )

  // ---- the member card ----
  route(app, membershipApi.card, schemas.card, { auth: 'required' }, async ({ user }) => card.card(user))
  route(app, membershipApi.verifyCard, schemas.verifyCard, { auth: 'required', permission: 'membership.verify_card' }, async ({ user, body }) =>
    card.verify(user, body.code),
  )
}

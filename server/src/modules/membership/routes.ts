/** Joining, review and the e-member card: parse, call the use case, reply (who may call: server/src/access.ts). */
import type { FastifyPluginAsync } from 'fastify'
import { membershipApi } from '@contract/membership/api'
import * as schemas from '@contract/membership/schemas'
import { rosterApi } from '@contract/roster/api'
import { ROSTER_MAX_BYTES } from '@contract/roster/labels'
import { RosterReasons } from '@contract/roster/reasons'
import * as rosterSchemas from '@contract/roster/schemas'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { route } from '../../http/route'
import { readUpload } from '../../http/upload'
import { attachmentHeader, XLSX_MIME } from '../../files/workbook'
import { templateWorkbook } from './roster-sheets'
import { sealPlaintextDrafts } from './drafts'
import { memberFromRead, memberWithSession } from './members'

const rosterFile = (request: FastifyRequest) =>
  readUpload(request, ROSTER_MAX_BYTES, {
    notMultipart: RosterReasons.ROSTER_NOT_MULTIPART,
    missing: RosterReasons.ROSTER_FILE_MISSING,
    empty: RosterReasons.ROSTER_FILE_EMPTY,
    tooLarge: RosterReasons.ROSTER_FILE_TOO_LARGE,
  })

const xlsx = (reply: FastifyReply, ascii: string, filename: string, bytes: Buffer) =>
  reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentHeader(ascii, filename)).header('cache-control', 'no-store').send(bytes)

export const membershipRoutes: FastifyPluginAsync = async (app) => {
  const { joining, review, card, roster, claim } = app.services.membership

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
  route(app, membershipApi.bulkApprove, schemas.bulkApprove, { auth: 'required', rateLimit: { max: 30 } }, async ({ user, body }) => review.bulkApprove(user, body.ids))
  route(app, membershipApi.reject, schemas.reject, { auth: 'required' }, async ({ user, params, body }) =>
    review.reject(user, params.id, body.reason),
  )

  // ---- the member card ----
  // The session and the membership in one statement (one round trip): see SessionRead.
  route(app, membershipApi.card, schemas.card, { auth: 'required', read: memberWithSession }, async ({ user, rows }) => card.card(user, memberFromRead(rows[0])))
  route(app, membershipApi.verifyCard, schemas.verifyCard, { auth: 'required', permission: 'membership.verify_card' }, async ({ user, body }) =>
    card.verify(user, body.code),
  )

  // ---- 会员实名制台账 and 会员认证 ----
  const upload = { auth: 'required', permission: 'membership.import', bodyLimit: ROSTER_MAX_BYTES + 256 * 1024, rateLimit: { max: 20 } } as const
  route(app, rosterApi.dryRun, rosterSchemas.dryRun, upload, async ({ user, request, query }) => roster.dryRun(user, await rosterFile(request), query))
  route(app, rosterApi.commit, rosterSchemas.commit, upload, async ({ user, request, query }) => roster.commit(user, await rosterFile(request), query))
  route(app, rosterApi.problemRows, rosterSchemas.problemRows, upload, async ({ user, request, query, reply }) => {
    const file = await rosterFile(request)
    const bytes = await roster.problemRows(user, file, query)
    return xlsx(reply, 'roster-problems.xlsx', `${(file.fileName || '会员台账').replace(/\.(xlsx|csv)$/i, '')}-问题行.xlsx`, bytes)
  })
  route(app, rosterApi.template, rosterSchemas.template, { auth: 'required', permission: 'membership.import' }, async ({ reply }) =>
    xlsx(reply, 'roster-template.xlsx', '会员台账模板.xlsx', await templateWorkbook()),
  )
  route(app, rosterApi.claim, rosterSchemas.claim, { auth: 'required' }, async ({ user, body }) => claim.claim(user, body))
}

/** 帮扶救助: parse, authorize, call the service, reply. Rules and scope checks live in service.ts. */
import type { FastifyPluginAsync } from 'fastify'
import { reliefApi } from '@contract/relief/api'
import * as schemas from '@contract/relief/schemas'
import { RELIEF_DOCUMENT_MAX_BYTES, RELIEF_DOCUMENT_MAX_LABEL } from '@contract/relief/labels'
import { ErrorCodes } from '@contract/errors'
import { route } from '../../http/route'
import { AppError, Errors } from '../../errors'
import { sniffDocument } from '../../files/sniff'
import { ensureAidTypes } from './aid-types'

export const reliefRoutes: FastifyPluginAsync = async (app) => {
  const service = app.services.relief
  const aidTypes = app.services.aidTypes
  await ensureAidTypes(app.deps.db)

  route(app, reliefApi.types, schemas.types, { auth: 'required' }, async ({ user }) => ({ items: await aidTypes.types(user) }))
  // relief.manage somewhere here; over the type's OWNING union in the service.
  route(app, reliefApi.updateType, schemas.updateType, { auth: 'required', permission: 'relief.manage' }, async ({ user, params, body }) =>
    aidTypes.update(user, params.key, body),
  )
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
    async ({ user, request }) => {
      if (!request.isMultipart()) {
        throw new AppError(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, '请以 multipart/form-data 上传材料')
      }
      const tooBig = () => new AppError(413, ErrorCodes.PAYLOAD_TOO_LARGE, `单个文件不能超过 ${RELIEF_DOCUMENT_MAX_LABEL}`)
      let bytes: Buffer
      try {
        const part = await request.file({ limits: { fileSize: RELIEF_DOCUMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 } })
        if (!part || part.fieldname !== 'file') throw Errors.validation({ file: '请选择要上传的材料' })
        bytes = await part.toBuffer()
        // The size error can race the last chunk (the buffer then ends at the limit): check the stream's own flag too.
        if (part.file.truncated) throw tooBig()
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooBig()
        if ((err as { statusCode?: number }).statusCode === 413) throw tooBig()
        throw err
      }
      if (bytes.length === 0) throw Errors.validation({ file: '文件内容为空' })
      const mime = sniffDocument(bytes)
      if (!mime) throw new AppError(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, '只支持照片（JPG、PNG、WebP）或 PDF 文件')
      return service.upload(user, { mime, bytes })
    },
  )

  route(app, reliefApi.reviewQueue, schemas.reviewQueue, { auth: 'required' }, async ({ user, query }) => service.queue(user, query))
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

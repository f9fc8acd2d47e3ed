/** 工会组织: parse, call the use case, reply (who may call: server/src/access.ts). */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { unionsApi } from '@contract/unions/api'
import { UNION_IMPORT_MAX_BYTES } from '@contract/unions/labels'
import { UnionReasons } from '@contract/unions/reasons'
import * as schemas from '@contract/unions/schemas'
import { route } from '../../http/route'
import { readUpload } from '../../http/upload'

const unionFile = (request: FastifyRequest) =>
  readUpload(request, UNION_IMPORT_MAX_BYTES, {
    notMultipart: UnionReasons.UNION_IMPORT_NOT_MULTIPART,
    missing: UnionReasons.UNION_IMPORT_FILE_MISSING,
    empty: UnionReasons.UNION_IMPORT_FILE_EMPTY,
    tooLarge: UnionReasons.UNION_IMPORT_FILE_TOO_LARGE,
  })

export const unionRoutes: FastifyPluginAsync = async (app) => {
  const { tree, manage, imports } = app.services.unions
  const auth = { auth: 'required' } as const
  const upload = { auth: 'required', bodyLimit: UNION_IMPORT_MAX_BYTES + 256 * 1024, rateLimit: { max: 20 } } as const

  route(app, unionsApi.list, schemas.list, auth, async ({ user, query }) => tree.list(user, query))
  route(app, unionsApi.detail, schemas.detail, auth, async ({ user, params }) => tree.detail(user, params.id))
  route(app, unionsApi.create, schemas.create, auth, async ({ user, body }) => manage.create(user, body))
  route(app, unionsApi.update, schemas.update, auth, async ({ user, params, body }) => manage.update(user, params.id, body))
  route(app, unionsApi.move, schemas.move, auth, async ({ user, params, body }) => manage.move(user, params.id, body.parentId))
  route(app, unionsApi.close, schemas.close, auth, async ({ user, params, body }) => manage.close(user, params.id, body.reason))
  route(app, unionsApi.reopen, schemas.reopen, auth, async ({ user, params }) => manage.reopen(user, params.id))
  route(app, unionsApi.importDryRun, schemas.importDryRun, upload, async ({ user, request }) => imports.dryRun(user, await unionFile(request)))
  route(app, unionsApi.importCommit, schemas.importCommit, upload, async ({ user, request }) => imports.commit(user, await unionFile(request)))
}

/** GET /api/files/:id?exp&sig — a stored file through its short-lived signed URL (any instance, any backend). */
import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { filesApi } from '@contract/files/api'
import { FileParams, FileQuery } from '@contract/files/schemas'
import { FileReasons } from '@contract/files/reasons'
import { refuse } from '../../errors'
import { guardedRoute } from '../../http/route'

export const fileRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>()
  const { files, db } = app.deps

  app.route({
    ...guardedRoute(fastify, filesApi.download),
    schema: { params: FileParams, querystring: FileQuery },
    handler: async (request, reply) => {
      const { id } = request.params
      const { exp, sig } = request.query
      if (!files.verify(id, exp, sig)) throw refuse(FileReasons.FILE_LINK_EXPIRED)
      const row = await files.find(db, id)
      if (!row) throw refuse(FileReasons.FILE_NOT_FOUND)
      const bytes = await files.read(db, row)
      if (!bytes) throw refuse(FileReasons.FILE_NOT_FOUND)
      const maxAge = Math.max(0, exp - Math.floor(app.deps.now() / 1000))
      return reply
        .header('content-type', row.mime)
        .header('content-length', String(bytes.length))
        .header('cache-control', `private, max-age=${maxAge}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .send(bytes)
    },
  })
}

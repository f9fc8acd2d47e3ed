/** 内容审核: parse, call, reply (who may call: server/src/access.ts). */
import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { moderationApi } from '@contract/moderation/api'
import * as schemas from '@contract/moderation/schemas'
import { guardedRoute, route } from '../../http/route'
import { attachModerationLog } from './log'

export const moderationRoutes: FastifyPluginAsync = async (fastify) => {
  attachModerationLog(fastify.deps, fastify.log)
  const service = fastify.services.moderation
  const signedIn = { auth: 'required' } as const

  route(fastify, moderationApi.list, schemas.list, signedIn, async ({ user, query }) => service.list(user, query))
  route(fastify, moderationApi.approve, schemas.approve, signedIn, async ({ user, params }) => service.approve(user, params.id))
  route(fastify, moderationApi.reject, schemas.reject, signedIn, async ({ user, params, body }) => service.reject(user, params.id, body.note || null))

  // WeChat's message push and its URL check answer text, as WeChat expects ("success" / the echostr).
  const app = fastify.withTypeProvider<ZodTypeProvider>()
  app.route({
    ...guardedRoute(fastify, moderationApi.push),
    schema: { querystring: schemas.PushQuery },
    config: { rateLimit: { max: 600, timeWindow: 60_000 } },
    handler: async (request, reply) => {
      await service.push(request.query, request.body)
      return reply.header('content-type', 'text/plain; charset=utf-8').send('success')
    },
  })
  app.route({
    ...guardedRoute(fastify, moderationApi.pushVerify),
    schema: { querystring: schemas.PushVerifyQuery },
    handler: async (request, reply) => reply.header('content-type', 'text/plain; charset=utf-8').send(service.verifyPush(request.query)),
  })
}

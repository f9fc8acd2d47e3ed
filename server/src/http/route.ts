/**
 * Registers a contract endpoint: method + path from the shared table, validation and serialisation
 * from the endpoint's zod schema group, auth and rate limit from the options.
 *
 *   route(app, authApi.updateProfile, schemas.updateProfile, { auth: 'required' }, async ({ body, user }) => …)
 *
 * The schema group must be exactly the one the endpoint was declared with (a mismatch fails typecheck),
 * and the handler must return the endpoint's response type.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify'
import type { z } from 'zod'
import type { Endpoint, EndpointSchemas } from '@contract/endpoint'
import type { AuthUser, TokenUser } from '../auth/sessions'
import { authorize, type Permission } from '../auth/policy'
import { Errors } from '../errors'
import { rateLimitKeys } from './client-address'

/**
 * 'required' / 'optional': the session is read from the database before the handler (AuthUser).
 * 'token': only the token's signature and expiry are checked here (TokenUser); the service checks the session row in
 * its own statement — for the one hot path where a second round trip per request matters (the voucher claim).
 */
export type AuthRequirement = 'required' | 'optional' | 'token' | 'none'

type Out<T> = T extends z.ZodType ? z.output<T> : undefined
type UserFor<A extends AuthRequirement> = A extends 'required'
  ? AuthUser
  : A extends 'optional'
    ? AuthUser | null
    : A extends 'token'
      ? TokenUser
      : null
/** `A` and `B` mutually assignable → `A`, else never. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? A : never) : never

export interface RouteOptions<A extends AuthRequirement> {
  auth: A
  /**
   * Per-route limit; default: the app-wide limit. Counted per session user (per client address without a valid
   * token), or per client address whatever the token with `by: 'address'` (login routes).
   */
  rateLimit?: { max: number; timeWindow?: number | string; by?: 'address' }
  /** Require this permission somewhere in the user's grants (org-scoped checks go in the service). */
  permission?: Permission
  bodyLimit?: number
}

export interface RouteContext<S extends EndpointSchemas, A extends AuthRequirement> {
  body: Out<S['body']>
  query: Out<S['query']>
  params: Out<S['params']>
  user: UserFor<A>
  request: FastifyRequest
  reply: FastifyReply
}

export function route<S extends EndpointSchemas, G extends EndpointSchemas, A extends AuthRequirement>(
  app: FastifyInstance,
  endpoint: Endpoint<S>,
  schemas: G & Same<G, S>,
  options: RouteOptions<A>,
  handler: (ctx: RouteContext<S, A>) => Promise<z.output<S['response']>>,
): void {
  const group = schemas as EndpointSchemas
  const config: Record<string, unknown> = {}
  if (options.rateLimit) {
    config.rateLimit = {
      max: options.rateLimit.max,
      timeWindow: options.rateLimit.timeWindow ?? 60_000,
      ...(options.rateLimit.by === 'address' ? { keyGenerator: rateLimitKeys(app.deps.clientAddress, app.deps.sessions).byAddress } : {}),
    }
  }

  const shorthand: RouteShorthandOptions = {
    schema: {
      ...(group.params ? { params: group.params } : {}),
      ...(group.query ? { querystring: group.query } : {}),
      ...(group.body ? { body: group.body } : {}),
      response: { 200: group.response },
    },
    config,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
  }
  if (options.auth === 'token') {
    if (options.permission) throw new Error(`${endpoint.path}: auth 'token' cannot check permissions (no grants are loaded)`)
    shorthand.preHandler = async (request) => {
      const tokenUser = app.deps.sessions.tokenUser(request)
      if (!tokenUser) throw Errors.unauthenticated()
      request.tokenUser = tokenUser
    }
  } else if (options.auth !== 'none') {
    shorthand.preHandler = async (request, reply) => {
      request.user = await app.deps.sessions.authenticate(request, reply)
      if (options.auth === 'required' && !request.user) throw Errors.unauthenticated()
      if (options.permission) authorize(request.user, options.permission)
    }
  }

  app.route({
    method: endpoint.method,
    url: endpoint.path,
    ...shorthand,
    handler: async (request, reply) =>
      handler({
        body: request.body as Out<S['body']>,
        query: request.query as Out<S['query']>,
        params: request.params as Out<S['params']>,
        user: (options.auth === 'token' ? request.tokenUser : (request.user ?? null)) as UserFor<A>,
        request,
        reply,
      }),
  })
}

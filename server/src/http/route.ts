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
import type { AuthUser, SessionRead, TokenUser } from '../auth/sessions'
import type { Permission } from '../auth/policy'
import { gateHooks, sessionOf } from './access'
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
  /**
   * The session step the handler's types assume. Who may call is the endpoint's rule in the access table
   * (server/src/access.ts); registration fails when this does not match the rule's session step.
   */
  auth: A
  /**
   * Per-route limit; default: the app-wide limit. Counted per session user (per client address without a valid
   * token), or per client address whatever the token with `by: 'address'` (login routes).
   */
  rateLimit?: { max: number; timeWindow?: number | string; by?: 'address' }
  /** Deprecated: the access table names the permission. Registration fails when the table's rule disagrees. */
  permission?: Permission
  bodyLimit?: number
}

/** With a `SessionRead`: the route's rows come from the session's statement (one round trip), as `ctx.rows`. */
export interface ReadRouteOptions<R> extends RouteOptions<'required'> {
  read: SessionRead<R>
}

export interface RouteContext<S extends EndpointSchemas, A extends AuthRequirement> {
  body: Out<S['body']>
  query: Out<S['query']>
  params: Out<S['params']>
  user: UserFor<A>
  request: FastifyRequest
  reply: FastifyReply
}

export function route<S extends EndpointSchemas, G extends EndpointSchemas, R>(
  app: FastifyInstance,
  endpoint: Endpoint<S>,
  schemas: G & Same<G, S>,
  options: ReadRouteOptions<R>,
  handler: (ctx: RouteContext<S, 'required'> & { rows: R[] }) => Promise<z.output<S['response']>>,
): void
export function route<S extends EndpointSchemas, G extends EndpointSchemas, A extends AuthRequirement>(
  app: FastifyInstance,
  endpoint: Endpoint<S>,
  schemas: G & Same<G, S>,
  options: RouteOptions<A>,
  handler: (ctx: RouteContext<S, A>) => Promise<z.output<S['response']>>,
): void
export function route(
  app: FastifyInstance,
  endpoint: Endpoint,
  schemas: EndpointSchemas,
  options: RouteOptions<AuthRequirement> & { read?: SessionRead<unknown> },
  handler: (ctx: never) => Promise<unknown>,
): void {
  const handle = handler as (ctx: RouteContext<EndpointSchemas, AuthRequirement> & { rows: unknown[] }) => Promise<unknown>
  const group = schemas
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
  const { access, name } = app.deps.access.get(endpoint)
  const session = sessionOf(access)
  const declared = options.auth === 'optional' ? 'required' : options.auth
  if (declared !== session) {
    throw new Error(`${name}: route declares auth '${options.auth}' but the access table's rule needs session '${session}'`)
  }
  if (options.permission) {
    const held = access.who === 'staff' || access.who === 'memberOrStaff' ? ([] as Permission[]).concat(access.permission) : []
    if (!held.includes(options.permission)) throw new Error(`${name}: route names ${options.permission}, the access table does not`)
  }
  Object.assign(shorthand, gateHooks(app.deps, access, options.read))
  app.deps.access.markRegistered(endpoint)

  app.route({
    method: endpoint.method,
    url: endpoint.path,
    ...shorthand,
    handler: async (request, reply) =>
      handle({
        body: request.body,
        query: request.query,
        params: request.params,
        user: (options.auth === 'token' ? request.tokenUser : (request.user ?? null)) as AuthUser,
        rows: request.sessionRows ?? [],
        request,
        reply,
      }),
  })
}

/**
 * For the few routes that are not JSON (a CSV export, a signed file): method, url and the access table's gate hooks
 * to spread into `app.route({...})`, so they are registered — and guarded — like every other endpoint.
 */
export function guardedRoute(app: FastifyInstance, endpoint: Endpoint) {
  const { access } = app.deps.access.get(endpoint)
  app.deps.access.markRegistered(endpoint)
  return { method: endpoint.method, url: endpoint.path, ...gateHooks(app.deps, access) }
}

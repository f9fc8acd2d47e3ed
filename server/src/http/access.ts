/**
 * Who may call an endpoint: the rule vocabulary of the one access table (`server/src/access.ts`) and the gate that
 * enforces a rule before the handler runs.
 *
 *   anyone            no session needed (health, login, signed file links)
 *   user              any logged-in user; the service reads only the caller's own records
 *   member            a logged-in member of a union (with `of`: of a union inside the target's org subtree)
 *   owner             the logged-in owner of the record the path names (anyone else: 404)
 *   staff             a permission over the target's org subtree (plus its venue / level where the policy binds them);
 *                     without a target: the permission held anywhere, lists then scoped by the service (scopesFor)
 *   memberOrStaff     either a member of a union inside the target's subtree or staff with the permission over it
 *
 * The gate runs in two steps: before validation (401 without a session, 403 without the permission anywhere or
 * without a membership) and after validation, when the target can be read from the parsed params / body (404 when
 * it does not exist, the rule's denial status when it lies outside the caller's reach). Services still ask the policy
 * for what only they know (a stage, a level, who decided before) — through the same policy functions.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Endpoint } from '@contract/endpoint'
import { ErrorCodes } from '@contract/errors'
import type { Db } from '../db'
import { can, inSubtree, type Grant, type Permission, type Principal, type Target } from '../auth/policy'
import type { AuthUser, SessionRead } from '../auth/sessions'
import { AppError, Errors, refuse } from '../errors'
import type { ReasonDef } from '@contract/reasons'
import type { AppDeps } from './deps'

/** The request as a resolver sees it: params, query and body already validated by the endpoint's schemas. */
export interface ResolveInput {
  params: unknown
  query: unknown
  body: unknown
  user: AuthUser
}

export type ResolvedTarget = Target & {
  ownerUserId?: number | null
  /** For records with several owners (a team's current members): any of them. */
  ownerUserIds?: readonly number[]
  /** The refusal to give when the caller's grants do not reach the target (default: 403 没有权限 or the rule's 404). */
  refusal?: () => AppError
}

/** Extra grants of a user for one rule (e.g. relief-only delegations as the roles they stand for). */
export interface ExtraGrants {
  readonly name: string
  load(db: Db, userId: number): Promise<Grant[]>
}

/** Finds the target of a request: its org (and venue / level), or its owner. Null → 404. */
export interface TargetResolver {
  /** What the target is, for the docs table (e.g. 'campaign', 'event', 'relief case'). */
  readonly name: string
  /** The 404 message when the target does not exist or is hidden from the caller (e.g. 活动不存在). */
  /** The 404 when the target does not exist or is hidden: a message, or the capability's reason (CAMPAIGN_NOT_FOUND …). */
  readonly notFound: string | ReasonDef<void>
  resolve(db: Db, input: ResolveInput, deps: AppDeps): Promise<ResolvedTarget | null>
}

export function resolver(
  name: string,
  notFound: string | ReasonDef<void>,
  resolve: (db: Db, input: ResolveInput, deps: AppDeps) => Promise<ResolvedTarget | null>,
): TargetResolver {
  return { name, notFound, resolve }
}

/** The path param `id` (validated as a number by the endpoint's schema). */
export const idParam = (input: ResolveInput): number => (input.params as { id: number }).id

export type Access =
  | { who: 'anyone'; note?: string }
  | { who: 'user'; session?: 'token'; note?: string }
  | { who: 'member'; of?: TargetResolver; message?: string; deny?: 403 | 404; session?: 'token'; note?: string }
  | { who: 'owner'; of: TargetResolver; note?: string }
  | {
      who: 'staff'
      permission: Permission | readonly Permission[]
      on?: TargetResolver
      deny?: 403 | 404
      /** Grants a capability keeps beside the roles (relief-only review delegations), counted for this rule only. */
      grantsFrom?: ExtraGrants
      /** The refusal for callers who hold the permission nowhere (default: 403 FORBIDDEN 没有权限执行此操作). */
      forbidden?: () => AppError
      note?: string
    }
  | { who: 'memberOrStaff'; permission: Permission | readonly Permission[]; of?: TargetResolver; message?: string; note?: string }

/** Constructors, so the table reads as a list of sentences. */
export const anyone = (note?: string): Access => ({ who: 'anyone', note })
export const user = (note?: string): Access => ({ who: 'user', note })
export const member = (
  options: { of?: TargetResolver; message?: string; deny?: 403 | 404; session?: 'token'; note?: string } = {},
): Access => ({
  who: 'member',
  ...options,
})
export const owner = (of: TargetResolver, note?: string): Access => ({ who: 'owner', of, note })
export const staff = (
  permission: Permission | readonly Permission[],
  on?: TargetResolver,
  options: { deny?: 403 | 404; grantsFrom?: ExtraGrants; forbidden?: () => AppError; note?: string } = {},
): Access => ({ who: 'staff', permission, on, ...options })
export const memberOrStaff = (
  permission: Permission | readonly Permission[],
  of?: TargetResolver,
  options: { message?: string; note?: string } = {},
): Access => ({ who: 'memberOrStaff', permission, of, ...options })

/** The session step the route must run before the gate: none, the full session read, or the token only. */
export function sessionOf(access: Access): 'none' | 'required' | 'token' {
  if (access.who === 'anyone') return 'none'
  if ((access.who === 'user' || access.who === 'member') && access.session === 'token') return 'token'
  return 'required'
}

const permissionsOf = (p: Permission | readonly Permission[]): readonly Permission[] =>
  typeof p === 'string' ? [p as Permission] : (p as readonly Permission[])

export function isMember(principal: Principal): boolean {
  return principal.grants.some((g) => g.role === 'member')
}

/** Member of a union inside the subtree rooted at `orgPath` (a district campaign reaches its grassroots members). */
export function isMemberWithin(principal: Principal, orgPath: string): boolean {
  return principal.grants.some((g) => g.role === 'member' && inSubtree(orgPath, g.orgPath))
}

const notMember = (message?: string, status: 403 | 404 = 403) =>
  new AppError(status, ErrorCodes.NOT_MEMBER, message ?? '请先申请入会，成为工会会员后再使用')

function notFoundOf(r: TargetResolver): AppError {
  return typeof r.notFound === 'string' ? Errors.notFound(r.notFound) : refuse(r.notFound)
}

/** The principal a rule judges: the session's grants, plus the rule's extra grants (relief delegations) if any. */
async function principalFor(access: Access, user: AuthUser, deps: AppDeps): Promise<Principal> {
  if (access.who !== 'staff' || !access.grantsFrom) return user
  const extra = await access.grantsFrom.load(deps.db, user.userId)
  return extra.length === 0 ? user : { userId: user.userId, grants: [...user.grants, ...extra] }
}

/** Step 1, before validation: who the caller is and what they hold anywhere. */
export async function checkHolder(access: Access, user: AuthUser | null, deps: AppDeps): Promise<Principal | null> {
  if (access.who === 'anyone') return null
  if ((access.who === 'user' || access.who === 'member') && access.session === 'token') return null
  if (!user) throw Errors.unauthenticated()
  const principal = await principalFor(access, user, deps)
  switch (access.who) {
    case 'member':
      if (!isMember(principal)) throw notMember(access.message, access.deny)
      break
    case 'staff':
      if (!permissionsOf(access.permission).some((p) => can(principal, p))) throw access.forbidden?.() ?? Errors.forbidden()
      break
    case 'memberOrStaff':
      if (!isMember(principal) && !permissionsOf(access.permission).some((p) => can(principal, p))) {
        throw access.of ? notFoundOf(access.of) : notMember(access.message)
      }
      break
  }
  return principal
}

/** Step 2, after validation: the target, when the rule names one. */
export async function checkTarget(access: Access, input: ResolveInput, deps: AppDeps, judged?: Principal): Promise<void> {
  if (access.who === 'anyone' || access.who === 'user') return
  const principal: Principal = judged ?? input.user
  const resolver = access.who === 'staff' ? access.on : access.of
  if (!resolver) return
  const hidden = () => notFoundOf(resolver)
  const target = await resolver.resolve(deps.db, input, deps)
  if (!target) throw hidden()
  switch (access.who) {
    case 'owner':
      if (target.ownerUserId !== principal.userId && !target.ownerUserIds?.includes(principal.userId)) throw hidden()
      return
    case 'member':
      if (!isMemberWithin(principal, target.orgPath)) throw hidden()
      return
    case 'staff':
      if (!permissionsOf(access.permission).some((p) => can(principal, p, target))) {
        throw target.refusal?.() ?? (access.deny === 404 ? hidden() : Errors.forbidden())
      }
      return
    case 'memberOrStaff':
      if (isMemberWithin(principal, target.orgPath)) return
      if (permissionsOf(access.permission).some((p) => can(principal, p, target))) return
      throw hidden()
  }
}

/** The one table: endpoint → rule. Built once (server/src/access.ts); read by route registration. */
export class AccessTable {
  private readonly rules = new Map<Endpoint, { name: string; access: Access }>()
  private readonly registered = new Set<Endpoint>()

  /** `group` is the capability's endpoint table (e.g. vouchersApi); every endpoint in it must get a rule. */
  add<T extends Record<string, Endpoint>>(capability: string, group: T, rules: { [K in keyof T]: Access }): this {
    for (const key of Object.keys(group)) {
      const access = rules[key as keyof T]
      if (!access) throw new Error(`access table: ${capability}.${key} has no rule`)
      this.rules.set(group[key], { name: `${capability}.${key}`, access })
    }
    return this
  }

  get(endpoint: Endpoint): { name: string; access: Access } {
    const entry = this.rules.get(endpoint)
    if (!entry) throw new Error(`access table: no rule for ${endpoint.method} ${endpoint.path}`)
    return entry
  }

  markRegistered(endpoint: Endpoint): void {
    this.registered.add(endpoint)
  }

  /** Rules whose endpoint no plugin registered: the app refuses to start with any (see buildApp). */
  unregistered(): string[] {
    return [...this.rules].filter(([e]) => !this.registered.has(e)).map(([, { name }]) => name)
  }

  entries(): { name: string; endpoint: Endpoint; access: Access }[] {
    return [...this.rules].map(([endpoint, { name, access }]) => ({ name, endpoint, access }))
  }
}

/**
 * Fastify hooks that enforce `access` for a route: the session step (`required` / `token`), then checkHolder
 * (preValidation), then checkTarget (preHandler, with the validated params/body). With `read`, the session step
 * also reads the route's own rows in the session's statement (`SessionRead`); they reach the handler only through
 * these same checks.
 */
export function gateHooks(deps: AppDeps, access: Access, read?: SessionRead<unknown>) {
  const session = sessionOf(access)
  if (read && session !== 'required') throw new Error(`a read with the session (${read.name}) needs a rule that reads the session`)
  const judged = new WeakMap<FastifyRequest, Principal | null>()
  return {
    preValidation: async (request: FastifyRequest, reply: FastifyReply) => {
      if (session === 'required' && read) {
        // The session and the route's rows in one statement; the rule below judges the user exactly as without.
        const both = await deps.sessions.authenticateWith(request, reply, read)
        request.user = both?.user ?? null
        request.sessionRows = both?.rows
      } else if (session === 'required') {
        request.user = await deps.sessions.authenticate(request, reply)
      } else if (session === 'token') {
        const tokenUser = deps.sessions.tokenUser(request)
        if (!tokenUser) throw Errors.unauthenticated()
        request.tokenUser = tokenUser
      }
      judged.set(request, await checkHolder(access, request.user, deps))
    },
    preHandler: async (request: FastifyRequest) => {
      if (session !== 'required' || !request.user) return
      const input = { params: request.params, query: request.query, body: request.body, user: request.user }
      await checkTarget(access, input, deps, judged.get(request) ?? undefined)
    },
  }
}

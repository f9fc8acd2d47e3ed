/**
 * Where the request being handled came from, for the audit log (issue 16: 审计日志 says "from where"): the client
 * address (as TRUST_PROXY / CLIENT_IP_HEADER let us know it), its User-Agent and the session's kind. Carried by an
 * AsyncLocalStorage entered just before every handler runs, so `audit(tx, …)` needs no request argument; background
 * jobs run outside any request and write none.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ClientAddress } from './client-address'

export interface RequestOrigin {
  ip: string | null
  userAgent: string | null
  channel: 'app' | 'console' | null
}

/** A User-Agent is kept to this many characters. */
export const USER_AGENT_MAX = 300

const store = new AsyncLocalStorage<{ request: FastifyRequest; clientAddress: ClientAddress }>()

/** The origin of the request whose handler is running now; null outside one (a job, a script, a test's direct call). */
export function requestOrigin(): RequestOrigin | null {
  const current = store.getStore()
  if (!current) return null
  const { request, clientAddress } = current
  const ua = request.headers['user-agent']
  const user = request.user as { sessionKind?: 'app' | 'console' } | null
  return {
    ip: clientAddress.of(request) || null,
    userAgent: typeof ua === 'string' && ua ? ua.slice(0, USER_AGENT_MAX) : null,
    channel: user?.sessionKind ?? null,
  }
}

/**
 * Enters the request's store in the last step before the handler (preHandler runs after the gate's hooks and body
 * parsing, whose stream events would lose an earlier store); the handler is called inside `done`, so it and every
 * await under it see the store.
 */
export function registerRequestOrigin(app: FastifyInstance, clientAddress: ClientAddress): void {
  app.addHook('preHandler', (request, _reply, done) => {
    store.run({ request, clientAddress }, done)
  })
}

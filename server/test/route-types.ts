/**
 * Compile-time checks of the route helper (checked by `npm run typecheck`, never executed):
 * the schema group must be the endpoint's own, and the handler must return its response type.
 */
import type { FastifyInstance } from 'fastify'
import { authApi } from '@contract/auth/api'
import * as schemas from '@contract/auth/schemas'
import { route } from '../src/http/route'

export function routeTypeChecks(app: FastifyInstance): void {
  // OK: matching endpoint and schemas; body and user are typed.
  route(app, authApi.updateProfile, schemas.updateProfile, { auth: 'required' }, async ({ body, user }) => {
    const nickname: string | undefined = body.nickname
    return { id: user.userId, nickname: nickname ?? '', avatarUrl: null, roles: [] }
  })

  // @ts-expect-error — schema group of another endpoint
  route(app, authApi.devLogin, schemas.wechatLogin, { auth: 'none' }, async () => {
    throw new Error('unreachable')
  })

  // @ts-expect-error — a superset schema group (extra body) is not the endpoint's group either
  route(app, authApi.cloudLogin, schemas.devLogin, { auth: 'none' }, async () => {
    throw new Error('unreachable')
  })

  // @ts-expect-error — wrong response type
  route(app, authApi.logout, schemas.logout, { auth: 'required' }, async () => ({ ok: false }))

  route(app, authApi.me, schemas.me, { auth: 'optional' }, async ({ user }) => {
    // @ts-expect-error — user may be null with auth 'optional'
    const id: number = user.userId
    return { id, nickname: '', avatarUrl: null, roles: [] }
  })
}

/** Staff roles by invitation: parse, call the use case, reply (who may call: server/src/access.ts). */
import type { FastifyPluginAsync } from 'fastify'
import { staffApi } from '@contract/staff/api'
import * as schemas from '@contract/staff/schemas'
import { route } from '../../http/route'

export const staffRoutes: FastifyPluginAsync = async (app) => {
  const { invitations, redeem, roles, unions } = app.services.staff
  const auth = { auth: 'required' } as const
  const ok = { ok: true as const }

  route(app, staffApi.createInvitation, schemas.createInvitation, auth, async ({ user, body }) => invitations.create(user, body))
  route(app, staffApi.invitations, schemas.invitations, auth, async ({ user, query }) => invitations.list(user, query))
  route(app, staffApi.revokeInvitation, schemas.revokeInvitation, auth, async ({ user, params }) => {
    await invitations.revoke(user, params.id)
    return ok
  })
  route(app, staffApi.preview, schemas.preview, auth, async ({ user, body }) => redeem.preview(user, body.code))
  route(app, staffApi.accept, schemas.accept, auth, async ({ user, body }) => redeem.accept(user, body.code))
  route(app, staffApi.roles, schemas.roles, auth, async ({ user, query }) => roles.list(user, query))
  route(app, staffApi.unions, schemas.unions, auth, async ({ user, query }) => unions.list(user, query))
  route(app, staffApi.revokeRole, schemas.revokeRole, auth, async ({ user, body }) => {
    await roles.revoke(user, body)
    return ok
  })
}

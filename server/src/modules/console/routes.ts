/** 扫码登录 and 退出电脑登录: parse, authorize (the access table), call the service, reply. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { consoleApi } from '@contract/console/api'
import * as schemas from '@contract/console/schemas'
import { AuthReasons } from '@contract/auth/reasons'
import { route } from '../../http/route'
import { refuse } from '../../errors'
import { describePlace } from './place'

export const consoleRoutes: FastifyPluginAsync = async (app) => {
  const { config, clientAddress } = app.deps
  const service = app.services.console
  // Anonymous and counted per client address whatever the token (like the logins): nobody is logged in yet.
  const perAddress = { max: config.rateLimit.authPerMinute, timeWindow: 60_000, by: 'address' as const }
  /** Where the console is served, for the QR's link: PUBLIC_URL, else the origin the console was loaded from. */
  const originOf = (request: FastifyRequest) => config.publicUrl ?? `${clientAddress.protocol(request)}://${request.host}`

  route(app, consoleApi.createTicket, schemas.createTicket, { auth: 'none', rateLimit: perAddress }, async ({ request }) =>
    service.createTicket(originOf(request), describePlace(request.headers['user-agent'], clientAddress.of(request))),
  )
  route(app, consoleApi.pollTicket, schemas.pollTicket, { auth: 'none' }, async ({ params, body }) => service.poll(params.ticket, body.secret))
  route(app, consoleApi.viewTicket, schemas.viewTicket, { auth: 'required' }, async ({ user, params }) => service.view(user, params.ticket))
  route(app, consoleApi.confirmTicket, schemas.confirmTicket, { auth: 'required', rateLimit: { max: 20 } }, async ({ user, params }) => {
    await service.confirm(user, params.ticket)
    return { ok: true as const }
  })
  route(app, consoleApi.cancelTicket, schemas.cancelTicket, { auth: 'required' }, async ({ user, params }) => {
    await service.cancel(user, params.ticket)
    return { ok: true as const }
  })
  route(app, consoleApi.mySessions, schemas.mySessions, { auth: 'required' }, async ({ user }) => service.mySessions(user))
  route(app, consoleApi.logoutConsoles, schemas.logoutConsoles, { auth: 'required' }, async ({ user }) => service.logoutConsoles(user))
  route(app, consoleApi.devLogin, schemas.devLogin, { auth: 'none', rateLimit: perAddress }, async ({ body }) => {
    if (config.authMode !== 'dev') throw refuse(AuthReasons.LOGIN_MODE_DISABLED)
    return service.devLogin(body.persona)
  })
}

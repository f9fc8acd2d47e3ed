import type { FastifyPluginAsync } from 'fastify'
import { sql } from 'drizzle-orm'
import { systemApi } from '@contract/system/api'
import * as schemas from '@contract/system/schemas'
import { route } from '../../http/route'
import { SystemReasons } from '@contract/system/reasons'
import { refuse } from '../../errors'

export const systemRoutes: FastifyPluginAsync = async (app) => {
  route(app, systemApi.health, schemas.health, { auth: 'none' }, async ({ request }) => {
    try {
      await app.deps.db.execute(sql`select 1`)
    } catch (err) {
      request.log.error({ err }, 'health: database unreachable')
      throw refuse(SystemReasons.DATABASE_UNAVAILABLE)
    }
    return {
      status: 'ok' as const,
      database: app.deps.dbKind,
      version: app.deps.version,
      time: new Date(app.deps.now()).toISOString(),
    }
  })
}

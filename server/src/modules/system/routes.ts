import type { FastifyPluginAsync } from 'fastify'
import { sql } from 'drizzle-orm'
import { systemApi } from '@contract/system/api'
import * as schemas from '@contract/system/schemas'
import { route } from '../../http/route'
import { SystemReasons } from '@contract/system/reasons'
import { refuse } from '../../errors'
import { migrationStatus, type MigrationStatus } from '../../db/migrations'

/**
 * GET /api/health is the readiness answer a load balancer (Cloud Hosting, the Dockerfile's HEALTHCHECK) acts on:
 * 200 only when the database answers and has every migration of server/migrations/; 503 with a reason otherwise.
 */
export const systemRoutes: FastifyPluginAsync = async (app) => {
  route(app, systemApi.health, schemas.health, { auth: 'none' }, async ({ request }) => {
    let migrations: MigrationStatus
    try {
      await app.deps.db.execute(sql`select 1`)
      migrations = await migrationStatus(app.deps.db)
    } catch (err) {
      request.log.error({ err }, 'health: database unreachable')
      throw refuse(SystemReasons.DATABASE_UNAVAILABLE)
    }
    if (migrations.missing.length > 0) {
      request.log.error({ missing: migrations.missing }, 'health: migrations not applied')
      throw refuse(SystemReasons.MIGRATIONS_PENDING)
    }
    return {
      status: 'ok' as const,
      database: app.deps.dbKind,
      version: app.deps.version,
      time: new Date(app.deps.now()).toISOString(),
      migrations: { applied: migrations.applied, expected: migrations.expected },
    }
  })
}

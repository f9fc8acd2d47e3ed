/**
 * 我的申请: every application of the caller, of every capability, in one list. Each capability produces its own
 * items (membership/applications.ts, events/applications.ts, relief's service, legal/my-applications.ts); this module
 * only merges them. Read in ONE statement with the session (SessionRead): each capability gives its rows as a json
 * column (its `…ApplicationsJson`) and maps them back (`…FromJson`, then its items function) — the join timeline in
 * the same json; only a capability whose rows need more (relief's types and rounds, legal's thread) reads again.
 */
import type { FastifyPluginAsync } from 'fastify'
import { sql } from 'drizzle-orm'
import { applicationsApi } from '@contract/applications/api'
import * as schemas from '@contract/applications/schemas'
import { route } from '../../http/route'
import { sessionColumns, sessionUserId, type SessionRead } from '../../auth/sessions'
import { membershipApplicationItems, membershipApplicationsFromJson, membershipApplicationsJson } from '../membership'
import { eventApplicationItems, eventApplicationsFromJson, eventApplicationsJson } from '../events'
import { legalApplicationItems, legalApplicationsFromJson, legalApplicationsJson } from '../legal'
import { reliefApplicationsFromJson, reliefApplicationsJson } from '../relief'

/** The session and each capability's applications of its user, one json column each. */
const applicationsWithSession: SessionRead<{ membership: unknown; events: unknown; relief: unknown; legal: unknown }> = {
  name: 'applications_mine_with_session',
  build: (d, s, name) => {
    const userId = sessionUserId
    return d
      .with(s)
      .select({
        auth: sessionColumns(s),
        membership: sql<unknown>`${membershipApplicationsJson(userId)}`,
        events: sql<unknown>`${eventApplicationsJson(userId)}`,
        relief: sql<unknown>`${reliefApplicationsJson(userId)}`,
        legal: sql<unknown>`${legalApplicationsJson(userId)}`,
      })
      .from(s)
      .prepare(name)
  },
}

export const applicationRoutes: FastifyPluginAsync = async (app) => {
  const relief = app.services.relief

  route(app, applicationsApi.mine, schemas.mine, { auth: 'required', read: applicationsWithSession }, async ({ user, rows: [row] }) => {
    const { db, now } = app.deps
    // Follow-up reads (relief, legal), if any, each on its own pool connection at the same time; no transaction.
    const parts = await Promise.all([
      membershipApplicationItems(db, user.userId, membershipApplicationsFromJson(row.membership)),
      eventApplicationItems(db, user.userId, now(), eventApplicationsFromJson(row.events)),
      relief.applicationItemsFor(db, user.userId, reliefApplicationsFromJson(row.relief)),
      legalApplicationItems(db, user.userId, legalApplicationsFromJson(row.legal)),
    ])
    return { items: parts.flat().sort((x, y) => y.updatedAt.localeCompare(x.updatedAt) || y.id - x.id) }
  })
}

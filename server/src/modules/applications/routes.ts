/**
 * 我的申请: every application of the caller, of every capability, in one list. Each capability produces its own
 * items (membership/applications.ts, events/applications.ts, relief's service); this module only merges them.
 */
import type { FastifyPluginAsync } from 'fastify'
import { applicationsApi } from '@contract/applications/api'
import * as schemas from '@contract/applications/schemas'
import { route } from '../../http/route'
import { membershipApplicationItems } from '../membership'
import { eventApplicationItems } from '../events'
import { legalApplicationItems } from '../legal'

export const applicationRoutes: FastifyPluginAsync = async (app) => {
  const relief = app.services.relief

  route(app, applicationsApi.mine, schemas.mine, { auth: 'required' }, async ({ user }) => {
    const { db, now } = app.deps
    // Reads only, so no transaction (it cost a BEGIN and a COMMIT, two round trips, and under READ COMMITTED gave the
    // reads no common snapshot): each capability's read goes on its own pool connection, at the same time.
    const parts = await Promise.all([
      membershipApplicationItems(db, user.userId),
      eventApplicationItems(db, user.userId, now()),
      relief.applicationItemsFor(db, user.userId),
      legalApplicationItems(db, user.userId),
    ])
    return { items: parts.flat().sort((x, y) => y.updatedAt.localeCompare(x.updatedAt) || y.id - x.id) }
  })
}

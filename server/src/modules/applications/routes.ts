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
    // One connection for the three reads.
    const items = await db.transaction(async (tx) => [
      ...(await membershipApplicationItems(tx, user.userId)),
      ...(await eventApplicationItems(tx, user.userId, now())),
      ...(await relief.applicationItemsFor(tx, user.userId)),
      ...(await legalApplicationItems(tx, user.userId)),
    ])
    return { items: items.sort((x, y) => y.updatedAt.localeCompare(x.updatedAt) || y.id - x.id) }
  })
}

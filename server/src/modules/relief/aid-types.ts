/**
 * The aid types are reference data, not demo data: every database gets the six seeded ones (contract/relief/defaults.ts)
 * when they are missing — on server start (relief routes) and in the demo seed. Existing rows are never overwritten,
 * so an admin's changes (PUT /api/relief/types/:key) survive restarts.
 */
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import type { DbOrTx } from '../../db'
import { reliefAidTypes } from '../../db/schema'

export async function ensureAidTypes(db: DbOrTx): Promise<void> {
  await db
    .insert(reliefAidTypes)
    .values(Object.entries(DEFAULT_AID_TYPES).map(([key, config], i) => ({ key, config, sortOrder: i })))
    .onConflictDoNothing()
}

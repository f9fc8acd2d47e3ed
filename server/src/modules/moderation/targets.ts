/** What the moderation rules are about (server/src/access.ts): an item's union (staff with content.moderate over it). */
import { eq } from 'drizzle-orm'
import { ModerationReasons } from '@contract/moderation/reasons'
import { orgs } from '../../db/schema/core'
import { moderationItems } from '../../db/schema/moderation'
import { idParam, resolver } from '../../http/access'

/** A moderation item as its union's staff reach it; staff of another branch: 403. */
export const item = resolver('moderation item’s union', ModerationReasons.MODERATION_ITEM_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path })
    .from(moderationItems)
    .innerJoin(orgs, eq(orgs.id, moderationItems.orgId))
    .where(eq(moderationItems.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path } : null
})

/**
 * The member's list of merchant offers (工会卡优惠): active offers of the caller's unions, nearest first.
 *
 * An offer belongs to the union that published it and reaches that union's subtree: a member sees the offers of
 * their own union and of the unions above it, never a sibling branch's. Active = not taken down and today
 * (Asia/Shanghai) within [valid_from, valid_to]: expired offers disappear by themselves.
 */
import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { MerchantList } from '@contract/merchants/schemas'
import type { MerchantCategory } from '@contract/merchants/labels'
import { chinaDate } from '../../time'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { merchants } from '../../db/schema/merchants'
import type { AuthUser } from '../../auth/sessions'
import { Errors } from '../../errors'
import { BAD_CURSOR, decodeCursor, pageOf } from '../../db/paging'
import { memberOf } from '../membership'
import { distanceFrom } from './geo'
import { toMerchant } from './views'

type Origin = MerchantList['origin']

export class OfferListService {
  constructor(private readonly deps: AppDeps) {}

  /**
   * Active offers of the caller's unions (their own and those above them), nearest first: one page, keyset on
   * (distance, id). The first page's origin travels in the cursor, so a moving phone does not reshuffle the pages.
   */
  async list(
    user: AuthUser,
    query: { category?: MerchantCategory; lat?: number; lng?: number; cursor?: string; limit: number },
  ): Promise<MerchantList> {
    const after = decodeCursor(query.cursor, ['number', 'number', 'string', 'number', 'number'] as const)
    if (after && (Math.abs(after[0]) > 90 || Math.abs(after[1]) > 180 || (after[2] !== 'device' && after[2] !== 'union_city'))) {
      throw Errors.validation({ cursor: BAD_CURSOR })
    }
    return this.deps.db.transaction(async (tx) => {
      const today = chinaDate(this.deps.now())
      // The caller's unions: the membership's, and the unions where they hold a role.
      const memberPath = (await memberOf(tx, user.userId))?.orgPath ?? null
      const paths = [...(memberPath ? [memberPath] : []), ...user.grants.map((g) => g.orgPath)]
      const origin: Origin = after
        ? { lat: after[0], lng: after[1], source: after[2] as Origin['source'] }
        : query.lat !== undefined && query.lng !== undefined
          ? { lat: query.lat, lng: query.lng, source: 'device' }
          : { ...(await unionCityCentre(tx, paths[0] ?? null)), source: 'union_city' }
      const orgIds = reachingOrgIds(paths)
      if (orgIds.length === 0) return { items: [], origin, nextCursor: null }
      const distance = distanceFrom(origin)
      const rows = await tx
        .select({ m: merchants, d: distance })
        .from(merchants)
        .where(
          and(
            inArray(merchants.orgId, orgIds),
            isNull(merchants.takenDownAt),
            lte(merchants.validFrom, today),
            gte(merchants.validTo, today),
            query.category ? eq(merchants.category, query.category) : undefined,
            after ? sql`(${distance} > ${after[3]}::float8 or (${distance} = ${after[3]}::float8 and ${merchants.id} > ${after[4]}::integer))` : undefined,
          ),
        )
        .orderBy(distance, asc(merchants.id))
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (r) => [origin.lat, origin.lng, origin.source, Number(r.d), r.m.id])
      return { items: page.map((r) => toMerchant(r.m, Math.round(Number(r.d)))), origin, nextCursor }
    })
  }
}

/** The unions whose offers reach the caller: every union on the path from the top of the tree down to each of theirs. */
function reachingOrgIds(paths: readonly string[]): number[] {
  const ids = new Set<number>()
  for (const p of paths) for (const part of p.split('/').filter(Boolean)) ids.add(Number(part))
  return [...ids].filter((id) => Number.isSafeInteger(id))
}

/**
 * The caller's union city centre: the coordinates of the top of the caller's union tree (the district federation
 * of its city) — from the membership, else the first role grant, else the first district.
 */
async function unionCityCentre(tx: Tx, path: string | null): Promise<{ lat: number; lng: number }> {
  const rootId = path ? Number(path.split('/').filter(Boolean)[0]) : null
  const [c] = await tx
    .select({ lat: orgs.latitude, lng: orgs.longitude })
    .from(orgs)
    .where(rootId ? eq(orgs.id, rootId) : eq(orgs.kind, 'district'))
    .orderBy(asc(orgs.id))
    .limit(1)
  if (c && c.lat !== null && c.lng !== null) return { lat: c.lat, lng: c.lng }
  const [anyDistrict] = await tx
    .select({ lat: orgs.latitude, lng: orgs.longitude })
    .from(orgs)
    .where(eq(orgs.kind, 'district'))
    .orderBy(asc(orgs.id))
    .limit(1)
  if (anyDistrict && anyDistrict.lat !== null && anyDistrict.lng !== null) return { lat: anyDistrict.lat, lng: anyDistrict.lng }
  return { lat: 0, lng: 0 }
}

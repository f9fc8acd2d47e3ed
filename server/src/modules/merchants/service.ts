/**
 * Merchant offers for union members (工会卡优惠商户): a list of active offers sorted by distance, and
 * create / update / take down for admins within their org subtree.
 *
 * An offer belongs to the union that published it and reaches that union's subtree: a member sees the offers of
 * their own union and of the unions above it, never a sibling branch's. Admins manage the offers of the unions in
 * their subtree only (`merchants.manage` on the offer's org path).
 *
 * Active = not taken down and today (Asia/Shanghai) within [valid_from, valid_to]: expired offers
 * disappear by themselves. Both lists are keyset-paged.
 */
import { and, asc, desc, eq, gte, inArray, isNull, like, lte, or, sql } from 'drizzle-orm'
import type { ManagedMerchant, Merchant, MerchantInput, MerchantList } from '@contract/membership/schemas'
import type { MerchantCategory } from '@contract/membership/labels'
import { chinaDate } from '../../time'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { memberDirectory as memberships } from '../membership'
import { merchants, type MerchantRow } from '../../db/schema/merchants'
import { audit } from '../../audit'
import { authorize, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { Errors } from '../../errors'
import { BAD_CURSOR, decodeCursor, isIsoDate, pageOf } from '../../db/paging'


const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in metres. */
export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Today's date in China Standard Time, YYYY-MM-DD. */
export const chinaToday = chinaDate

export class MerchantService {
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
      const today = chinaToday(this.deps.now())
      const origin: MerchantList['origin'] = after
        ? { lat: after[0], lng: after[1], source: after[2] as 'device' | 'union_city' }
        : query.lat !== undefined && query.lng !== undefined
          ? { lat: query.lat, lng: query.lng, source: 'device' }
          : { ...(await this.unionCityCentre(tx, user)), source: 'union_city' }
      const orgIds = await this.reachingOrgIds(tx, user)
      if (orgIds.length === 0) return { items: [], origin, nextCursor: null }
      const distance = sql<number>`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
        power(sin(radians(${merchants.lat} - ${origin.lat}::float8) / 2), 2)
        + cos(radians(${origin.lat}::float8)) * cos(radians(${merchants.lat})) * power(sin(radians(${merchants.lng} - ${origin.lng}::float8) / 2), 2)))))`
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

  /**
   * The unions whose offers reach the caller: every union on the path from the top of the tree down to the
   * caller's own — the membership's union, and the unions where they hold a role. Nobody else's.
   */
  private async reachingOrgIds(tx: Tx, user: AuthUser): Promise<number[]> {
    const [m] = await tx
      .select({ path: orgs.path })
      .from(memberships)
      .innerJoin(orgs, eq(orgs.id, memberships.orgId))
      .where(eq(memberships.userId, user.userId))
    const paths = [...(m ? [m.path] : []), ...user.grants.map((g) => g.orgPath)]
    const ids = new Set<number>()
    for (const p of paths) for (const part of p.split('/').filter(Boolean)) ids.add(Number(part))
    return [...ids].filter((id) => Number.isSafeInteger(id))
  }

  /** Admin list: offers of the caller's unions (subtrees where they may manage merchants), not taken down; one page. */
  async listManaged(user: AuthUser, query: { cursor?: string; limit: number }): Promise<{ items: ManagedMerchant[]; nextCursor: string | null }> {
    const after = decodeCursor(query.cursor, ['string', 'number'] as const)
    if (after && !isIsoDate(after[0])) throw Errors.validation({ cursor: BAD_CURSOR })
    const scopes = scopesFor(user, 'merchants.manage')
    if (scopes.length === 0) return { items: [], nextCursor: null }
    const today = chinaToday(this.deps.now())
    const rows = await this.deps.db
      .select()
      .from(merchants)
      .where(
        and(
          isNull(merchants.takenDownAt),
          inArray(merchants.orgId, this.deps.db.select({ id: orgs.id }).from(orgs).where(or(...scopes.map((p) => like(orgs.path, `${p}%`))))),
          after ? sql`(${merchants.validTo} < ${after[0]}::date or (${merchants.validTo} = ${after[0]}::date and ${merchants.id} > ${after[1]}::integer))` : undefined,
        ),
      )
      .orderBy(desc(merchants.validTo), asc(merchants.id))
      .limit(query.limit + 1)
    const { page, nextCursor } = pageOf(rows, query.limit, (m) => [m.validTo, m.id])
    const items = page.map((m) => ({
      ...toMerchant(m, null),
      state: m.validTo < today ? ('expired' as const) : m.validFrom > today ? ('upcoming' as const) : ('active' as const),
    }))
    return { items, nextCursor }
  }

  /**
   * The caller's union city centre: the coordinates of the top of the caller's union tree (the district
   * federation of its city) — via the membership, else the first role grant, else the first district.
   */
  private async unionCityCentre(tx: Tx, user: AuthUser): Promise<{ lat: number; lng: number }> {
    const [m] = await tx
      .select({ path: orgs.path })
      .from(memberships)
      .innerJoin(orgs, eq(orgs.id, memberships.orgId))
      .where(eq(memberships.userId, user.userId))
    const path = m?.path ?? user.grants[0]?.orgPath ?? null
    const rootId = path ? Number(path.split('/').filter(Boolean)[0]) : null
    const candidates = await tx
      .select({ id: orgs.id, lat: orgs.latitude, lng: orgs.longitude })
      .from(orgs)
      .where(rootId ? eq(orgs.id, rootId) : eq(orgs.kind, 'district'))
      .orderBy(asc(orgs.id))
      .limit(1)
    const c = candidates[0]
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

  private async orgPath(tx: Tx, orgId: number): Promise<string> {
    const [org] = await tx.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId))
    if (!org) throw Errors.validation({ orgId: '所属工会不存在' })
    return org.path
  }

  async create(user: AuthUser, input: MerchantInput): Promise<Merchant> {
    return this.deps.db.transaction(async (tx) => {
      authorize(user, 'merchants.manage', await this.orgPath(tx, input.orgId))
      const now = new Date(this.deps.now())
      const [row] = await tx
        .insert(merchants)
        .values({ ...input, createdAt: now, updatedAt: now })
        .returning()
      await audit(tx, { actorUserId: user.userId, action: 'merchants.create', subjectType: 'merchant', subjectId: row.id, detail: { ...input } })
      return toMerchant(row, null)
    })
  }

  private async managed(tx: Tx, user: AuthUser, id: number): Promise<MerchantRow> {
    const [row] = await tx
      .select({ m: merchants, orgPath: orgs.path })
      .from(merchants)
      .innerJoin(orgs, eq(orgs.id, merchants.orgId))
      .where(eq(merchants.id, id))
      .for('update', { of: merchants })
    if (!row) throw Errors.notFound('商户不存在或已下架')
    // Outside the caller's subtree: 403, whether or not it is still up.
    authorize(user, 'merchants.manage', row.orgPath)
    if (row.m.takenDownAt) throw Errors.notFound('商户不存在或已下架')
    return row.m
  }

  async update(user: AuthUser, id: number, input: MerchantInput): Promise<Merchant> {
    return this.deps.db.transaction(async (tx) => {
      await this.managed(tx, user, id)
      authorize(user, 'merchants.manage', await this.orgPath(tx, input.orgId))
      const [row] = await tx
        .update(merchants)
        .set({ ...input, updatedAt: new Date(this.deps.now()) })
        .where(eq(merchants.id, id))
        .returning()
      await audit(tx, { actorUserId: user.userId, action: 'merchants.update', subjectType: 'merchant', subjectId: id, detail: { ...input } })
      return toMerchant(row, null)
    })
  }

  async takeDown(user: AuthUser, id: number): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      await this.managed(tx, user, id)
      const now = new Date(this.deps.now())
      await tx.update(merchants).set({ takenDownAt: now, updatedAt: now }).where(eq(merchants.id, id))
      await audit(tx, { actorUserId: user.userId, action: 'merchants.take_down', subjectType: 'merchant', subjectId: id })
    })
  }
}

function toMerchant(r: MerchantRow, distanceMeters: number | null): Merchant {
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    offer: r.offer,
    validFrom: r.validFrom,
    validTo: r.validTo,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    orgId: r.orgId,
    distanceMeters,
  }
}

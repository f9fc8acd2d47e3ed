/**
 * Managing merchant offers: the admin's list, create, update and take down (下架), for admins within their org
 * subtree only (`merchants.manage` on the offer's union — and, on a change, on the union it moves to). Each change
 * is audited in its transaction.
 */
import { and, asc, desc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm'
import type { ManagedMerchantList, Merchant, MerchantInput } from '@contract/merchants/schemas'
import { MerchantReasons } from '@contract/merchants/reasons'
import { chinaDate } from '../../time'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { merchants, type MerchantRow } from '../../db/schema/merchants'
import { audit } from '../../audit'
import { authorize, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { Errors, refuse, refuseAt } from '../../errors'
import { BAD_CURSOR, decodeCursor, isIsoDate, pageOf } from '../../db/paging'
import { toMerchant } from './views'

export class OfferAdminService {
  constructor(private readonly deps: AppDeps) {}

  /** Offers of the caller's unions (subtrees where they may manage merchants), not taken down; one page. */
  async list(user: AuthUser, query: { cursor?: string; limit: number }): Promise<ManagedMerchantList> {
    const after = decodeCursor(query.cursor, ['string', 'number'] as const)
    if (after && !isIsoDate(after[0])) throw Errors.validation({ cursor: BAD_CURSOR })
    const scopes = scopesFor(user, 'merchants.manage')
    if (scopes.length === 0) return { items: [], nextCursor: null }
    const today = chinaDate(this.deps.now())
    const { db } = this.deps
    const rows = await db
      .select()
      .from(merchants)
      .where(
        and(
          isNull(merchants.takenDownAt),
          inArray(merchants.orgId, db.select({ id: orgs.id }).from(orgs).where(or(...scopes.map((p) => like(orgs.path, `${p}%`))))),
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

  async create(user: AuthUser, input: MerchantInput): Promise<Merchant> {
    return this.deps.db.transaction(async (tx) => {
      authorize(user, 'merchants.manage', await orgPath(tx, input.orgId))
      const now = new Date(this.deps.now())
      const [row] = await tx
        .insert(merchants)
        .values({ ...input, createdAt: now, updatedAt: now })
        .returning()
      await audit(tx, { actorUserId: user.userId, action: 'merchants.create', subjectType: 'merchant', subjectId: row.id, detail: { ...input } })
      return toMerchant(row, null)
    })
  }

  async update(user: AuthUser, id: number, input: MerchantInput): Promise<Merchant> {
    return this.deps.db.transaction(async (tx) => {
      await managed(tx, user, id)
      authorize(user, 'merchants.manage', await orgPath(tx, input.orgId))
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
      await managed(tx, user, id)
      const now = new Date(this.deps.now())
      await tx.update(merchants).set({ takenDownAt: now, updatedAt: now }).where(eq(merchants.id, id))
      await audit(tx, { actorUserId: user.userId, action: 'merchants.take_down', subjectType: 'merchant', subjectId: id })
    })
  }
}

/** The path of the union an offer is (to be) published by; 400 beside `orgId` when there is no such union. */
async function orgPath(tx: Tx, orgId: number): Promise<string> {
  const [org] = await tx.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId))
  if (!org) throw refuseAt('orgId', MerchantReasons.MERCHANT_ORG_UNKNOWN)
  return org.path
}

/** The offer, locked, if the caller manages it and it is still up. */
async function managed(tx: Tx, user: AuthUser, id: number): Promise<MerchantRow> {
  const [row] = await tx
    .select({ m: merchants, orgPath: orgs.path })
    .from(merchants)
    .innerJoin(orgs, eq(orgs.id, merchants.orgId))
    .where(eq(merchants.id, id))
    .for('update', { of: merchants })
  if (!row) throw refuse(MerchantReasons.MERCHANT_NOT_FOUND)
  // Outside the caller's subtree: 403, whether or not it is still up.
  authorize(user, 'merchants.manage', row.orgPath)
  if (row.m.takenDownAt) throw refuse(MerchantReasons.MERCHANT_NOT_FOUND)
  return row.m
}

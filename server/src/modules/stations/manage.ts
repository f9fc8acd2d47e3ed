/**
 * Managing stations (admins, `stations.manage` over the station's union — and on a change over the union it moves
 * to): the list of the caller's subtree with usage figures (views, 打卡, reports, median time to resolve), create,
 * update. Each change audited in its transaction.
 */
import { and, asc, eq, gt, inArray, like, or, sql } from 'drizzle-orm'
import type { ManagedList, StationDetail, StationInput } from '@contract/stations/schemas'
import { StationInput as StationInputSchema } from '@contract/stations/schemas'
import { StationReasons } from '@contract/stations/reasons'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx, Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { stationReports, stations, stationVisits } from '../../db/schema/stations'
import type { AuthUser } from '../../auth/sessions'
import { authorize, inSubtree, scopesFor } from '../../auth/policy'
import { audit } from '../../audit'
import { Errors, refuse, refuseAt } from '../../errors'
import { decodeCursor, pageOf } from '../../db/paging'
import { stationDetail } from './listing'
import { ownPhoto } from './keeping'
import { openReportCounts, toSummary } from './views'

type Input = ReturnType<typeof StationInputSchema.parse>

export class StationAdminService {
  constructor(private readonly deps: AppDeps) {}

  /** The stations of the caller's subtrees (or of one union of them, `orgId`), by id, with usage figures. */
  async list(user: AuthUser, query: { orgId?: number; cursor?: string; limit: number }): Promise<ManagedList> {
    const after = decodeCursor(query.cursor, ['number'] as const)
    let scopes = scopesFor(user, 'stations.manage')
    const { db } = this.deps
    if (query.orgId !== undefined) {
      const [o] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, query.orgId))
      if (!o) throw refuseAt('orgId', StationReasons.STATION_ORG_UNKNOWN)
      if (!scopes.some((p) => inSubtree(p, o.path))) throw Errors.forbidden()
      scopes = [o.path]
    }
    if (scopes.length === 0) return { items: [], nextCursor: null }
    const rows = await db
      .select({ s: stations, orgName: orgs.name })
      .from(stations)
      .innerJoin(orgs, eq(orgs.id, stations.orgId))
      .where(and(or(...scopes.map((p) => like(orgs.path, `${p}%`))), after ? gt(stations.id, after[0]) : undefined))
      .orderBy(asc(stations.id))
      .limit(query.limit + 1)
    const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.s.id])
    const ids = page.map((r) => r.s.id)
    const usage = await usageOf(db, ids)
    const counts = await openReportCounts(db, ids)
    const now = this.deps.now()
    return {
      items: page.map((r) => ({
        ...toSummary(r.s, r.orgName, counts.get(r.s.id) ?? 0, null, now),
        orgId: r.s.orgId,
        usage: usage.get(r.s.id) ?? { views: 0, checkins: 0, reports: 0, medianResolveMinutes: null },
      })),
      nextCursor,
    }
  }

  async create(user: AuthUser, input: StationInput): Promise<StationDetail> {
    const v = StationInputSchema.parse(input)
    return this.deps.db.transaction(async (tx) => {
      await this.checkOrg(tx, user, v.orgId)
      for (const id of v.photoIds) await ownPhoto(this.deps, tx, user.userId, id, 'photoIds')
      const [row] = await tx.insert(stations).values(valuesOf(v)).returning({ id: stations.id })
      await audit(tx, { actorUserId: user.userId, action: 'stations.create', subjectType: 'station', subjectId: row.id, detail: { name: v.name, orgId: v.orgId } })
      return stationDetail(this.deps, tx, row.id)
    })
  }

  async update(user: AuthUser, id: number, input: StationInput): Promise<StationDetail> {
    const v = StationInputSchema.parse(input)
    return this.deps.db.transaction(async (tx) => {
      const [old] = await tx.select().from(stations).where(eq(stations.id, id)).for('update')
      if (!old) throw refuse(StationReasons.STATION_NOT_FOUND)
      await this.checkOrg(tx, user, v.orgId)
      for (const pid of v.photoIds) if (!old.photoIds.includes(pid)) await ownPhoto(this.deps, tx, user.userId, pid, 'photoIds')
      await tx.update(stations).set({ ...valuesOf(v), updatedAt: new Date(this.deps.now()) }).where(eq(stations.id, id))
      await audit(tx, { actorUserId: user.userId, action: 'stations.update', subjectType: 'station', subjectId: id, detail: { name: v.name, orgId: v.orgId } })
      return stationDetail(this.deps, tx, id)
    })
  }

  private async checkOrg(tx: Tx, user: AuthUser, orgId: number): Promise<void> {
    const [o] = await tx.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId))
    if (!o) throw refuseAt('orgId', StationReasons.STATION_ORG_UNKNOWN)
    authorize(user, 'stations.manage', o.path)
  }
}

function valuesOf(v: Input) {
  return {
    orgId: v.orgId,
    name: v.name,
    address: v.address,
    lat: v.lat,
    lng: v.lng,
    hours: v.hours,
    facilities: [...new Set(v.facilities)],
    photoIds: v.photoIds,
    keeperName: v.keeperName,
    keeperPhone: v.keeperPhone,
  }
}

type Usage = ManagedList['items'][number]['usage']

/** Views, 打卡, reports and the median minutes from report to resolution, per station. */
async function usageOf(db: DbOrTx, ids: number[]): Promise<Map<number, Usage>> {
  const out = new Map<number, Usage>()
  if (ids.length === 0) return out
  for (const id of ids) out.set(id, { views: 0, checkins: 0, reports: 0, medianResolveMinutes: null })
  const visits = await db
    .select({ id: stationVisits.stationId, kind: stationVisits.kind, n: sql<number>`count(*)::int` })
    .from(stationVisits)
    .where(inArray(stationVisits.stationId, ids))
    .groupBy(stationVisits.stationId, stationVisits.kind)
  for (const v of visits) {
    const u = out.get(v.id)!
    if (v.kind === 'view') u.views = Number(v.n)
    else u.checkins = Number(v.n)
  }
  const reports = await db
    .select({
      id: stationReports.stationId,
      n: sql<number>`count(*)::int`,
      median: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from (${stationReports.resolvedAt} - ${stationReports.createdAt})) / 60) filter (where ${stationReports.resolvedAt} is not null)`,
    })
    .from(stationReports)
    .where(inArray(stationReports.stationId, ids))
    .groupBy(stationReports.stationId)
  for (const r of reports) {
    const u = out.get(r.id)!
    u.reports = Number(r.n)
    u.medianResolveMinutes = r.median === null ? null : Math.round(Number(r.median))
  }
  return out
}

/** Station names by id (an invitation names the stations a keeper's grant binds). */
export async function stationNames(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.select({ id: stations.id, name: stations.name }).from(stations).where(inArray(stations.id, [...new Set(ids)]))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** The ids among `ids` of stations in the subtree at `orgPath` (a keeper's grant binds only those). */
export async function stationsUnder(db: DbOrTx, ids: readonly number[], orgPath: string): Promise<number[]> {
  if (ids.length === 0) return []
  const rows = await db
    .select({ id: stations.id })
    .from(stations)
    .innerJoin(orgs, eq(orgs.id, stations.orgId))
    .where(and(inArray(stations.id, [...ids]), like(orgs.path, `${orgPath}%`)))
  return rows.map((r) => r.id).sort((a, b) => a - b)
}

/**
 * Managing stations (admins, `stations.manage` over the station's union — and on a change over the union it moves
 * to): the list of the caller's subtree with usage figures (views, 打卡, reports, median time to resolve), create,
 * update. Each change audited in its transaction.
 */
import { and, asc, eq, gt, inArray, like, or, sql } from 'drizzle-orm'
import type { ManagedList, StationDetail, StationInput, UploadedPhoto } from '@contract/stations/schemas'
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
import { STATION_PHOTO_KIND } from './keeping'
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
      await this.newPhotos(tx, user, v.photoIds)
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
      await this.newPhotos(tx, user, v.photoIds.filter((pid) => !old.photoIds.includes(pid)))
      await tx.update(stations).set({ ...valuesOf(v), updatedAt: new Date(this.deps.now()) }).where(eq(stations.id, id))
      const removed = await this.dropPhotos(tx, old.photoIds.filter((pid) => !v.photoIds.includes(pid)))
      const photos = { added: v.photoIds.filter((pid) => !old.photoIds.includes(pid)).length, removed: removed.length }
      await audit(tx, { actorUserId: user.userId, action: 'stations.update', subjectType: 'station', subjectId: id, detail: { name: v.name, orgId: v.orgId, photos } })
      return { view: await stationDetail(this.deps, tx, id), removed }
    }).then(async ({ view, removed }) => {
      // Object-store bytes go after the commit (database blobs went with their rows).
      for (const row of removed) await this.deps.files.removeBytes(row).catch(() => undefined)
      return view
    })
  }

  /** A station photo: stored unattached under the uploader (attached when a station saved with it). */
  async uploadPhoto(user: AuthUser, file: { mime: string; bytes: Uint8Array }): Promise<UploadedPhoto> {
    const row = await this.deps.files.save(this.deps.db, { ownerUserId: user.userId, kind: STATION_PHOTO_KIND, mime: file.mime, bytes: file.bytes })
    return { id: row.id, mime: row.mime, size: row.size, url: this.deps.files.signedUrl(row.id) }
  }

  /** Photos new to a station: the caller's own station-photo uploads (refused beside `photoIds` otherwise), attached. */
  private async newPhotos(tx: Tx, user: AuthUser, ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const row = await this.deps.files.find(tx, id)
      if (!row || row.ownerUserId !== user.userId || row.kind !== STATION_PHOTO_KIND) throw refuseAt('photoIds', StationReasons.STATION_PHOTO_UNKNOWN)
      const [elsewhere] = await tx.select({ id: stations.id }).from(stations).where(sql`${stations.photoIds} @> ${JSON.stringify([id])}::jsonb`).limit(1)
      if (elsewhere) throw refuseAt('photoIds', StationReasons.STATION_PHOTO_UNKNOWN)
    }
    await this.deps.files.attach(tx, ids)
  }

  /** Photos taken off a station: their files are deleted (their signed links stop working). */
  private async dropPhotos(tx: Tx, ids: readonly string[]) {
    const gone = []
    for (const id of ids) {
      const row = await this.deps.files.deleteRow(tx, id)
      if (row) gone.push(row)
    }
    return gone
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

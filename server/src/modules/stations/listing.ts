/**
 * The public side of 爱心驿站 (no login needed): stations nearest first from the device's position or a chosen area,
 * by facility and 开放中; a station's page with its live status and problems (each read counted as a view); 打卡.
 */
import { and, asc, count, desc, eq, gte, isNotNull, isNull, or, sql } from 'drizzle-orm'
import type { AreaList, StationDetail, StationList } from '@contract/stations/schemas'
import type { Facility } from '@contract/stations/labels'
import { StationReasons } from '@contract/stations/reasons'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { stationReports, stations, stationVisits } from '../../db/schema/stations'
import { Errors, refuse, refuseAt } from '../../errors'
import { BAD_CURSOR, decodeCursor, encodeCursor } from '../../db/paging'
import { chinaDate } from '../../time'
import { distanceFrom, openReportCounts, reportReview, toPublicReport, toSummary } from './views'

type Origin = StationList['origin']
const DAY = 86_400_000

export interface ListQuery {
  lat?: number
  lng?: number
  areaId?: number
  facility?: Facility
  openNow?: '1' | '0'
  cursor?: string
  limit: number
}

/**
 * The detail of one station as `viewerId` (null: anonymous) sees it (photos through short-lived signed links;
 * reports and report photos held by content review only to their reporter).
 */
export async function stationDetail(deps: AppDeps, db: DbOrTx, id: number, viewerId: number | null = null): Promise<StationDetail> {
  const now = deps.now()
  const [row] = await db
    .select({ s: stations, orgName: orgs.name })
    .from(stations)
    .innerJoin(orgs, eq(orgs.id, stations.orgId))
    .where(eq(stations.id, id))
  if (!row) throw refuse(StationReasons.STATION_NOT_FOUND)
  const reports = await db
    .select()
    .from(stationReports)
    .where(
      and(
        eq(stationReports.stationId, id),
        or(isNull(stationReports.resolvedAt), gte(stationReports.resolvedAt, new Date(now - 7 * DAY))),
      ),
    )
    .orderBy(desc(stationReports.id))
    .limit(20)
  const review = await reportReview(db, reports)
  const open = (await openReportCounts(db, [id], { forPublic: true })).get(id) ?? 0
  return {
    ...toSummary(row.s, row.orgName, open, null, now),
    orgId: row.s.orgId,
    hours: row.s.hours,
    photos: row.s.photoIds.map((pid) => ({ id: pid, url: deps.files.signedUrl(pid) })),
    keeperName: row.s.keeperName,
    keeperPhone: row.s.keeperPhone,
    status: row.s.status,
    reports: reports.flatMap((r) => toPublicReport(deps, r, review, viewerId) ?? []),
  }
}

export class StationPublicService {
  constructor(private readonly deps: AppDeps) {}

  /**
   * Nearest first, keyset on (distance, id); the first page's origin travels in the cursor. 开放中 is the contract's
   * rule (hours in China time), applied to the rows as they are read in distance order.
   */
  async list(query: ListQuery): Promise<StationList> {
    const after = decodeCursor(query.cursor, ['number', 'number', 'string', 'number', 'number'] as const)
    if (after && (Math.abs(after[0]) > 90 || Math.abs(after[1]) > 180 || (after[2] !== 'device' && after[2] !== 'area'))) {
      throw Errors.validation({ cursor: BAD_CURSOR })
    }
    const { db } = this.deps
    const now = this.deps.now()
    const origin: Origin = after
      ? { lat: after[0], lng: after[1], source: after[2] as Origin['source'] }
      : query.lat !== undefined && query.lng !== undefined
        ? { lat: query.lat, lng: query.lng, source: 'device' }
        : { ...(await areaCentre(db, query.areaId)), source: 'area' }
    const distance = distanceFrom(origin)
    const wantOpen = query.openNow === '1'
    const picked: { s: typeof stations.$inferSelect; orgName: string; d: number }[] = []
    let key = after ? { d: after[3], id: after[4] } : null
    const chunk = Math.min(200, query.limit * 3 + 10)
    for (;;) {
      const rows = await db
        .select({ s: stations, orgName: orgs.name, d: distance })
        .from(stations)
        .innerJoin(orgs, eq(orgs.id, stations.orgId))
        .where(
          and(
            isNull(orgs.closedAt),
            query.facility ? sql`${stations.facilities} @> ${JSON.stringify([query.facility])}::jsonb` : undefined,
            key ? sql`(${distance} > ${key.d}::float8 or (${distance} = ${key.d}::float8 and ${stations.id} > ${key.id}::integer))` : undefined,
          ),
        )
        .orderBy(distance, asc(stations.id))
        .limit(chunk)
      for (const r of rows) {
        const d = Number(r.d)
        key = { d, id: r.s.id }
        if (wantOpen && !(toSummary(r.s, r.orgName, 0, d, now).openNow && r.s.status !== 'paused')) continue
        picked.push({ ...r, d })
        if (picked.length > query.limit) break
      }
      if (picked.length > query.limit || rows.length < chunk) break
    }
    const page = picked.slice(0, query.limit)
    const last = page[page.length - 1]
    const counts = await openReportCounts(db, page.map((p) => p.s.id), { forPublic: true })
    return {
      items: page.map((p) => toSummary(p.s, p.orgName, counts.get(p.s.id) ?? 0, p.d, now)),
      origin,
      nextCursor: picked.length > query.limit && last ? encodeCursor([origin.lat, origin.lng, origin.source, last.d, last.s.id]) : null,
    }
  }

  /** Areas to measure from (the district and the unions just below it that have coordinates). */
  async areas(): Promise<AreaList> {
    const rows = await this.deps.db
      .select({ id: orgs.id, name: orgs.name, path: orgs.path, lat: orgs.latitude, lng: orgs.longitude })
      .from(orgs)
      .where(and(isNull(orgs.closedAt), isNotNull(orgs.latitude), isNotNull(orgs.longitude)))
      .orderBy(asc(orgs.path))
    return {
      items: rows
        .filter((r) => r.path.split('/').filter(Boolean).length <= 2)
        .map((r) => ({ id: r.id, name: r.name, lat: r.lat!, lng: r.lng! })),
    }
  }

  /** The station's page; the read is counted (anonymous or not). */
  async detail(id: number, userId: number | null): Promise<StationDetail> {
    return this.deps.db.transaction(async (tx) => {
      const view = await stationDetail(this.deps, tx, id, userId)
      await tx.insert(stationVisits).values({ stationId: id, kind: 'view', userId, at: new Date(this.deps.now()) })
      return view
    })
  }

  /** 打卡: optional, no login needed (a logged-in user's is attributed). How many checked in today (China time). */
  async checkin(id: number, userId: number | null): Promise<{ ok: true; checkinsToday: number }> {
    return this.deps.db.transaction(async (tx) => {
      const [s] = await tx.select({ id: stations.id }).from(stations).where(eq(stations.id, id))
      if (!s) throw refuse(StationReasons.STATION_NOT_FOUND)
      const now = this.deps.now()
      await tx.insert(stationVisits).values({ stationId: id, kind: 'checkin', userId, at: new Date(now) })
      const dayStart = new Date(`${chinaDate(now)}T00:00:00+08:00`)
      const [{ n }] = await tx
        .select({ n: count() })
        .from(stationVisits)
        .where(and(eq(stationVisits.stationId, id), eq(stationVisits.kind, 'checkin'), gte(stationVisits.at, dayStart)))
      return { ok: true as const, checkinsToday: Number(n) }
    })
  }
}

/** The chosen area's coordinates, else the first district's. */
async function areaCentre(db: DbOrTx, areaId: number | undefined): Promise<{ lat: number; lng: number }> {
  if (areaId !== undefined) {
    const [a] = await db.select({ lat: orgs.latitude, lng: orgs.longitude }).from(orgs).where(eq(orgs.id, areaId))
    if (!a || a.lat === null || a.lng === null) throw refuseAt('areaId', StationReasons.STATION_AREA_UNKNOWN)
    return { lat: a.lat, lng: a.lng }
  }
  const [d] = await db
    .select({ lat: orgs.latitude, lng: orgs.longitude })
    .from(orgs)
    .where(and(isNotNull(orgs.latitude), isNotNull(orgs.longitude)))
    .orderBy(sql`length(${orgs.path})`, asc(orgs.id))
    .limit(1)
  return d ? { lat: d.lat!, lng: d.lng! } : { lat: 0, lng: 0 }
}

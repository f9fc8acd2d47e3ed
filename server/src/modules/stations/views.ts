/** Station rows → the contract's views (open now and the live status computed by the contract's rules). */
import { and, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { PublicReport, StationSummary } from '@contract/stations/schemas'
import { MODERATION_NOTICES } from '@contract/moderation/labels'
import { isOpenAt, todayHoursText } from '@contract/stations/hours'
import { liveStatusOf } from '@contract/stations/live'
import type { DbOrTx } from '../../db'
import { stationReports, stations, type StationReportRow, type StationRow } from '../../db/schema/stations'
import type { AppDeps } from '../../http/deps'
import { withheld, type Withheld } from '../moderation'

const EARTH_RADIUS_M = 6_371_008.8

/** The great-circle (haversine) distance from `origin` to each station, in metres. */
export function distanceFrom(origin: { lat: number; lng: number }): SQL<number> {
  return sql<number>`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
        power(sin(radians(${stations.lat} - ${origin.lat}::float8) / 2), 2)
        + cos(radians(${origin.lat}::float8)) * cos(radians(${stations.lat})) * power(sin(radians(${stations.lng} - ${origin.lng}::float8) / 2), 2)))))`
}

/** Open problem reports per station. */
/**
 * Open problem reports per station. `forPublic`: without those content review holds or refused — what a member
 * counts on the list must be what they can read on the page (the keeper and admins count them all).
 */
export async function openReportCounts(db: DbOrTx, ids: readonly number[], opts: { forPublic?: boolean } = {}): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map()
  const open = and(inArray(stationReports.stationId, [...ids]), isNull(stationReports.resolvedAt))
  if (!opts.forPublic) {
    const rows = await db.select({ id: stationReports.stationId, n: count() }).from(stationReports).where(open).groupBy(stationReports.stationId)
    return new Map(rows.map((r) => [r.id, Number(r.n)]))
  }
  const rows = await db.select({ stationId: stationReports.stationId, id: stationReports.id }).from(stationReports).where(open)
  const hidden = await withheld(db, 'stations.report', rows.map((r) => r.id))
  const counts = new Map<number, number>()
  for (const r of rows) if (!hidden.has(String(r.id))) counts.set(r.stationId, (counts.get(r.stationId) ?? 0) + 1)
  return counts
}

export function toSummary(row: StationRow, orgName: string, openReports: number, distance: number | null, now: number): StationSummary {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    orgName,
    facilities: row.facilities,
    openNow: isOpenAt(row.hours, now),
    todayHours: todayHoursText(row.hours, now),
    liveStatus: liveStatusOf(row.status, row.confirmedAt ? row.confirmedAt.getTime() : null, now),
    confirmedAt: row.confirmedAt ? row.confirmedAt.toISOString() : null,
    openReports,
    distanceMeters: distance === null ? null : Math.round(distance),
  }
}

export const stationById = (id: number) => eq(stations.id, id)

/** What content review says of a page of reports (内容审核): texts and photos others must not see. */
export interface ReportReview {
  texts: Map<string, Withheld>
  photos: Map<string, Withheld>
}

export async function reportReview(db: DbOrTx, rows: readonly StationReportRow[]): Promise<ReportReview> {
  return {
    texts: await withheld(db, 'stations.report', rows.map((r) => r.id)),
    photos: await withheld(db, 'stations.report_photo', rows.flatMap((r) => (r.photoFileId ? [r.photoFileId] : []))),
  }
}

/**
 * A report as `viewerId` sees it on the station's page, or null when they may not: a report held or refused by
 * content review shows only to its reporter (with a notice), a held or refused photo likewise.
 */
export function toPublicReport(deps: AppDeps, r: StationReportRow, review: ReportReview, viewerId: number | null): PublicReport | null {
  const mine = viewerId !== null && r.userId === viewerId
  const text = review.texts.get(String(r.id))
  if (text && !mine) return null
  const photo = r.photoFileId ? review.photos.get(r.photoFileId) : undefined
  const notice = text
    ? text === 'held' ? MODERATION_NOTICES.textHeld : MODERATION_NOTICES.textRejected
    : photo && mine
      ? photo === 'held' ? MODERATION_NOTICES.imageHeld : MODERATION_NOTICES.imageRejected
      : null
  return {
    id: r.id,
    description: r.description,
    createdAt: r.createdAt.toISOString(),
    resolvedAt: r.resolvedAt ? r.resolvedAt.toISOString() : null,
    resolutionNote: r.resolutionNote,
    photo: r.photoFileId && (!photo || mine) ? { id: r.photoFileId, url: deps.files.signedUrl(r.photoFileId) } : null,
    notice,
  }
}

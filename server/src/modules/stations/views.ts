/** Station rows → the contract's views (open now and the live status computed by the contract's rules). */
import { and, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { StationSummary } from '@contract/stations/schemas'
import { isOpenAt, todayHoursText } from '@contract/stations/hours'
import { liveStatusOf } from '@contract/stations/live'
import type { DbOrTx } from '../../db'
import { stationReports, stations, type StationRow } from '../../db/schema/stations'

const EARTH_RADIUS_M = 6_371_008.8

/** The great-circle (haversine) distance from `origin` to each station, in metres. */
export function distanceFrom(origin: { lat: number; lng: number }): SQL<number> {
  return sql<number>`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
        power(sin(radians(${stations.lat} - ${origin.lat}::float8) / 2), 2)
        + cos(radians(${origin.lat}::float8)) * cos(radians(${stations.lat})) * power(sin(radians(${stations.lng} - ${origin.lng}::float8) / 2), 2)))))`
}

/** Open problem reports per station. */
export async function openReportCounts(db: DbOrTx, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ id: stationReports.stationId, n: count() })
    .from(stationReports)
    .where(and(inArray(stationReports.stationId, [...ids]), isNull(stationReports.resolvedAt)))
    .groupBy(stationReports.stationId)
  return new Map(rows.map((r) => [r.id, Number(r.n)]))
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

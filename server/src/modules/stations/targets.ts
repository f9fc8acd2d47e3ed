/** What 爱心驿站's access rules are about (server/src/access.ts): a station's union and the station itself. */
import { eq } from 'drizzle-orm'
import { orgs } from '../../db/schema/core'
import { stationReports, stations } from '../../db/schema/stations'
import { StationReasons } from '@contract/stations/reasons'
import { idParam, resolver } from '../../http/access'

/** The station in the path: its union, and the station (a keeper acts only at the stations bound to the grant). */
export const station = resolver('station', StationReasons.STATION_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path, id: stations.id })
    .from(stations)
    .innerJoin(orgs, eq(orgs.id, stations.orgId))
    .where(eq(stations.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, stationId: row.id } : null
})

/** The problem report in the path: its station's union and station. */
export const report = resolver('station report', StationReasons.STATION_REPORT_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path, id: stations.id })
    .from(stationReports)
    .innerJoin(stations, eq(stations.id, stationReports.stationId))
    .innerJoin(orgs, eq(orgs.id, stations.orgId))
    .where(eq(stationReports.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, stationId: row.id } : null
})

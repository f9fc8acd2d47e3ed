/** Distances on the earth, in SQL: what the member's list sorts by. */
import { sql, type SQL } from 'drizzle-orm'
import { merchants } from '../../db/schema/merchants'

const EARTH_RADIUS_M = 6_371_008.8

/** The great-circle (haversine) distance from `origin` to each merchant's position, in metres. */
export function distanceFrom(origin: { lat: number; lng: number }): SQL<number> {
  return sql<number>`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
        power(sin(radians(${merchants.lat} - ${origin.lat}::float8) / 2), 2)
        + cos(radians(${origin.lat}::float8)) * cos(radians(${merchants.lat})) * power(sin(radians(${merchants.lng} - ${origin.lng}::float8) / 2), 2)))))`
}

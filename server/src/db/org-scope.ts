/**
 * The union subtree as SQL, for aggregate queries: `org_id IN (the ids of the orgs whose path starts with the root's)`.
 * Paths are materialised with a trailing separator ('/1/4/'), so the prefix never matches a sibling ('/1/41/').
 * Served by orgs_path_idx (text_pattern_ops).
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { orgs } from './schema/core'

export function inOrgSubtree(orgIdColumn: AnyColumn | SQL, rootPath: string): SQL {
  return sql`${orgIdColumn} in (select ${orgs.id} from ${orgs} where ${orgs.path} like ${rootPath + '%'})`
}

/** 'YYYY-MM' of an instant in China time (UTC+8, no DST), whatever the session's time zone. */
export function chinaMonthOf(column: AnyColumn | SQL): SQL<string> {
  return sql<string>`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`
}

/** What an aggregate query of the dashboard is asked: one subtree, a range [start, end) and the current instant. */
export interface FigureWindow {
  rootPath: string
  start: Date
  end: Date
  now: Date
}

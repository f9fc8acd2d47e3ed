/**
 * Rows of a table read as json (`to_json(t)` inside a statement that reads several things at once, e.g. a
 * SessionRead): each back to the row drizzle's own select would give — keyed by the columns' TypeScript names, each
 * value through its column's driver mapping (timestamps → Date, …) — so a capability's mapper takes either.
 *
 *   sql`(select coalesce(json_agg(to_json(t)), '[]'::json) from ${table} t where t.user_id = ${userId})`
 *   rowsFromJson(table, row.rows)
 */
import { getTableColumns, type Table } from 'drizzle-orm'

export function rowsFromJson<T extends Table>(table: T, value: unknown): T['$inferSelect'][] {
  const list = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as Record<string, unknown>[]
  const columns = Object.entries(getTableColumns(table))
  return list.map((json) => {
    const row: Record<string, unknown> = {}
    for (const [key, column] of columns) {
      const raw = json[column.name]
      // json renders numeric as a number; drizzle's numeric columns hold the driver's string.
      row[key] = raw === null || raw === undefined ? null : column.mapFromDriverValue(column.columnType === 'PgNumeric' && typeof raw === 'number' ? String(raw) : raw)
    }
    return row as T['$inferSelect']
  })
}

/**
 * Keyset paging for every cursor-paged list: the cursor is the sort key of a page's last row, opaque to
 * the client (base64url JSON). A page is read with `limit + 1` rows to know whether another one follows.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { SortOrder } from '@contract/paging'
import { Errors } from '../errors'

type Part = 'string' | 'number'
type Value<P extends Part> = P extends 'string' ? string : number
type Values<S extends readonly Part[]> = { [K in keyof S]: S[K] extends Part ? Value<S[K]> : never }

export const BAD_CURSOR = '分页参数无效，请刷新列表'
/** A cursor made under the other order of the same list (the page was read before 排序 changed). */
export const SORT_CHANGED_CURSOR = '排序方式已改变，请刷新列表'

export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url')
}

/** The parts of `cursor` in the given shape; null without a cursor; 400 beside `cursor` for anything else. */
export function decodeCursor<S extends readonly Part[]>(cursor: string | undefined, shape: S): Values<S> | null {
  if (!cursor) return null
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (
      Array.isArray(v) &&
      v.length === shape.length &&
      v.every((x, i) => (shape[i] === 'number' ? typeof x === 'number' && Number.isFinite(x) : typeof x === 'string' && x.length <= 64))
    ) {
      return v as Values<S>
    }
  } catch {
    // fall through
  }
  throw Errors.validation({ cursor: BAD_CURSOR })
}

/** One page of `rows` (read with `limit + 1`) and the next page's cursor, null on the last page. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (last: T) => readonly (string | number)[]): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null }
}

/**
 * The parts of a cursor made by `sortedPageOf` under `sort`: null without a cursor; 400 beside `cursor` for a
 * malformed one (an untagged cursor of before the order existed included), and for one made under the other order
 * — read past its key the other way it would skip or repeat rows without a word.
 */
export function decodeSortedCursor<S extends readonly Part[]>(cursor: string | undefined, shape: S, sort: SortOrder): Values<S> | null {
  const parts = decodeCursor(cursor, [...shape, 'string'] as readonly Part[]) as (string | number)[] | null
  if (!parts) return null
  const made = parts[parts.length - 1]
  if (made !== sort) throw Errors.validation({ cursor: made === 'oldest' || made === 'newest' ? SORT_CHANGED_CURSOR : BAD_CURSOR })
  return parts.slice(0, -1) as unknown as Values<S>
}

/** `pageOf` for a list in either order: the next cursor is the last row's key tagged with `sort`. */
export function sortedPageOf<T>(rows: T[], limit: number, sort: SortOrder, keyOf: (last: T) => readonly (string | number)[]) {
  return pageOf(rows, limit, (last) => [...keyOf(last), sort])
}

/** Rows past a cursor's key in `sort` order: `key > past` oldest first, `key < past` newest first (row comparisons). */
export function pastKey(key: SQL, past: SQL, sort: SortOrder): SQL {
  return sort === 'newest' ? sql`${key} < ${past}` : sql`${key} > ${past}`
}

/** A real calendar date written YYYY-MM-DD (what PostgreSQL will read as the same date). */
export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false
  const t = Date.parse(`${v}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v
}

/** An instant exactly as Date#toISOString writes it (what a cursor holds), so PostgreSQL reads the same instant. */
export function isIsoInstant(v: string): boolean {
  const t = Date.parse(v)
  return !Number.isNaN(t) && new Date(t).toISOString() === v
}

/** Keyset (cursor) paging of the relief staff worklists: an opaque cursor = the sort key of the last row shown. */
import { Errors } from '../../errors'

/** One page of `rows` read with `limit + 1`: the page and the next page's cursor (null on the last page). */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (last: T) => number[]): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return { page, nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify(cursorOf(last))).toString('base64url') : null }
}

/** The sort key in a cursor (`arity` numbers), null without one; 400 when it is not one of ours. */
export function decodeCursor(cursor: string | undefined, arity: number): number[] | null {
  if (!cursor) return null
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(v) && v.length === arity && v.every((x) => typeof x === 'number' && Number.isFinite(x))) return v as number[]
  } catch {
    // fall through
  }
  throw Errors.validation({ cursor: '分页参数无效，请刷新列表' })
}

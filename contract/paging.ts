/**
 * Cursor paging in the contract: the query every cursor-paged list takes and the `nextCursor` it answers with. The
 * server side is `server/src/db/paging.ts` (the cursor is the sort key of a page's last row, opaque to the client).
 */
import { z } from 'zod'

/** Page size of a cursor-paged list: 20 unless asked, never more than 100. */
export const PAGE_LIMIT_DEFAULT = 20
export const PAGE_LIMIT_MAX = 100

/** Cursor paging: pass the previous page's `nextCursor` back as `cursor`; `nextCursor` null = the last page. */
export const PageQuery = z.object({
  /** Opaque; from the previous page's nextCursor. A malformed one → 400 beside `cursor`. */
  cursor: z.string().max(300).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, '每页至少 1 条')
    .max(PAGE_LIMIT_MAX, `每页最多 ${PAGE_LIMIT_MAX} 条`)
    .default(PAGE_LIMIT_DEFAULT),
})

export const nextCursor = z.string().nullable()

/**
 * A keyset-paged list's two orders by its time key: oldest first or newest first. A cursor remembers the order it
 * was made under; passed back under the other one → 400 beside `cursor` (请刷新列表), never a page that skips or repeats.
 */
export const SortOrder = z.enum(['oldest', 'newest'])
export type SortOrder = z.infer<typeof SortOrder>

/** A work queue's order: oldest waiting first (the default: who has waited longest), or newest first. Keyset-paged either way. */
export const QueueSort = SortOrder.default('oldest')
export type QueueSort = z.infer<typeof QueueSort>

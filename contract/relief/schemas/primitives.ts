/** The small building blocks the relief schemas share (not re-exported by ../schemas.ts). */
import { z } from 'zod'
import { RELIEF_PAGE_DEFAULT, RELIEF_PAGE_MAX } from '../labels'

export const id = z.coerce.number().int().positive()
export const isoInstant = z.string()
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
export const monthDay = z.string().regex(/^\d{2}-\d{2}$/, '格式应为 MM-DD')
export const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '只能使用小写字母、数字和下划线')
export const yuan = z.number().int().min(0).max(1_000_000)
export const orgRef = z.object({ id: z.number().int(), name: z.string() })

/** Cursor paging of the staff worklists: pass `nextCursor` back as `cursor`; null means no more. */
export const PageQuery = {
  /** Opaque; from the previous page's nextCursor. 400 when malformed. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(RELIEF_PAGE_MAX).default(RELIEF_PAGE_DEFAULT),
}
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() })

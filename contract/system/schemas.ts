import { z } from 'zod'

/** GET /api/health, 200: ready (the database answers and has every migration). Not ready → 503 with a `reason`. */
export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  time: z.string(),
  /** Migrations the code expects and the database has (equal when ready). */
  migrations: z.object({ applied: z.number().int(), expected: z.number().int() }),
})
export type Health = z.infer<typeof Health>

export const health = { response: Health }

import { z } from 'zod'

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  time: z.string(),
})
export type Health = z.infer<typeof Health>

export const health = { response: Health }

import { z } from 'zod'

/** Path of a stored file (random id). */
export const FileParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '文件编号无效'),
})
export type FileParams = z.infer<typeof FileParams>

/** The signature part of a short-lived file URL; the server builds these URLs (e.g. Me.avatarUrl). */
export const FileQuery = z.object({
  exp: z.coerce.number().int('链接无效'),
  sig: z.string().min(1, '链接无效').max(128, '链接无效'),
})
export type FileQuery = z.infer<typeof FileQuery>

/** The response is the file's bytes (image/jpeg, image/png, image/webp, application/pdf …), not JSON. */
export const download = { params: FileParams, query: FileQuery, response: z.unknown() }

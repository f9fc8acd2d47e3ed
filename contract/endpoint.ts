/**
 * Endpoint descriptors shared by the server (which attaches the zod schemas for validation)
 * and the mini-program (which only needs method, path and the inferred types).
 *
 * This file must not import zod at runtime: the app imports `*.api.ts` tables into the
 * weapp main package, and zod would cost ~60 KB there. Schemas live in `<capability>/schemas.ts`
 * and are referenced here only through `import type`.
 */
import type { z } from 'zod'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** The zod schemas of one endpoint. Every key is optional except the response. */
export interface EndpointSchemas {
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  response: z.ZodType
}

type In<T> = T extends z.ZodType ? z.input<T> : undefined
type Out<T> = T extends z.ZodType ? z.output<T> : undefined

/** A typed endpoint: `S` carries the schemas' types only (phantom), never their values. */
export interface Endpoint<S extends EndpointSchemas = EndpointSchemas> {
  readonly method: HttpMethod
  /** Fastify-style path, e.g. `/api/events/:id`. */
  readonly path: string
  /** Phantom field for type inference; always undefined at runtime. */
  readonly __schemas?: S
}

export type ParamsOf<E> = E extends Endpoint<infer S> ? In<S['params']> : never
export type QueryOf<E> = E extends Endpoint<infer S> ? In<S['query']> : never
export type BodyOf<E> = E extends Endpoint<infer S> ? In<S['body']> : never
export type ResponseOf<E> = E extends Endpoint<infer S> ? Out<S['response']> : never

export function endpoint<S extends EndpointSchemas>(method: HttpMethod, path: string): Endpoint<S> {
  return { method, path }
}

/** Replace `:name` segments of a path with URL-encoded values. */
export function buildPath(path: string, params?: Record<string, string | number> | undefined): string {
  if (!params) return path
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, key: string) => {
    const value = params[key]
    if (value === undefined) throw new Error(`missing path parameter ${key} for ${path}`)
    return encodeURIComponent(String(value))
  })
}

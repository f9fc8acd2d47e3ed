/**
 * The H5 build (STATIC_DIR) at `/`, with the SPA fallback for the app's own routes.
 *
 * - Compressed: the build's text assets have pre-compressed `.br`/`.gz` siblings (scripts/lib/precompress.ts, run by
 *   `npm run build:h5`); `preCompressed` sends the one the browser's Accept-Encoding prefers, with Content-Encoding.
 *   Every compressible file carries `Vary: Accept-Encoding` (also when sent plain) so a cache never hands a brotli
 *   body to a browser that did not ask for it.
 * - Cached: a file whose name carries a content hash (`js/app.7c0c392c.js`, `css/….css`) never changes under its
 *   name: `public, max-age=31536000, immutable`. Anything else — index.html, the SPA fallback — `no-cache`
 *   (revalidated with its ETag each time, so a new build is picked up on the next load).
 * - Not rate-limited: only `/api/*` counts against the API limit (see `countsAgainstRateLimit`, used by app.ts):
 *   loading the app must not spend the user's request budget.
 *
 * The office console's build (ADMIN_DIR, `npm run build:admin` → dist-admin/) the same way under `/admin`: Vite puts
 * only content-hashed files under `assets/` (its hash is not hex, so judged by folder), `immutable`; index.html and the
 * console's SPA fallback (`/admin`, `/admin/<route>`) `no-cache`; precompressed siblings by Accept-Encoding.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fastifyStatic from '@fastify/static'

export const IMMUTABLE = 'public, max-age=31536000, immutable'
export const NO_CACHE = 'no-cache'

/** `name.<8+ hex>.ext`, as Taro's H5 build names its js and css (config/index.ts: `[name].[contenthash:8]`). */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/i

export const ADMIN_PREFIX = '/admin'

/** A console page or asset: `/admin`, `/admin/…`. */
export function isAdminPath(url: string): boolean {
  const p = url.split('?')[0]
  return p === ADMIN_PREFIX || p.startsWith(`${ADMIN_PREFIX}/`)
}

/** A console route the SPA resolves itself (a missing file under `assets/` stays a 404, never index.html). */
export function isAdminPage(url: string): boolean {
  return isAdminPath(url) && !url.split('?')[0].startsWith(`${ADMIN_PREFIX}/assets/`)
}

export function isApiPath(url: string): boolean {
  const p = url.split('?')[0]
  return p === '/api' || p.startsWith('/api/')
}

/** The rate limit's allow-list: everything but the API (static files, the SPA fallback) is free. */
export function countsAgainstRateLimit(request: FastifyRequest): boolean {
  return isApiPath(request.url)
}

function setStaticHeaders(res: { setHeader(name: string, value: string): unknown }, filePath: string): void {
  // With preCompressed, filePath is the sibling actually sent (app.js.br): judge the file it stands for.
  const file = filePath.replace(/\.(br|gz)$/, '')
  res.setHeader('cache-control', HASHED.test(path.basename(file)) ? IMMUTABLE : NO_CACHE)
  if (COMPRESSIBLE.test(file)) res.setHeader('vary', 'Accept-Encoding')
}

export async function registerStatic(app: FastifyInstance, staticDir: string): Promise<void> {
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    app.log.warn({ staticDir }, 'STATIC_DIR 中没有 index.html')
  }
  await app.register(fastifyStatic, {
    root: staticDir,
    wildcard: true,
    index: ['index.html'],
    preCompressed: true,
    // `send` would add `public, max-age=0`; setStaticHeaders decides instead.
    cacheControl: false,
    setHeaders: setStaticHeaders,
  })
}

/** The SPA fallback: Taro H5 routes are resolved by the app itself (index.html, no-cache via setStaticHeaders). */
export function sendAppShell(reply: FastifyReply, staticDir: string) {
  return reply.sendFile('index.html', staticDir)
}

function setAdminHeaders(res: { setHeader(name: string, value: string): unknown }, filePath: string, adminDir: string): void {
  const file = filePath.replace(/\.(br|gz)$/, '')
  const rel = path.relative(adminDir, file).split(path.sep)
  res.setHeader('cache-control', rel[0] === 'assets' && rel.length > 1 ? IMMUTABLE : NO_CACHE)
  if (COMPRESSIBLE.test(file)) res.setHeader('vary', 'Accept-Encoding')
}

/** The console at `/admin/` (see the header). `decorateReply` only when the H5 build did not already. */
export async function registerAdmin(app: FastifyInstance, adminDir: string, decorateReply: boolean): Promise<void> {
  if (!existsSync(path.join(adminDir, 'index.html'))) {
    app.log.warn({ adminDir }, 'ADMIN_DIR 中没有 index.html')
  }
  await app.register(fastifyStatic, {
    root: adminDir,
    prefix: `${ADMIN_PREFIX}/`,
    decorateReply,
    wildcard: true,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, filePath) => setAdminHeaders(res, filePath, adminDir),
  })
}

/** The console's SPA fallback: its routes (`/admin/audit`) are the console's own; index.html, `no-cache`. */
export function sendAdminShell(reply: FastifyReply, adminDir: string) {
  reply.header('cache-control', NO_CACHE)
  return reply.sendFile('index.html', adminDir, { cacheControl: false })
}

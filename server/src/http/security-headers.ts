/**
 * Security headers on every response (a small onSend hook rather than @fastify/helmet: the policy depends on what
 * is being sent — the H5 app, an API answer or an uploaded file — and on the H5 build's one inline script).
 *
 * - Content-Security-Policy: the H5 app may load scripts only from its own origin plus the hashes of the inline
 *   scripts of its index.html (Taro's rem sizing snippet) and of its tab bar's `javascript:;` links, styles from its origin (plus inline styles: Taro's
 *   components set style attributes), images from its origin, data: and blob: (photo previews), and connect only to
 *   its own API (and blob:, the picked file Taro's uploadFile reads back before posting it). API answers and uploaded files get `default-src 'none'`: nothing in them may run or load.
 *   `frame-ancestors 'none'` everywhere (and X-Frame-Options: DENY for old browsers): nobody frames us.
 * - X-Content-Type-Options: nosniff; Referrer-Policy: no-referrer (the app never needs a Referer, and signed file
 *   links never leak through one); Cross-Origin-Opener-Policy: same-origin; Permissions-Policy limiting the H5 app
 *   to the camera and location it uses.
 * - Strict-Transport-Security only when the request came over HTTPS (directly or, from a proxy TRUST_PROXY trusts,
 *   by X-Forwarded-Proto): a browser ignores it over plain HTTP, and local `npm start` stays plain HTTP.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { ClientAddress } from './client-address'

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
export const FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
const HSTS = 'max-age=15552000'
const PERMISSIONS_POLICY = 'camera=(self), geolocation=(self), microphone=(), payment=(), usb=(), serial=()'
/**
 * Taro's H5 tab bar renders `<a href="javascript:;">` (its onClick does the work): the click then also "navigates" to
 * that no-op URL, which a policy without it reports as a violation. 'unsafe-hashes' with the hash of exactly that URL
 * allows that one empty statement (Chromium hashes the whole `javascript:` URL), nothing else.
 */
const TARO_TABBAR_HREF = `sha256-${createHash('sha256').update('javascript:;').digest('base64')}`

/** The app's policy, given the hashes of the inline scripts it must allow. */
export function appCsp(inlineScriptHashes: readonly string[]): string {
  const scripts = ["'self'", ...inlineScriptHashes.map((h) => `'${h}'`), "'unsafe-hashes'", `'${TARO_TABBAR_HREF}'`].join(' ')
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // blob:: Taro's H5 uploadFile reads the picked file back from its blob: URL with an XHR before posting it.
    "connect-src 'self' blob:",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** `sha256-…` of every inline <script> (one without src) of an HTML document. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = []
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? ''
    if (/\ssrc\s*=/i.test(attrs) || m[2] === '') continue
    out.push(`sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}`)
  }
  return out
}

/** The app CSP for STATIC_DIR/index.html, recomputed when the file changes (a rebuild under a running server). */
function appCspSource(staticDir: string | null): () => string {
  let cached: { mtimeMs: number; csp: string } | null = null
  const fallback = appCsp([])
  return () => {
    if (!staticDir) return fallback
    const file = path.join(staticDir, 'index.html')
    try {
      const { mtimeMs } = statSync(file)
      if (!cached || cached.mtimeMs !== mtimeMs) {
        cached = { mtimeMs, csp: appCsp(inlineScriptHashes(readFileSync(file, 'utf8'))) }
      }
      return cached.csp
    } catch {
      return fallback
    }
  }
}

export function registerSecurityHeaders(app: FastifyInstance, staticDir: string | null, client: ClientAddress): void {
  const htmlCsp = appCspSource(staticDir)
  app.addHook('onSend', async (request, reply, payload) => {
    // By path, not by content type: a 304 revalidating index.html carries no content type, and the browser keeps
    // the headers of the 304 (a wrong CSP there would block the whole app on the next visit).
    const path = request.url.split('?')[0]
    let csp: string
    if (path.startsWith('/api/files/')) {
      csp = FILE_CSP
    } else if (path === '/api' || path.startsWith('/api/')) {
      csp = API_CSP
    } else {
      // The H5 app: its pages (index.html and the SPA fallback) and its assets (where a CSP does no harm).
      csp = htmlCsp()
      reply.header('permissions-policy', PERMISSIONS_POLICY)
    }
    reply.header('content-security-policy', csp)
    reply.header('x-content-type-options', 'nosniff')
    reply.header('x-frame-options', 'DENY')
    reply.header('referrer-policy', 'no-referrer')
    reply.header('cross-origin-opener-policy', 'same-origin')
    reply.header('x-permitted-cross-domain-policies', 'none')
    if (client.protocol(request) === 'https') reply.header('strict-transport-security', HSTS)
    return payload
  })
}

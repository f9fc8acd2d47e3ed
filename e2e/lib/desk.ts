/**
 * The office console's side of the browser journeys (issue 16): a desktop browser context at a desk viewport whose
 * every screenshot is also an axe check, a login through the demo personas (dev mode), and the test's own hand on the
 * API (call / ok / login / countAll) to set up a world and count independently of the console.
 */
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { checkA11y } from './axe'
import { ARTIFACTS, launchBrowser, startStack, type Stack } from './harness'
import { ADMIN_DIR, ensureAdminBuild } from '../../scripts/lib/admin-build'

export interface Desk {
  context: BrowserContext
  page: Page
  /** Console errors and page errors seen so far: a journey asserts it stays empty. */
  problems: string[]
  /** Waits for antd's transitions, runs axe (fails on serious/critical) and saves a numbered screenshot. */
  shot(name: string): Promise<void>
}

/** A desktop browser at 1440×900 (or the given size), screenshots in e2e/artifacts/<journey>/. */
export async function openDesk(browser: Browser, baseUrl: string, journey: string, viewport = { width: 1440, height: 900 }): Promise<Desk> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text())
  })
  page.on('pageerror', (err) => problems.push(String(err)))
  const dir = path.join(ARTIFACTS, journey)
  mkdirSync(dir, { recursive: true })
  let n = 0
  return {
    context,
    page,
    problems,
    async shot(name: string) {
      n += 1
      // antd's transitions (menus, drawers, messages) finished first
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5000 }).catch(() => undefined)
      await checkA11y(page, journey, `desk-${name}`)
      await page.screenshot({ path: path.join(dir, `${String(n).padStart(2, '0')}-desk-${name}.png`) })
    },
  }
}

/** Logs the console in through 演示登录 (dev mode only) as the persona with that nickname; waits for the dashboard. */
export async function deskLoginAs(desk: Desk, nickname: string): Promise<void> {
  const d = desk.page
  await d.goto('/admin/')
  await d.waitForURL('**/admin/login')
  await d.getByRole('button', { name: `以 ${nickname} 登录` }).click()
  await d.waitForURL((u) => !u.pathname.endsWith('/admin/login'))
  await d.getByTestId('console-user').waitFor()
}

// ---------- the API, as the test's own independent hand ----------
export interface Answer<T = unknown> {
  status: number
  body: T
}
export interface ApiHand {
  call<T = unknown>(method: string, url: string, o?: { token?: string; body?: unknown; form?: FormData }): Promise<Answer<T>>
  ok<T = unknown>(method: string, url: string, o?: { token?: string; body?: unknown; form?: FormData }): Promise<T>
  /** A member-app session token of a demo persona. */
  login(persona: string): Promise<string>
  /** Every item of a cursor-paged list ({ items, nextCursor }), page by page. */
  countAll(token: string, url: string): Promise<number>
}

export function apiHand(baseUrl: () => string): ApiHand {
  async function call<T = unknown>(method: string, url: string, o: { token?: string; body?: unknown; form?: FormData } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {}
    if (o.token) headers.authorization = `Bearer ${o.token}`
    if (o.body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(baseUrl() + url, { method, headers, body: o.form ?? (o.body === undefined ? undefined : JSON.stringify(o.body)) })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
  async function ok<T = unknown>(method: string, url: string, o: { token?: string; body?: unknown; form?: FormData } = {}): Promise<T> {
    const r = await call<T>(method, url, o)
    assert.equal(r.status, 200, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }
  const login = async (persona: string) => (await ok<{ token: string }>('POST', '/api/auth/dev-login', { body: { persona } })).token
  async function countAll(token: string, url: string): Promise<number> {
    let n = 0
    let cursor: string | null = null
    do {
      const sep = url.includes('?') ? '&' : '?'
      const page: { items: unknown[]; nextCursor: string | null } = await ok('GET', `${url}${sep}limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token })
      n += page.items.length
      cursor = page.nextCursor
    } while (cursor)
    return n
  }
  return { call, ok, login, countAll }
}

/** The console journeys' world: the console built if stale, the real server serving it at /admin, one browser. */
export async function startDeskStack(): Promise<{ stack: Stack; browser: Browser }> {
  await ensureAdminBuild((m) => console.log(`[e2e] ${m}`))
  const stack = await startStack({ ADMIN_DIR })
  return { stack, browser: await launchBrowser() }
}

export async function stopDeskStack(stack: Stack | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close()
  await stack?.stop()
}

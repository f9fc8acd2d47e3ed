/**
 * Browser-journey harness: the production H5 build served by the real server (a child process,
 * fresh PGlite data folder, demo seed, dev login), driven by playwright-core in the system
 * Chromium at a 375×812 phone viewport. Screenshots go to e2e/artifacts/<journey>/.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before } from 'node:test'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { ensureH5Build, H5_DIR, ROOT } from '../../scripts/lib/h5-build'
import { checkA11y } from './axe'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts')

export interface Stack {
  baseUrl: string
  dataDir: string
  /** Moves the server's clock forward by `ms` (from now on Date.now() there is that much later). */
  advanceClock(ms: number): Promise<void>
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${log()}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`server did not answer /api/health within ${timeoutMs} ms:\n${log()}`)
}

/**
 * Builds the H5 app if stale and starts the real server on a free port with a fresh database: a PGlite data folder,
 * or the PostgreSQL database `databaseUrl` names (the launch journey's production run).
 */
export async function startStack(env: NodeJS.ProcessEnv = {}, options: { databaseUrl?: string } = {}): Promise<Stack> {
  await ensureH5Build((m) => console.log(`[e2e] ${m}`))
  const port = await freePort()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'union-e2e-'))
  const clockFile = path.join(dataDir, 'clock-offset-ms')
  let clockOffset = 0
  writeFileSync(clockFile, '0')
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${path.join(__dirname, 'clock.mjs')}`.trim(),
    E2E_CLOCK_FILE: clockFile,
    NODE_ENV: 'test',
    AUTH_MODE: 'dev',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    STATIC_DIR: H5_DIR,
    LOG_LEVEL: 'warn',
    ...env,
  }
  // Journeys run on the embedded PostgreSQL with a fresh data folder, whatever the shell exports — unless told.
  if (options.databaseUrl) childEnv.DATABASE_URL = options.databaseUrl
  else delete childEnv.DATABASE_URL
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'src', 'main.ts')], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const baseUrl = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(baseUrl, child, () => output)
  } catch (err) {
    child.kill('SIGKILL')
    throw err
  }
  return {
    baseUrl,
    dataDir,
    async advanceClock(ms: number) {
      clockOffset += ms
      writeFileSync(clockFile, String(clockOffset))
      // the server re-reads the offset every 100 ms
      await new Promise((r) => setTimeout(r, 250))
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  })
}

/**
 * Waits until the H5 route slide-in (a CSS transition) has finished, so that clicks land on the
 * page a person sees and screenshots are not taken mid-animation.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5000 })
}

export interface Phone {
  context: BrowserContext
  page: Page
  /**
   * Content-Security-Policy violations reported by any page of this phone so far (the browser's
   * `securitypolicyviolation` events and its "Refused to …" console errors): a journey asserts it stays empty.
   */
  cspViolations: string[]
  /**
   * Saves e2e/artifacts/<journey>/<NN>-<name>.png and returns its path; first runs axe on the page (e2e/lib/axe.ts) in
   * normal mode and, signed in, in 关怀模式 too, failing on any serious or critical violation, so every recorded step
   * is also an accessibility check in both modes.
   */
  shot(name: string): Promise<string>
  close(): Promise<void>
}

/** A fresh phone (own cookies and storage) at 375×812, as a person would hold it. */
export async function openPhone(browser: Browser, baseUrl: string, journey: string): Promise<Phone> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const cspViolations: string[] = []
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => void cspViolations.push(text))
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation?: (t: string) => void }).__reportCspViolation
      report?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || location.pathname}:${e.lineNumber}`)
    })
  })
  const page = await context.newPage()
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text())
  })
  const dir = path.join(ARTIFACTS, journey)
  mkdirSync(dir, { recursive: true })
  let n = 0
  return {
    context,
    page,
    cspViolations,
    async shot(name) {
      await settle(page)
      n += 1
      await checkA11y(page, journey, name, { bothModes: true })
      const file = path.join(dir, `${String(n).padStart(2, '0')}-${name}.png`)
      await page.screenshot({ path: file })
      return file
    },
    close: () => {
      // Journeys that do not assert on them still say so.
      if (cspViolations.length) console.log(`[e2e] ${journey}: CSP violations:\n  ${cspViolations.join('\n  ')}`)
      return context.close()
    },
  }
}

/**
 * One server and one browser for a journey file: started before its tests, stopped after.
 * Returns a phone factory bound to them.
 */
export function useJourneyStack(): { phone(journey: string): Promise<Phone>; baseUrl(): string; advanceClock(ms: number): Promise<void> } {
  let stack: Stack | undefined
  let browser: Browser | undefined
  before(async () => {
    stack = await startStack()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await stack?.stop()
  })
  return {
    phone: (journey) => openPhone(browser!, stack!.baseUrl, journey),
    baseUrl: () => stack!.baseUrl,
    advanceClock: (ms) => stack!.advanceClock(ms),
  }
}

/** Logs a phone in as a demo persona from the 演示登录 page and waits for 首页 to greet them. */
export async function loginAs(phone: Phone, persona: string, nickname: string): Promise<void> {
  const { page } = phone
  await page.goto('/pages/login/index')
  await page.locator(`#persona-${persona}`).waitFor()
  await settle(page)
  await page.locator(`#persona-${persona}`).click()
  await page.locator('.home-hello:visible').getByText(nickname).waitFor()
}

/** Taps a tab of the tab bar once the current page has settled. */
export async function tab(page: Page, name: '首页' | '福利' | '我的'): Promise<void> {
  await settle(page)
  await page.locator('.taro-tabbar__tabbar').getByText(name, { exact: true }).click()
}

/**
 * 工会工作台 (the office console, issue 16) at 1440×900: the console at /admin shows a login QR → a second browser
 * context, the H5 mini-program logged in as the district admin (管理员·周), opens the QR's link, sees where the login
 * comes from and confirms → the console is logged in as 管理员·周 → 我的 → 扫一扫 · 电脑登录 → 退出电脑登录 on the phone
 * ends the console session (the console is back at its login). Screenshots of every step in e2e/artifacts/console/.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, launchBrowser, loginAs, openPhone, settle, startStack, tab, type Stack } from '../lib/harness'
import { ADMIN_DIR, ensureAdminBuild } from '../../scripts/lib/admin-build'

let stack: Stack | undefined
let browser: Browser | undefined
before(async () => {
  await ensureAdminBuild((m) => console.log(`[e2e] ${m}`))
  stack = await startStack({ ADMIN_DIR })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await stack?.stop()
})

/** The console's browser: a desktop at 1440×900; screenshots numbered beside the phone's. */
async function openDesk(baseUrl: string) {
  const context = await browser!.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text())
  })
  page.on('pageerror', (err) => problems.push(String(err)))
  const dir = path.join(ARTIFACTS, 'console')
  mkdirSync(dir, { recursive: true })
  let n = 0
  return {
    context,
    page,
    problems,
    async shot(name: string) {
      n += 1
      await page.screenshot({ path: path.join(dir, `${String(n).padStart(2, '0')}-desk-${name}.png`) })
    },
  }
}

async function qrOf(page: Page): Promise<string> {
  const el = page.getByTestId('login-qr')
  await page.waitForFunction(() => (document.querySelector('[data-testid="login-qr"]') as HTMLElement | null)?.dataset.qr?.includes('ticket='))
  return (await el.getAttribute('data-qr'))!
}

test('console QR → the district admin confirms on the phone → console logged in → 退出电脑登录 ends it', async () => {
  const desk = await openDesk(stack!.baseUrl)
  const phone = await openPhone(browser!, stack!.baseUrl, 'console')
  try {
    // --- the console: no session → its login page with a QR
    const d = desk.page
    await d.goto('/admin/')
    await d.waitForURL('**/admin/login')
    const qr = await qrOf(d)
    assert.match(qr, new RegExp(`^${stack!.baseUrl}/packages/console-login/confirm/index\\?ticket=[A-Za-z0-9_-]{16,}$`))
    await d.getByRole('heading', { name: '工会工作台' }).waitFor()
    await desk.shot('login-qr')

    // --- the phone (H5, 管理员·周) opens the QR's link: where and when, 确认登录
    await loginAs(phone, 'admin', '管理员·周')
    const p = phone.page
    await p.goto(qr)
    await p.locator('.console-login-ask:visible').getByText('在电脑上登录工会工作台？').waitFor()
    const place = (await p.locator('.console-login-place:visible').textContent()) ?? ''
    assert.match(place, /^来自 Chrome · Linux · IP 127\.0\.0\.1$/)
    await phone.shot('confirm-ask')
    // the console sees the scan
    await d.getByTestId('login-status').getByText('管理员·周 已扫码，请在手机上确认登录').waitFor()
    await desk.shot('scanned')

    await settle(p)
    await p.locator('.console-login-confirm:visible').click()
    await p.locator('.console-login-done:visible').getByText('已确认').waitFor()
    await phone.shot('confirmed')

    // --- the console is logged in as 管理员·周, with the menu an admin sees
    await d.waitForURL('**/admin/dashboard')
    await d.getByTestId('console-user').getByText('管理员·周 · 云溪区总工会').waitFor()
    const nav = d.getByRole('navigation', { name: '主菜单' })
    for (const label of ['数据看板', '入会审核', '帮扶审核', '审计日志']) await nav.getByText(label).waitFor()
    await desk.shot('logged-in')
    // the same QR cannot log anyone in again
    await p.goto(qr)
    await p.locator('.error-box:visible').getByText('该二维码已使用', { exact: false }).waitFor()
    await phone.shot('qr-used-again')

    // --- 我的 → 扫一扫 · 电脑登录: the live console session, 退出电脑登录
    await p.goto('/pages/home/index')
    await tab(p, '我的')
    await settle(p)
    await p.locator('.workbench-console:visible').click()
    const sessions = p.locator('.console-login-sessions:visible')
    await sessions.getByText('来自 Chrome · Linux · IP 127.0.0.1').waitFor()
    await phone.shot('console-sessions')
    await settle(p)
    await sessions.locator('.console-logout').click()
    await sessions.waitFor({ state: 'detached' })
    await phone.shot('logged-out-console')

    // --- the console's next request is refused: back at the login page with a fresh QR
    await d.reload()
    await d.waitForURL('**/admin/login')
    assert.notEqual(await qrOf(d), qr)
    await desk.shot('console-ended')
    assert.deepEqual(desk.problems.filter((t) => /Content Security Policy|Refused to/i.test(t)), [])
    assert.deepEqual(phone.cspViolations, [])
  } finally {
    await desk.context.close()
    await phone.close()
  }
})

/**
 * 工会工作台 (the office console, issue 16) at 1440×900 — the must-show journey, a screenshot of every step
 * (e2e/artifacts/console/), axe on every one (desk and phone): the console at /admin shows a login QR → a second browser
 * context, the H5 mini-program logged in as the district admin (管理员·周), opens the QR's link, sees where the login
 * comes from and confirms → the console is logged in → 数据看板 shows its charts, and its figures equal the test's own
 * count through the list endpoints → 帮扶审核 初审 filtered to 已超时 (a case made overdue by the server's movable
 * clock) → the case opened (the audited view: its audit row read back through the API) → 入会审核: three joining
 * applications (made through the API) bulk-approved → 导出发放名单 and the .xlsx opened (exceljs) → 审计日志 shows
 * those actions, the sensitive ones highlighted → 退出电脑登录 on the phone ends the console session.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { checkDigit } from '../../contract/membership/idcard'
import { ARTIFACTS, loginAs, openPhone, settle, tab, type Stack } from '../lib/harness'
import { apiHand, openDesk as openDeskAt, startDeskStack, stopDeskStack } from '../lib/desk'
import { solidPng } from '../lib/png'

let stack: Stack | undefined
let browser: Browser | undefined
before(async () => {
  ;({ stack, browser } = await startDeskStack())
})
after(() => stopDeskStack(stack, browser))

const DAY = 86_400_000
const DIR = path.join(ARTIFACTS, 'console')

const openDesk = (baseUrl: string) => openDeskAt(browser!, baseUrl, 'console')

async function qrOf(page: Page): Promise<string> {
  const el = page.getByTestId('login-qr')
  await page.waitForFunction(() => (document.querySelector('[data-testid="login-qr"]') as HTMLElement | null)?.dataset.qr?.includes('ticket='))
  return (await el.getAttribute('data-qr'))!
}

const { ok, login, countAll } = apiHand(() => stack!.baseUrl)
const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
const idNumber = (n: number) => {
  const first17 = `110105199205${String(10 + n).padStart(2, '0')}${String(300 + n)}`
  return first17 + checkDigit(first17)
}

/** A relief case of the member, submitted with one file on each required checklist item. */
async function submitRelief(member: string, typeKey: string, fields: Record<string, unknown>, docs: string[]): Promise<number> {
  const draft = await ok<{ id: number }>('POST', '/api/relief/applications', { token: member, body: { typeKey } })
  const documents: Record<string, string[]> = {}
  for (const key of docs) {
    const fd = new FormData()
    fd.append('file', new Blob([new Uint8Array(solidPng(32, [0xdd, 0xdd, 0xdd]))], { type: 'image/png' }), `${key}.png`)
    documents[key] = [(await ok<{ id: string }>('POST', '/api/relief/files', { token: member, form: fd })).id]
  }
  await ok('PUT', `/api/relief/applications/${draft.id}/draft`, { token: member, body: { step: 'documents', fields, documents, consentSensitive: true } })
  await ok('POST', `/api/relief/applications/${draft.id}/submit`, { token: member })
  return draft.id
}

test('the console’s must-show journey: QR → phone confirms → dashboard = API counts → overdue 初审 → audited view → 批量通过 → 发放名单 .xlsx → 审计日志 → 退出电脑登录', async () => {
  // --- the world, through the API: two relief cases of 李晓梅 (星河物流). The payable one goes 初审 → 复核 ¥20000 →
  // 公示 5 days; the other waits in 初审. Three weeks later (the server’s clock; long enough past any holiday) the notice is over and the wait overdue.
  {
    const member = await login('member')
    const reviewer = await login('reviewer')
    const admin = await login('admin')
    const waiting = await submitRelief(member, 'hardship', { household_size: 3, monthly_income_per_head: 1200, cause: 'illness', situation: '丈夫重病住院，家庭收入骤减' }, ['hardship_proof'])
    assert.ok(waiting > 0)
    const paid = await submitRelief(
      member,
      'serious_illness',
      { diagnosis: '急性白血病', hospital: '示例市第一人民医院', admission_date: chinaDay(Date.now() - 30 * DAY), total_cost: 186000, reimbursed: 120000 },
      ['invoices', 'discharge_summary'],
    )
    await ok('POST', `/api/relief/review/${paid}/approve`, { token: reviewer, body: { note: '材料齐全' } })
    await ok('POST', `/api/relief/review/${paid}/approve`, { token: admin, body: { amount: 20000 } })
    await ok('POST', '/api/relief/publicity', { token: admin, body: { title: '帮扶救助公示（工作台演示）', days: 5 } })
    await stack!.advanceClock(21 * DAY)
  }
  // Three people apply to join 星河物流 (now, on the moved clock: none of them overdue).
  const unions = await ok<{ items: { id: number; name: string }[] }>('GET', `/api/membership/unions?q=${encodeURIComponent('星河物流')}`, { token: await login('gig') })
  const logistics = unions.items.find((u) => u.name === '星河物流有限公司工会')!.id
  const applicants: [string, string][] = [['gig', '王小骑'], ['venue', '陈立新'], ['keeper', '孙海涛']]
  for (const [i, [persona, name]] of applicants.entries()) {
    const token = await login(persona)
    await ok('POST', '/api/membership/applications', {
      token,
      body: { name, idNumber: idNumber(i), phone: `1391234560${i}`, employer: '', noFixedEmployer: true, employmentType: 'delivery', orgId: logistics, consentSensitive: true },
    })
  }
  const adminApi = await login('admin')

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
    await d.getByTestId('login-status').getByText('管理员·周 已扫码，请在手机上确认登录').waitFor()
    await desk.shot('scanned')

    await settle(p)
    await p.locator('.console-login-confirm:visible').click()
    await p.locator('.console-login-done:visible').getByText('已确认').waitFor()
    await phone.shot('confirmed')

    // --- the console is logged in as 管理员·周: 数据看板 with charts
    await d.waitForURL('**/admin/dashboard')
    await d.getByTestId('console-user').getByText('管理员·周 · 云溪区总工会').waitFor()
    const nav = d.getByRole('navigation', { name: '主菜单' })
    for (const label of ['数据看板', '入会审核', '帮扶审核', '审计日志']) await nav.getByText(label).waitFor()
    await d.getByRole('heading', { name: '数据看板 · 云溪区总工会' }).waitFor()
    const stat = (title: string) => d.locator('.ant-statistic').filter({ has: d.locator('.ant-statistic-title', { hasText: title }) })
    await stat('会员总数').waitFor()
    await d.waitForFunction(() => document.querySelectorAll('canvas').length >= 3)
    // The figures against the test's own count through the list endpoints (the queues the staff work from).
    const pendingJoins = await countAll(adminApi, '/api/membership/review')
    const overdueJoins = await countAll(adminApi, '/api/membership/review?overdue=1')
    assert.equal(pendingJoins, 3)
    const overdueRelief = (await countAll(adminApi, '/api/relief/review?level=base&overdue=1')) + (await countAll(adminApi, '/api/relief/review?level=district&overdue=1'))
    assert.equal(overdueRelief, 1)
    const overdueLegal = (await ok<{ overdueCount: number }>('GET', '/api/legal/manage/cases?filter=overdue&limit=50', { token: adminApi })).overdueCount
    assert.equal(await countAll(adminApi, '/api/legal/manage/cases?filter=overdue'), overdueLegal)
    assert.equal((await stat('入会审核超时').locator('.ant-statistic-content-value').textContent())?.trim(), String(overdueJoins))
    assert.equal((await stat('入会审核超时').locator('.ant-statistic-content-suffix').textContent())?.trim(), `/ ${pendingJoins} 待审`)
    assert.equal((await stat('帮扶 / 法援超时').locator('.ant-statistic-content-value').textContent())?.trim(), String(overdueRelief))
    assert.equal((await stat('帮扶 / 法援超时').locator('.ant-statistic-content-suffix').textContent())?.trim(), `/ ${overdueLegal}`)
    const members = Number((await stat('会员总数').locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''))
    assert.ok(members > 0, 'the seeded members are counted')
    await desk.shot('dashboard')

    // --- 帮扶审核: the 初审 queue filtered to 已超时 → the one overdue case
    await nav.getByText('帮扶审核').click()
    await d.getByRole('heading', { name: '帮扶审核' }).waitFor()
    await d.getByLabel('是否超时').click()
    await d.locator('.ant-select-item-option', { hasText: '已超时' }).click()
    const reliefRows = d.locator('.ant-table-tbody tr.ant-table-row')
    await d.waitForFunction(() => {
      const rows = document.querySelectorAll('.ant-table-tbody tr.ant-table-row')
      return rows.length === 1 && rows[0].textContent?.includes('困难职工帮扶')
    })
    assert.equal(await reliefRows.count(), 1)
    assert.match((await reliefRows.first().textContent()) ?? '', /李晓梅/)
    assert.match((await reliefRows.first().textContent()) ?? '', /已超时/)
    await desk.shot('relief-overdue')

    // --- open the record: the Drawer reads the audited reviewer view; its audit row, read back through the API
    const before = await ok<{ items: { id: number }[] }>('GET', '/api/audit?action=relief.application.view_sensitive', { token: adminApi })
    await reliefRows.first().getByRole('button', { name: /查\s*看/ }).click()
    const drawer = d.getByRole('dialog')
    await drawer.getByText('本次查看含敏感信息，已记入审计日志').waitFor()
    await drawer.getByText('困难职工帮扶 · 李晓梅').waitFor()
    await desk.shot('relief-case-open')
    const afterView = await ok<{ items: { id: number; actor: { name: string }; channel: string; subjectType: string; ip: string; device: string }[] }>(
      'GET',
      '/api/audit?action=relief.application.view_sensitive',
      { token: adminApi },
    )
    const viewRow = afterView.items.find((r) => !before.items.some((b) => b.id === r.id))
    assert.ok(viewRow, 'opening the case wrote an audit row')
    assert.deepEqual(
      { actor: viewRow.actor.name, channel: viewRow.channel, subject: viewRow.subjectType, ip: viewRow.ip, device: viewRow.device },
      { actor: '管理员·周', channel: 'console', subject: 'relief_application', ip: '127.0.0.1', device: 'Chrome · Linux' },
    )
    await d.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })

    // --- 入会审核: the three applications, selected and approved together
    await nav.getByText('入会审核').click()
    await d.getByRole('heading', { name: '入会审核' }).waitFor()
    const joinRows = d.locator('.ant-table-tbody tr.ant-table-row')
    await d.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 3)
    for (const [, name] of applicants) await joinRows.filter({ hasText: name }).waitFor()
    await d.locator('.ant-table-thead .ant-checkbox-input').check()
    await d.getByRole('button', { name: '批量通过（3）' }).waitFor()
    await desk.shot('membership-selected')
    await d.getByRole('button', { name: '批量通过（3）' }).click()
    await d.waitForFunction(() => Array.from(document.querySelectorAll('.ant-table-tbody .ant-tag')).filter((t) => t.textContent === '已通过').length === 3)
    await d.getByText('已通过 3 份入会申请').waitFor()
    await desk.shot('membership-bulk-approved')
    assert.equal(await countAll(adminApi, '/api/membership/review'), 0)

    // --- 导出发放名单: the .xlsx, opened
    await nav.getByText('帮扶审核').click()
    await d.getByRole('heading', { name: '帮扶审核' }).waitFor()
    const [download] = await Promise.all([d.waitForEvent('download'), d.getByRole('button', { name: '导出发放名单' }).click()])
    const file = path.join(DIR, 'payout-list.xlsx')
    await download.saveAs(file)
    assert.match(download.suggestedFilename(), /^发放名单-全部-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.worksheets[0]
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    const rows = ws.getSheetValues().slice(2).filter(Boolean).map((r) => (r as unknown[]).slice(1))
    assert.equal(rows.length, 1, 'one case may be paid now')
    const cell = (name: string) => rows[0][header.findIndex((h) => String(h).startsWith(name))]
    assert.equal(cell('申请人'), '李晓梅')
    assert.equal(cell('救助类型'), '大病医疗救助')
    assert.equal(Number(cell('核定金额')), 20000)
    assert.match(String(cell('身份证号')), /^\d{4}\*+[\dX]{4}$/)
    await d.getByText('发放名单已导出').waitFor()
    await desk.shot('payout-list-exported')

    // --- 审计日志: those actions, newest first; the sensitive ones highlighted
    await nav.getByText('审计日志').click()
    await d.getByRole('heading', { name: '审计日志' }).waitFor()
    const auditRows = d.locator('.ant-table-tbody tr.ant-table-row')
    await auditRows.first().waitFor()
    const exportRow = auditRows.filter({ hasText: '导出发放名单' }).first()
    await exportRow.waitFor()
    assert.match((await exportRow.getAttribute('class')) ?? '', /audit-sensitive/)
    assert.match((await exportRow.textContent()) ?? '', /管理员·周.*工作台 · Chrome · Linux · 127\.0\.0\.1/)
    assert.equal(await auditRows.filter({ hasText: '入会审核通过' }).filter({ hasText: '管理员·周' }).count(), 3)
    const viewed = auditRows.filter({ hasText: '查看帮扶申请敏感信息' }).filter({ hasText: `帮扶申请 #` }).first()
    assert.match((await viewed.getAttribute('class')) ?? '', /audit-sensitive/)
    assert.match((await auditRows.filter({ hasText: '工作台登录' }).first().textContent()) ?? '', /管理员·周/)
    await desk.shot('audit-log')
    // 只看敏感操作: the views and the export only
    await d.getByRole('switch', { name: '只看敏感操作' }).click()
    await d.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('.ant-table-tbody tr.ant-table-row'))
      return rows.length > 0 && rows.every((r) => r.classList.contains('audit-sensitive'))
    })
    await desk.shot('audit-log-sensitive')
    // the same page in 深色 (axe checks its contrast too), then back
    await d.getByRole('switch', { name: '深色模式' }).click()
    await d.waitForFunction(() => document.documentElement.dataset.theme === 'dark')
    await desk.shot('audit-log-dark')
    await d.getByRole('switch', { name: '深色模式' }).click()
    await d.waitForFunction(() => document.documentElement.dataset.theme === 'light')

    // --- the other two queues open with the seeded work (axe checks them at desk size too)
    await nav.getByText('活动审批').click()
    await d.getByRole('heading', { name: '活动审批' }).waitFor()
    await d.locator('.ant-table-tbody tr.ant-table-row, .ant-table-tbody tr.ant-table-placeholder').first().waitFor()
    await desk.shot('event-approvals')
    await nav.getByText('法律援助').click()
    await d.getByRole('heading', { name: '法律援助' }).waitFor()
    await d.locator('.ant-table-tbody tr.ant-table-row, .ant-table-tbody tr.ant-table-placeholder').first().waitFor()
    await desk.shot('legal-cases')

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

    // --- the console's next request is refused: back at the login page with a fresh QR; the same QR is spent
    await d.reload()
    await d.waitForURL('**/admin/login')
    assert.notEqual(await qrOf(d), qr)
    await desk.shot('console-ended')
    await p.goto(qr)
    await p.locator('.error-box:visible').getByText('该二维码已使用', { exact: false }).waitFor()
    await phone.shot('qr-used-again')
    assert.deepEqual(desk.problems.filter((t) => /Content Security Policy|Refused to/i.test(t)), [])
    assert.deepEqual(phone.cspViolations, [])
  } catch (err) {
    // what the desk showed when it went wrong
    await desk.page.screenshot({ path: path.join(DIR, 'failure-desk.png') }).catch(() => undefined)
    throw err
  } finally {
    await desk.context.close()
    await phone.close()
  }
})

/**
 * 会员名册导入 in the office console (issue 16), at 1440×900, a screenshot of every step (e2e/artifacts/console-roster/),
 * axe on each: 管理员·周 logs in (demo persona) → 下载模板 (the .xlsx opened: its header) → 导入到 星河物流 → uploads a
 * roster the test built with exceljs (3 good rows, 1 with a bad ID number, 1 already a member) → the preview table
 * shows exactly those outcomes, the Chinese message on the bad row → 确认导入 → the result; the test's own dry run of
 * the same file through the API finds the 3 in the roster → 审计日志 filtered to 星河物流 shows the import.
 * Then the keyboard check at 1280×800: every page of the menu opened and screenshotted (axe), no horizontal
 * scrollbar on the body, and 法律援助 driven by keyboard only (Tab to 咨询范围, arrow to 全部, Tab into the table,
 * Enter opens the side panel, Escape closes it, focus back on the row's 办理), then 排序 → 最新 by keyboard on 法律援助
 * and 活动审批: the first row is the newest the test's own API hand reads — its screenshots in
 * e2e/artifacts/console-roster-1280/.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { checkDigit } from '../../contract/membership/idcard'
import { ROSTER_COLUMNS } from '../../contract/roster/labels'
import { DEMO_MEMBER_ID_NUMBER } from '../../server/src/seed'
import { type Stack } from '../lib/harness'
import { apiHand, deskLoginAs, openDesk, startDeskStack, stopDeskStack } from '../lib/desk'

let stack: Stack | undefined
let browser: Browser | undefined
before(async () => {
  ;({ stack, browser } = await startDeskStack())
})
after(() => stopDeskStack(stack, browser))

const { ok, login } = apiHand(() => stack!.baseUrl)
const UNION = '星河物流有限公司工会'
const idNumber = (n: number) => {
  const first17 = `3301061988070${String(n).padStart(1, '0')}${String(500 + n)}`
  return first17 + checkDigit(first17)
}
const badId = (() => {
  const good = idNumber(4)
  return good.slice(0, 17) + (good[17] === '1' ? '2' : '1')
})()
const HEADER = [ROSTER_COLUMNS.name, ROSTER_COLUMNS.idNumber, ROSTER_COLUMNS.phone, ROSTER_COLUMNS.union, ROSTER_COLUMNS.joinedOn, ROSTER_COLUMNS.employment]
const ROWS = [
  ['名册·赵一', idNumber(1), '13955500001', UNION, '2021-04-01', '职工'],
  ['名册·钱二', idNumber(2), '13955500002', '', '2022-06-15', '新就业形态'], // 所属工会 empty: the union chosen in 导入到
  ['名册·孙三', idNumber(3), '13955500003', UNION, '2023-01-09', '外卖配送员'],
  ['名册·李四', badId, '13955500004', UNION, '2023-01-09', '职工'],
  ['李晓梅', DEMO_MEMBER_ID_NUMBER, '13955500005', UNION, '2020-05-01', '职工'], // the demo member: a member already
]

async function rosterXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('会员台账')
  ws.addRow(HEADER)
  for (const r of ROWS) ws.addRow(r)
  ws.getColumn(2).numFmt = '@'
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Picks `option` in the antd Select named `label` by typing into it (the union list is searched on the server). */
async function pickUnion(page: Page, label: string, search: string, option: string) {
  const box = page.getByRole('combobox', { name: label })
  await box.click()
  await box.fill(search)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click()
}

const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, body: document.body.scrollWidth }))

test('会员名册导入: template → upload → preview table (new / error / member) → 确认导入 → the 3 in the roster → 审计日志 by union; every page by keyboard at 1280×800', async () => {
  const desk = await openDesk(browser!, stack!.baseUrl, 'console-roster')
  const d = desk.page
  await deskLoginAs(desk, '管理员·周')
  const nav = d.getByRole('navigation', { name: '主菜单' })
  await nav.getByText('会员名册导入').click()
  await d.getByRole('heading', { name: '会员名册导入' }).waitFor()
  await d.getByText('还没有导入过会员名册').waitFor()
  await desk.shot('roster-empty')

  // --- 下载模板: an .xlsx with the roster's header, ID numbers kept as text
  const [download] = await Promise.all([d.waitForEvent('download'), d.getByRole('button', { name: /下载模板/ }).click()])
  assert.equal(download.suggestedFilename(), '会员台账模板.xlsx')
  const template = new ExcelJS.Workbook()
  await template.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer)
  assert.deepEqual((template.worksheets[0].getRow(1).values as unknown[]).slice(1), Object.values(ROSTER_COLUMNS))
  assert.equal(template.worksheets[0].getColumn(2).numFmt, '@')

  // --- 导入到 星河物流, then the file
  await pickUnion(d, '导入到', '星河物流', UNION)
  await d.locator('input[type=file]').setInputFiles({ name: '星河物流会员名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await rosterXlsx() })
  await d.getByText('检查结果：星河物流会员名册.xlsx').waitFor()
  const rows = d.locator('.ant-card').filter({ hasText: '检查结果' }).locator('.ant-table-tbody tr.ant-table-row')
  assert.equal(await rows.count(), 5)
  const outcome = async (i: number) => (await rows.nth(i).locator('.ant-tag').textContent())?.trim()
  assert.deepEqual([await outcome(0), await outcome(1), await outcome(2), await outcome(3), await outcome(4)], ['新增', '新增', '新增', '有错误', '已是会员'])
  const bad = rows.nth(3)
  assert.match((await bad.textContent()) ?? '', /名册·李四.*身份证号：身份证号码校验位不正确，请核对后重新输入/)
  assert.match((await rows.nth(4).textContent()) ?? '', /身份证号：该身份证号已是工会会员/)
  // masked, and the empty 所属工会 shown as the chosen union
  assert.match((await rows.nth(0).textContent()) ?? '', new RegExp(`${idNumber(1).slice(0, 4)}\\*{10}${idNumber(1).slice(-4)}.*139\\*{4}0001`))
  assert.match((await rows.nth(1).textContent()) ?? '', new RegExp(UNION))
  assert.doesNotMatch((await d.content()), new RegExp(idNumber(1)))
  await desk.shot('roster-preview')
  // the filter by outcome
  await d.getByText('有错误 1', { exact: true }).click()
  assert.equal(await rows.count(), 1)
  await desk.shot('roster-preview-errors')
  await d.getByText('全部 5', { exact: true }).click()
  assert.equal(await rows.count(), 5)

  // --- 确认导入: the 3 written, 2 skipped
  await d.getByRole('button', { name: /确认导入\s*3\s*人（跳过\s*2\s*行）/ }).click()
  await d.getByText('已导入 3 人').waitFor()
  await d.getByText(/跳过 2 行/).first().waitFor()
  await d.locator('.ant-card').filter({ hasText: '最近的导入' }).getByText('星河物流会员名册.xlsx').waitFor()
  await desk.shot('roster-result')

  // --- the test's own hand: the same file's dry run finds the 3 in the roster now (已在台账), the 2 still left out
  const admin = await login('admin')
  const unions = await ok<{ items: { id: number; name: string }[] }>('GET', `/api/staff/unions?q=${encodeURIComponent('星河物流')}&limit=10`, { token: admin })
  const orgId = unions.items.find((u) => u.name === UNION)!.id
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(await rosterXlsx())]), '复核.xlsx')
  const again = await ok<{ rows: { name: string; outcome: string }[] }>('POST', `/api/membership/roster/dry-run?orgId=${orgId}`, { token: admin, form })
  assert.deepEqual(again.rows.map((r) => [r.name, r.outcome]), [
    ['名册·赵一', 'unchanged'],
    ['名册·钱二', 'unchanged'],
    ['名册·孙三', 'unchanged'],
    ['名册·李四', 'error'],
    ['李晓梅', 'member'],
  ])

  // --- 审计日志 filtered to 星河物流: the import, with its file name
  await nav.getByText('审计日志').click()
  await d.getByRole('heading', { name: '审计日志' }).waitFor()
  await pickUnion(d, '所属工会', '星河物流', UNION)
  const importRow = d.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '导入会员台账' }).first()
  await importRow.waitFor()
  assert.match((await importRow.textContent()) ?? '', new RegExp(`管理员·周.*${UNION}.*星河物流会员名册\\.xlsx`))
  await d.waitForFunction(() => Array.from(document.querySelectorAll('.ant-table-tbody tr.ant-table-row')).every((r) => r.textContent?.includes('星河物流有限公司工会')))
  await desk.shot('audit-by-union')
  assert.deepEqual(desk.problems, [])
  await desk.context.close()

  // --- a member of 星河物流 files a legal case, so the keyboard drive has a row to open
  const member = await login('member')
  await ok('POST', '/api/legal/cases', {
    token: member,
    body: { kind: 'unpaid_wages', employer: '云溪速达配送站', amount: 6800, description: '站点拖欠我两个月工资共六千八百元，多次催讨未果，请工会帮忙。', contactPref: 'phone', contactTime: 'weekday_evening', phone: '13812345678' },
  })

  // --- 1280×800: every page of the menu, no horizontal scrollbar, axe on each
  const small = await openDesk(browser!, stack!.baseUrl, 'console-roster-1280', { width: 1280, height: 800 })
  const s = small.page
  await deskLoginAs(small, '管理员·周')
  const menu = s.getByRole('navigation', { name: '主菜单' })
  const pages = ['数据看板', '入会审核', '帮扶审核', '活动审批', '法律援助', '福利活动', '活动管理', '救助类型', '组织架构', '工作人员', '会员名册导入', '审计日志']
  assert.deepEqual((await menu.locator('.ant-menu-item .ant-menu-title-content').allTextContents()).map((t) => t.trim()), pages)
  assert.deepEqual((await menu.locator('.ant-menu-item-group-title').allTextContents()).map((t) => t.trim()), ['概览', '审核办理', '活动与福利', '组织与会员', '安全审计'])
  for (const [i, label] of pages.entries()) {
    await menu.getByText(label, { exact: true }).click()
    await s.getByRole('heading', { name: label, level: 3 }).waitFor()
    await s.locator('.ant-table-tbody tr, canvas').first().waitFor().catch(() => undefined)
    await s.waitForLoadState('networkidle')
    const w = await noHorizontalScroll(s)
    assert.ok(w.scroll <= w.client && w.body <= w.client, `${label}: the page is ${w.scroll}px wide in a ${w.client}px window`)
    await small.shot(`1280-${String(i + 1)}-${label}`)
  }

  // --- 法律援助 by keyboard only
  await menu.getByText('法律援助', { exact: true }).click()
  await s.getByRole('heading', { name: '法律援助', level: 3 }).waitFor()
  await s.locator('.ant-table-tbody tr.ant-table-row').first().waitFor()
  // from the page's start: Tab until 咨询范围 (the first filter) has focus
  await s.locator('#main').focus()
  for (let i = 0; i < 10; i++) {
    await s.keyboard.press('Tab')
    if (await s.evaluate(() => !!document.activeElement?.closest('[aria-label="咨询范围"]'))) break
  }
  assert.ok(await s.evaluate(() => !!document.activeElement?.closest('[aria-label="咨询范围"]')), 'Tab reaches 咨询范围')
  // arrows move the choice: 未结案 → 已超时 → 已结案 → 全部
  const listed = s.waitForResponse((r) => r.url().includes('/api/legal/manage/cases?') && r.url().includes('filter=all'))
  for (let i = 0; i < 3; i++) await s.keyboard.press('ArrowRight')
  await listed
  assert.equal(await s.evaluate(() => document.querySelector('[aria-label="咨询范围"] input:checked')?.closest('label')?.textContent?.trim()), '全部')
  await small.shot('1280-keyboard-filter')
  // Tab on into the table (past the union, type, state and both date fields): the first row's 办理
  const visited: string[] = []
  for (let i = 0; i < 40; i++) {
    await s.keyboard.press('Tab')
    visited.push(await s.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.slice(0, 12)}`))
    if (await s.evaluate(() => !!document.activeElement?.closest('.ant-table-tbody tr.ant-table-row'))) break
  }
  const focusedRow = await s.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-row-key') ?? null)
  assert.ok(focusedRow, `Tab reaches a row of the table; focus went ${visited.join(' → ')}`)
  await small.shot('1280-keyboard-row')
  await s.keyboard.press('Enter')
  const drawer = s.locator('.ant-drawer-content-wrapper:visible')
  await drawer.waitFor()
  await drawer.getByText('咨询概况').waitFor()
  await small.shot('1280-keyboard-drawer')
  await s.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })
  await s.waitForFunction(() => !!document.activeElement?.closest('.ant-table-tbody tr.ant-table-row'))
  assert.equal(await s.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-row-key') ?? null), focusedRow, 'focus is back on the row')
  await small.shot('1280-keyboard-back')

  // --- 排序 by keyboard on both queues: 最新 first, the first row the newest by the test's own API hand (admin's token)
  const firstRow = () => s.locator('.ant-table-tbody tr.ant-table-row').first().getAttribute('data-row-key')
  /** Focus 排序, open it with ArrowDown, move to the second option, Enter; waits for the list read with sort=newest. */
  async function sortNewestByKeyboard(path: string, option: string) {
    const box = s.getByRole('combobox', { name: '排序' })
    await box.focus()
    const read = s.waitForResponse((r) => r.url().includes(path) && r.url().includes('sort=newest'))
    await s.keyboard.press('ArrowDown')
    await s.locator('.ant-select-dropdown:visible').waitFor()
    await s.keyboard.press('ArrowDown')
    await s.keyboard.press('Enter')
    await read
    await s.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' })
    assert.equal((await s.locator('.ant-select', { has: box }).locator('.ant-select-content, .ant-select-selection-item').first().textContent())?.trim(), option)
    assert.ok(await box.evaluate((el) => el === document.activeElement), '排序 keeps the focus after choosing')
    await s.waitForLoadState('networkidle')
  }
  // 法律援助 (still 全部): oldest request first, then 最新提交在前
  type Ids = { items: { id: number; title?: string }[] }
  const legalFirst = async (sort: string) => String((await ok<Ids>('GET', `/api/legal/manage/cases?filter=all&sort=${sort}&limit=1`, { token: admin })).items[0].id)
  assert.equal(await firstRow(), await legalFirst('oldest'), '法律援助 opens oldest first')
  await sortNewestByKeyboard('/api/legal/manage/cases?', '最新提交在前')
  await s.waitForFunction((id) => document.querySelector('.ant-table-tbody tr.ant-table-row')?.getAttribute('data-row-key') === id, await legalFirst('newest'))
  assert.notEqual(await legalFirst('newest'), await legalFirst('oldest'))
  await small.shot('1280-legal-sorted-newest')

  // 活动审批 with 审核情况 cleared (every event of the district): earliest start first, then 最晚开始在前
  await menu.getByText('活动审批', { exact: true }).click()
  await s.getByRole('heading', { name: '活动审批', level: 3 }).waitFor()
  const pendingBox = s.locator('.ant-select', { has: s.getByRole('combobox', { name: '审核情况' }) })
  await pendingBox.hover()
  const cleared = s.waitForResponse((r) => r.url().includes('/api/events/manage/events?') && !r.url().includes('pending='))
  await pendingBox.locator('.ant-select-clear').click()
  await cleared
  await s.waitForLoadState('networkidle')
  const eventFirst = async (sort: string) => String((await ok<Ids>('GET', `/api/events/manage/events?sort=${sort}&limit=1`, { token: admin })).items[0].id)
  await s.waitForFunction((id) => document.querySelector('.ant-table-tbody tr.ant-table-row')?.getAttribute('data-row-key') === id, await eventFirst('oldest'))
  await small.shot('1280-events-oldest')
  await sortNewestByKeyboard('/api/events/manage/events?', '最晚开始在前')
  await s.waitForFunction((id) => document.querySelector('.ant-table-tbody tr.ant-table-row')?.getAttribute('data-row-key') === id, await eventFirst('newest'))
  assert.notEqual(await eventFirst('newest'), await eventFirst('oldest'))
  await small.shot('1280-events-sorted-newest')
  assert.deepEqual(small.problems, [])
  await small.context.close()
})

/**
 * 工会工作台 · 活动管理 (issue 16) at 1440×900, a screenshot of every step (e2e/artifacts/console-events/), axe on each:
 * 管理员·周 logs into the console (demo persona) → 活动管理 → 新建活动: a one-character name first, refused beside the
 * field with the contract's message; then the whole form (zh_CN date pickers typed by keyboard), 发布活动 (creating is
 * publishing: an event opens to its members at its registration start; this one needs the organiser's approval) →
 * the side panel opens on the new event → 李晓梅 registers on the H5 phone (待审核) → the console's registrations table
 * shows her → she is approved by keyboard alone (Tab / Space / Enter, focus asserted where a person expects it) →
 * 导出名单 gives the .xlsx, opened with exceljs, with her name → the pages once more at 1280×800.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, loginAs, openPhone, settle, type Stack } from '../lib/harness'
import { deskLoginAs, openDesk, startDeskStack, stopDeskStack } from '../lib/desk'

let stack: Stack | undefined
let browser: Browser | undefined
before(async () => {
  ;({ stack, browser } = await startDeskStack())
})
after(() => stopDeskStack(stack, browser))

const JOURNEY = 'console-events'
const DIR = path.join(ARTIFACTS, JOURNEY)
const TITLE = '安全生产培训班（工作台发布）'
const DAY = 86_400_000

/** "2026-12-05 09:00" in China time, `ms` from now (rounded down to 5 minutes). */
const chinaTime = (ms: number) => {
  const t = new Date(Math.floor(ms / 300_000) * 300_000 + 8 * 3_600_000).toISOString()
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`
}

/** Types a time into an antd date picker by keyboard: select what is there, type, Enter. */
async function typeTime(d: Page, label: string, value: string) {
  const input = d.getByLabel(label, { exact: true })
  await input.click()
  await d.keyboard.press('Control+A')
  await d.keyboard.type(value)
  await d.keyboard.press('Enter')
  await d.keyboard.press('Escape')
  assert.equal(await input.inputValue(), value)
}

/** The message antd shows under a field (Form.Item help), by the field's label. */
const helpOf = (d: Page, label: string) =>
  d.locator('.ant-form-item').filter({ has: d.locator('label', { hasText: new RegExp(`^${label}$`) }) }).locator('.ant-form-item-explain')

/** Presses Tab until the focused element matches `test` (at most `max` times); fails if it never does. */
async function tabTo(d: Page, what: string, test: () => boolean, max = 150) {
  const path: string[] = []
  for (let i = 0; i < max; i++) {
    await d.keyboard.press('Tab')
    if (await d.evaluate(test)) return
    path.push(await d.evaluate(() => { const e = document.activeElement as HTMLElement | null; return e ? `${e.tagName}:${e.getAttribute('aria-label') ?? e.textContent?.trim().slice(0, 12) ?? ''}` : 'none' }))
  }
  assert.fail(`Tab never reached ${what}; went through ${path.join(' → ')}`)
}

test('活动管理 at a desk: a bad name refused beside the field → published → a member registers on the phone → the registrations table shows her → approved by keyboard → roster .xlsx with her name → 1280×800', async () => {
  const desk = await openDesk(browser!, stack!.baseUrl, JOURNEY)
  const phone = await openPhone(browser!, stack!.baseUrl, JOURNEY)
  const d = desk.page
  try {
    // --- the console, as 管理员·周 (dev mode's personas)
    await deskLoginAs(desk, '管理员·周')
    const nav = d.getByRole('navigation', { name: '主菜单' })
    await nav.getByText('活动管理').click()
    await d.getByRole('heading', { name: '活动管理' }).waitFor()
    await d.locator('.ant-table-tbody tr.ant-table-row, .ant-table-tbody tr.ant-table-placeholder').first().waitFor()
    await desk.shot('events-list')

    // --- 新建活动: a one-character name first → the contract's message beside 活动名称, nothing sent
    await d.getByRole('button', { name: /新建活动/ }).click()
    await d.getByRole('heading', { name: '新建活动' }).waitFor()
    await desk.shot('form-new')
    await d.getByLabel('培训课程').check()
    await d.getByLabel('活动名称').fill('培')
    await d.getByRole('button', { name: '发布活动' }).click()
    await helpOf(d, '活动名称').getByText('请填写活动名称').waitFor()
    await d.getByRole('alert').getByText('请检查填写的内容：请填写活动名称').waitFor()
    // the refused field has the focus, for the person to fix it
    assert.equal(await d.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label')), '活动名称')
    await desk.shot('form-bad-name')

    // --- the whole form: registration open from today 00:00, the event in ten days, approval by the organiser
    await d.getByLabel('活动名称').fill(TITLE)
    // the message goes once the name is fixed
    await helpOf(d, '活动名称').getByText('请填写活动名称').waitFor({ state: 'detached' })
    await d.getByLabel('活动介绍').fill('面向快递、外卖新就业形态劳动者的安全生产培训，结业发证。')
    const now = Date.now()
    const today = chinaTime(now).slice(0, 10)
    await typeTime(d, '报名开始', `${today} 00:00`)
    await typeTime(d, '报名截止', chinaTime(now + 7 * DAY))
    await typeTime(d, '活动开始', chinaTime(now + 10 * DAY))
    await typeTime(d, '活动结束', chinaTime(now + 10 * DAY + 3 * 3_600_000))
    await d.getByLabel('活动地点').fill('云溪区职工文化中心')
    await d.getByLabel('详细地址').fill('示例市云溪区青禾路 20 号')
    await d.getByLabel('纬度').fill('30.274')
    await d.getByLabel('经度').fill('120.155')
    await d.getByLabel('名额（人数）').fill('40')
    await d.getByLabel('需主办方审核').check()
    await desk.shot('form-filled')

    // the draft survives a reload: nothing typed is lost
    await d.reload()
    await d.getByText('已恢复上次未发布的草稿（草稿保存在本浏览器）。').waitFor()
    assert.equal(await d.getByLabel('活动名称').inputValue(), TITLE)
    assert.equal(await d.getByLabel('活动地点').inputValue(), '云溪区职工文化中心')
    await desk.shot('form-restored')

    // --- 发布活动 → back at the table with the new event's side panel open
    await d.getByRole('button', { name: '发布活动' }).click()
    await d.waitForURL(/\/admin\/events-manage\?open=\d+$/)
    const eventId = Number(new URL(d.url()).searchParams.get('open'))
    const drawer = d.getByRole('dialog')
    await drawer.getByText('暂无报名，会员报名后会出现在这里').waitFor()
    await drawer.getByText('需主办方审核').waitFor()
    await d.locator('.ant-table-row').filter({ hasText: TITLE }).waitFor()
    await desk.shot('published')

    // --- 李晓梅 registers on the phone (H5): 待审核
    await loginAs(phone, 'member', '李晓梅')
    const p = phone.page
    await p.goto(`/packages/events/detail/index?id=${eventId}`)
    await p.locator('.approval-notice:visible').getByText('本活动需主办方审核').waitFor()
    await phone.shot('member-detail')
    await settle(p)
    await p.locator('.register-btn:visible').first().click()
    await settle(p)
    await p.locator('.submit-btn:visible').first().click()
    await p.locator('.registration-page .reg-status:visible').getByText('待审核').waitFor()
    await phone.shot('member-pending')

    // --- the console's registrations table shows her (reload: the panel opens again from the address)
    await d.reload()
    const row = d.getByRole('dialog').locator('.ant-table-row').filter({ hasText: '李晓梅' })
    await row.waitFor()
    assert.match((await row.textContent()) ?? '', /待审核/)
    await desk.shot('registrations')

    // --- keyboard only: close the panel (Escape), reach 报名名单 by Tab, open it (Enter), select her (Space), 通过 (Enter)
    await d.keyboard.press('Escape')
    await d.getByRole('dialog').waitFor({ state: 'hidden' })
    await tabTo(d, '报名名单', () => document.activeElement?.getAttribute('aria-label')?.startsWith('报名名单 安全生产培训班') ?? false)
    await d.keyboard.press('Enter')
    await d.getByRole('dialog').locator('.ant-table-row').filter({ hasText: '李晓梅' }).waitFor()
    assert.ok(await d.evaluate(() => !!document.activeElement?.closest('.ant-drawer')), 'focus moves into the opened panel')
    await tabTo(d, '选择 李晓梅', () => document.activeElement?.getAttribute('aria-label') === '选择 李晓梅')
    await d.keyboard.press('Space')
    await d.getByRole('button', { name: '通过（1）', exact: true }).waitFor()
    await tabTo(d, '通过（1）', () => document.activeElement?.textContent?.replace(/\s/g, '') === '通过（1）')
    await desk.shot('keyboard-selected')
    await d.keyboard.press('Enter')
    await d.getByRole('dialog').locator('.ant-table-row').filter({ hasText: '李晓梅' }).getByText('已报名').waitFor()
    await desk.shot('approved')

    // --- 导出名单: the .xlsx, opened, with her name
    const [download] = await Promise.all([d.waitForEvent('download'), d.getByRole('button', { name: /导出名单/ }).click()])
    const file = path.join(DIR, 'roster.xlsx')
    await download.saveAs(file)
    assert.match(download.suggestedFilename(), /^安全生产培训班（工作台发布）-报名名单-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const cells: string[] = []
    wb.worksheets[0].eachRow((r) => r.eachCell((c) => void cells.push(String(c.value))))
    assert.ok(cells.includes('李晓梅'), `the roster names her: ${cells.slice(0, 40).join(' | ')}`)
    assert.ok(cells.includes('已报名'), 'with her state')
    await desk.shot('exported')

    // --- the member sees the decision
    await p.reload()
    await p.locator('.registration-page .reg-status:visible').getByText('已报名').waitFor()
    await phone.shot('member-confirmed')
    assert.deepEqual(desk.problems.filter((t) => !/favicon/.test(t)), [])
  } catch (err) {
    await d.screenshot({ path: path.join(DIR, 'failure-desk.png') }).catch(() => undefined)
    throw err
  } finally {
    await desk.context.close()
    await phone.close()
  }

  // --- the same pages at 1280×800: the table, the panel, the form (axe on each)
  const small = await openDesk(browser!, stack!.baseUrl, JOURNEY, { width: 1280, height: 800 })
  try {
    const s = small.page
    await deskLoginAs(small, '管理员·周')
    await s.goto('/admin/events-manage')
    const row = s.locator('.ant-table-row').filter({ hasText: TITLE })
    await row.waitFor()
    await small.shot('1280-list')
    await row.getByRole('button', { name: `报名名单 ${TITLE}` }).click()
    await s.getByRole('dialog').locator('.ant-table-row').filter({ hasText: '李晓梅' }).waitFor()
    await small.shot('1280-registrations')
    await s.getByRole('dialog').getByRole('button', { name: '编辑活动' }).click()
    await s.getByRole('heading', { name: '编辑活动' }).waitFor()
    assert.equal(await s.getByLabel('活动名称').inputValue(), TITLE)
    await s.getByText('已有会员报名：活动类型、报名方式、团队人数、审核方式和报名题目不能再修改', { exact: false }).waitFor()
    await small.shot('1280-edit')
    assert.deepEqual(small.problems.filter((t) => !/favicon/.test(t)), [])
  } finally {
    await small.context.close()
  }
})

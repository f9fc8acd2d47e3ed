/**
 * 工作台 · 福利活动 (issue 16, Management): the district admin 管理员·周 logs into the console (demo persona) at
 * 1440×900, opens 福利活动, fills 新建福利活动 with a bad name and sees the contract's message beside the field, reloads
 * the page and finds the unfinished form kept as a draft, fixes it and publishes; a member (李晓梅) on the H5 phone sees
 * the new campaign on 福利 and claims it; back in the console the campaign's figures show 1 issued (and equal the
 * test's own read of the stats through the API), and its export downloads. Then the page at 1280×800 driven by the
 * keyboard alone. Screenshots of every step (e2e/artifacts/console-campaigns/), axe on every one.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, loginAs, openPhone, settle, tab, type Stack } from '../lib/harness'
import { apiHand, deskLoginAs, openDesk, startDeskStack, stopDeskStack } from '../lib/desk'

let stack: Stack | undefined
let browser: Browser | undefined
before(async () => {
  ;({ stack, browser } = await startDeskStack())
})
after(() => stopDeskStack(stack, browser))

const JOURNEY = 'console-campaigns'
const TITLE = '元旦游泳福利券'
const { ok, login } = apiHand(() => stack!.baseUrl)
/** A China-time minute as the form writes it (2026-12-04 19:30). */
const chinaMinute = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

/** The message antd shows beside a form field of the campaign form (its explain line). */
const besideField = (d: Page, name: string) => d.locator(`.field-${name} .ant-form-item-explain`)

/** Types a time into an antd date-time picker and confirms it with Enter. */
async function typeTime(d: Page, id: string, value: string): Promise<void> {
  const input = d.locator(`#${id}`)
  await input.click()
  await input.press('Control+A')
  await input.pressSequentially(value)
  await input.press('Enter')
  await d.waitForFunction(([sel, v]) => (document.querySelector(sel) as HTMLInputElement | null)?.value === v, [`#${id}`, value] as const)
}

test('console 福利活动: a bad value beside its field → draft kept over a reload → 发布活动 → a member claims on the phone → the figures show 1 issued', async () => {
  const adminApi = await login('admin')
  const desk = await openDesk(browser!, stack!.baseUrl, JOURNEY)
  const phone = await openPhone(browser!, stack!.baseUrl, JOURNEY)
  try {
    const d = desk.page
    await deskLoginAs(desk, '管理员·周')
    const nav = d.getByRole('navigation', { name: '主菜单' })
    await nav.getByText('福利活动').click()
    await d.waitForURL('**/admin/campaigns')
    await d.getByRole('heading', { name: '福利活动' }).waitFor()
    await d.locator('.ant-table-row').first().waitFor()
    await desk.shot('campaigns')

    // --- 新建福利活动: 游泳, a one-character name, the seeded 云溪游泳馆, opening this minute
    await d.getByRole('button', { name: '新建福利活动' }).click()
    const form = d.locator('.ant-drawer').filter({ hasText: '新建福利活动' })
    await form.getByLabel('活动名称').waitFor()
    await desk.shot('form-new')
    await form.getByText('游泳', { exact: true }).click()
    await form.getByLabel('活动名称').fill('游')
    await form.getByLabel('券总数').fill('20')
    await form.getByLabel('可用场馆').click()
    await d.locator('.ant-select-item-option').filter({ hasText: '云溪游泳馆' }).first().click()
    await d.keyboard.press('Escape')
    const opensAt = chinaMinute(Date.now())
    await typeTime(d, 'campaign-opensAt', opensAt)
    await form.getByText('每场活动', { exact: true }).click()
    const before = (await ok<{ items: unknown[] }>('GET', '/api/vouchers/manage/campaigns?kind=swim', { token: adminApi })).items.length
    await form.getByRole('button', { name: '发布活动' }).click()
    await besideField(d, 'title').getByText('请填写活动名称').waitFor()
    assert.equal((await ok<{ items: unknown[] }>('GET', '/api/vouchers/manage/campaigns?kind=swim', { token: adminApi })).items.length, before, 'nothing was sent')
    await desk.shot('bad-name-beside-field')

    // --- a reload loses nothing: the unfinished form is a draft
    await d.reload()
    await d.getByText('有一份未发布的福利活动草稿').waitFor()
    await desk.shot('draft-waiting')
    await d.getByRole('button', { name: '继续填写' }).click()
    await form.getByText('已恢复上次未发布的草稿').waitFor()
    assert.equal(await form.getByLabel('活动名称').inputValue(), '游')
    assert.equal(await form.getByLabel('券总数').inputValue(), '20')
    assert.equal(await d.locator('#campaign-opensAt').inputValue(), opensAt)
    await desk.shot('draft-restored')

    // --- fixed and published: the campaign's figures open beside the table
    await form.getByLabel('活动名称').fill(TITLE)
    assert.equal(await besideField(d, 'title').count(), 0, 'the message goes once the field is changed')
    await form.getByRole('button', { name: '发布活动' }).click()
    const panel = d.locator('.ant-drawer').filter({ hasText: `${TITLE} · 活动数据` })
    await panel.getByText('各场馆核销').waitFor()
    const figure = (title: string) => panel.locator('.ant-statistic').filter({ has: d.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) }).locator('.ant-statistic-content-value')
    assert.equal((await figure('已发放').innerText()).trim(), '0')
    await desk.shot('published')
    const created = (await ok<{ items: { id: number; title: string; phase: string; venues: { name: string }[] }[] }>('GET', '/api/vouchers/manage/campaigns?kind=swim', { token: adminApi })).items.find((c) => c.title === TITLE)
    assert.ok(created, 'the campaign exists')
    assert.equal(created.phase, 'open')
    assert.deepEqual(created.venues.map((v) => v.name), ['云溪游泳馆'])

    // --- the member sees it on 福利 and claims it
    await loginAs(phone, 'member', '李晓梅')
    const m = phone.page
    await tab(m, '福利')
    const item = m.locator('.campaign-item:visible').filter({ hasText: TITLE })
    await item.waitFor()
    await phone.shot('welfare-list')
    await settle(m)
    await item.click()
    await m.locator('.claim-btn:visible:not([disabled])').filter({ hasText: '立即领取' }).waitFor()
    await settle(m)
    await m.locator('.claim-btn:visible').click()
    await m.locator('.claim-result[data-kind="success"]:visible').waitFor()
    await phone.shot('claimed')

    // --- back at the desk: 刷新 → 1 issued, as the API counts it; the table says 19 of 20 left
    // (by its text: a fresh-clone run once timed out looking for the button by its accessible name, which antd prefixes
    // with "loading" while a read is under way; the failure screenshot below shows the desk if it happens again)
    const refresh = panel.locator('.ant-drawer-extra button').filter({ hasText: /刷\s*新/ })
    await refresh.waitFor()
    await d.waitForFunction(() => !document.querySelector('.ant-drawer-extra .ant-btn-loading'), undefined, { timeout: 15_000 })
    await refresh.click()
    await d.waitForFunction(() => {
      const t = Array.from(document.querySelectorAll('.ant-drawer .ant-statistic')).find((e) => e.querySelector('.ant-statistic-title')?.textContent === '已发放')
      return t?.querySelector('.ant-statistic-content-value')?.textContent?.trim() === '1'
    })
    const stats = await ok<{ claims: number; redemptions: number; expired: number }>('GET', `/api/vouchers/manage/campaigns/${created.id}/stats`, { token: adminApi })
    assert.equal(stats.claims, 1)
    assert.equal((await figure('已核销').innerText()).trim(), String(stats.redemptions))
    assert.equal((await figure('已过期').innerText()).trim(), String(stats.expired))
    await desk.shot('one-issued')

    // --- its export: an .xlsx with the one claim (code and name masked) and the figures
    const [download] = await Promise.all([d.waitForEvent('download'), panel.getByRole('button', { name: '导出领取明细（.xlsx）' }).click()])
    assert.match(download.suggestedFilename(), new RegExp(`^${TITLE}-领取明细-\\d{8}\\.xlsx$`))
    const file = path.join(ARTIFACTS, JOURNEY, download.suggestedFilename())
    await download.saveAs(file)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const claims = wb.getWorksheet('领取明细')!
    assert.equal(claims.rowCount, 2, 'a header and the one claim')
    assert.equal(claims.getRow(2).getCell(2).value, '李*梅')
    assert.match(String(claims.getRow(2).getCell(1).value), /^[A-Z0-9]{4}\*+[A-Z0-9]{2}$/)
    const issued = wb.getWorksheet('活动数据')!.getRows(2, 20)!.find((r) => r.getCell(1).value === '已发放')
    assert.equal(issued?.getCell(2).value, 1)
    await d.keyboard.press('Escape')
    await panel.waitFor({ state: 'hidden' })
    // the table, narrowed to 进行中 · 游泳 (read again from the server): 19 of 20 left
    await d.getByLabel('活动状态').click()
    await d.locator('.ant-select-item-option').filter({ hasText: '进行中' }).click()
    await d.getByLabel('券种').click()
    await d.locator('.ant-select-item-option').filter({ hasText: '游泳' }).click()
    await d.locator('.ant-table-row').filter({ hasText: TITLE }).getByText('19 / 20').waitFor()
    const openSwim = await ok<{ items: { title: string }[] }>('GET', '/api/vouchers/manage/campaigns?phase=open&kind=swim', { token: adminApi })
    assert.deepEqual(await d.locator('.ant-table-row td:first-child').allInnerTexts(), openSwim.items.map((c) => c.title), 'the rows the server lists as open swim campaigns')
    await desk.shot('table-after-claim')
    assert.deepEqual(desk.problems, [])
  } catch (err) {
    await desk.page.screenshot({ path: path.join(ARTIFACTS, JOURNEY, 'failure-desk.png') }).catch(() => undefined)
    await phone.page.screenshot({ path: path.join(ARTIFACTS, JOURNEY, 'failure-phone.png') }).catch(() => undefined)
    throw new Error(`${String(err)}\n(desk at ${desk.page.url()}; console errors: ${desk.problems.join(' | ') || 'none'})`, { cause: err })
  } finally {
    await phone.context.close()
    await desk.context.close()
  }
})

test('console 福利活动 at 1280×800, by keyboard only: 新建福利活动 → the name field has focus → Escape; 查看数据 → the figures → Escape', async () => {
  const desk = await openDesk(browser!, stack!.baseUrl, `${JOURNEY}-1280`, { width: 1280, height: 800 })
  try {
    const d = desk.page
    await deskLoginAs(desk, '管理员·周')
    await d.goto('/admin/campaigns')
    await d.locator('.ant-table-row').first().waitFor()
    assert.ok(await d.evaluate(() => document.documentElement.scrollWidth <= 1280), 'no sideways scrolling at 1280 wide')
    await desk.shot('campaigns-1280')

    const focused = () => d.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      return { text: el?.textContent?.replace(/\s/g, '') ?? '', label: (el?.getAttribute('aria-label') ?? '') + (el?.getAttribute('placeholder') ? `[${el.getAttribute('placeholder')}]` : '') }
    })
    /** Tab until the focused element matches (at most `max` presses); fails if it never does. */
    const tabTo = async (match: (f: { text: string; label: string }) => boolean, what: string, max = 80) => {
      const path: string[] = []
      for (let i = 0; i < max; i++) {
        await d.keyboard.press('Tab')
        const f = await focused()
        if (match(f)) return
        path.push(f.label || f.text.slice(0, 12))
      }
      assert.fail(`Tab never reached ${what}: ${path.join(' → ')}`)
    }

    // from the top of the page: the skip link first, then on to 新建福利活动
    await d.locator('body').focus()
    await d.keyboard.press('Tab')
    assert.equal((await focused()).text, '跳到主要内容')
    await d.keyboard.press('Enter')
    await tabTo((f) => f.text === '新建福利活动', '新建福利活动')
    await d.keyboard.press('Enter')
    const form = d.locator('.ant-drawer').filter({ hasText: '新建福利活动' })
    await form.getByLabel('活动名称').waitFor()
    await d.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '活动名称')
    await d.keyboard.type('键盘填写的活动')
    // 券种 by arrow keys: Shift+Tab back into the radio group (none picked yet: the browser lands on its last
    // choice, 其他), Space picks it, ← moves to 游泳
    await d.keyboard.press('Shift+Tab')
    await d.keyboard.press('Space')
    assert.equal(await form.locator('.field-kind input[type=radio]:checked').getAttribute('value'), 'other')
    await d.keyboard.press('ArrowLeft')
    assert.equal(await form.locator('.field-kind input[type=radio]:checked').getAttribute('value'), 'swim')
    assert.equal(await d.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value), 'swim', 'focus moves with the choice')
    await desk.shot('keyboard-form')
    await d.keyboard.press('Escape')
    await form.waitFor({ state: 'hidden' })
    await d.getByText('有一份未发布的福利活动草稿').waitFor()

    // the table: Tab to the first 查看数据, Enter opens the figures, Escape closes them
    await tabTo((f) => f.label.startsWith('查看数据'), '查看数据')
    const which = (await focused()).label.replace('查看数据 ', '')
    await d.keyboard.press('Enter')
    const panel = d.locator('.ant-drawer').filter({ hasText: `${which} · 活动数据` })
    await panel.getByText('各场馆核销').waitFor()
    await desk.shot('keyboard-figures')
    await d.keyboard.press('Escape')
    await panel.waitFor({ state: 'hidden' })
    assert.deepEqual(desk.problems, [])
  } finally {
    await desk.context.close()
  }
})

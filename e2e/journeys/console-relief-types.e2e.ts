/**
 * 工会工作台 · 救助类型 (issue 16) at 1440×900, a screenshot of every step (e2e/artifacts/console-relief-types/), axe on
 * each: 管理员·周 logs into the console (demo persona) → 救助类型: the seeded types of 云溪区总工会 in the table →
 * 编辑 困难职工帮扶 → a ceiling that is not a whole number, refused beside 最高金额 with the mini-program's message and
 * nothing sent → a good ceiling, 保存修改 → the table shows it, and a member reading GET /api/relief/types (the test's
 * own API hand) sees the new ceiling → the same page by keyboard alone at 1280×800 (Tab to 编辑, Enter opens the
 * panel, Escape closes it and focus returns), without a horizontal scrollbar.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { type Stack } from '../lib/harness'
import { apiHand, deskLoginAs, openDesk, startDeskStack, stopDeskStack } from '../lib/desk'

let stack: Stack | undefined
let browser: Browser | undefined
before(async () => {
  ;({ stack, browser } = await startDeskStack())
})
after(() => stopDeskStack(stack, browser))

const JOURNEY = 'console-relief-types'
const TYPE = '困难职工帮扶'
const { ok, login } = apiHand(() => stack!.baseUrl)

/** The message antd shows under a field (Form.Item help), by the field's label. */
const helpOf = (d: Page, label: string) =>
  d.locator('.ant-form-item').filter({ has: d.locator('label', { hasText: new RegExp(`^${label}$`) }) }).locator('.ant-form-item-explain')

type MemberType = { key: string; name: string; amount: { kind: string; max?: number } }

test('救助类型: a bad ceiling refused beside its field, a good one saved and seen by a member; by keyboard at 1280×800', async () => {
  const member = await login('member')
  const before = (await ok<{ items: MemberType[] }>('GET', '/api/relief/types', { token: member })).items.find((t) => t.name === TYPE)
  assert.ok(before, `a member sees ${TYPE}`)
  assert.equal(before.amount.kind, 'reviewer_set')
  const next = (before.amount.max ?? 0) + 1000

  const desk = await openDesk(browser!, stack!.baseUrl, JOURNEY)
  const d = desk.page
  await deskLoginAs(desk, '管理员·周')
  await d.getByRole('navigation', { name: '主菜单' }).getByText('救助类型', { exact: true }).click()
  await d.getByRole('heading', { name: '救助类型', level: 3 }).waitFor()
  const row = d.locator('.ant-table-tbody tr').filter({ hasText: TYPE })
  await row.waitFor()
  assert.match(await row.textContent() ?? '', new RegExp(`¥${before.amount.max}`))
  await desk.shot('1-list')

  await d.getByRole('button', { name: `编辑 ${TYPE}` }).click()
  const ceiling = d.getByLabel('最高金额（元）', { exact: true })
  await ceiling.waitFor()
  assert.equal(await ceiling.inputValue(), String(before.amount.max))
  await desk.shot('2-editor')
  await d.locator('.ant-drawer .ant-card-head-title', { hasText: '申请表字段' }).scrollIntoViewIfNeeded()
  await desk.shot('2b-editor-fields')

  let puts = 0
  d.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().includes('/api/relief/types/')) puts += 1
  })
  await ceiling.fill('5000.5')
  await d.getByRole('button', { name: '保存修改' }).click()
  await helpOf(d, '最高金额（元）').waitFor()
  assert.equal(await helpOf(d, '最高金额（元）').textContent(), '请填写 0–1000000 的整数金额（元）')
  assert.equal(puts, 0, 'nothing is sent while a field is refused')
  // the first refused field has the focus
  assert.equal(await d.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label')), '最高金额（元）')
  await desk.shot('3-refused-beside-field')

  await ceiling.fill(String(next))
  // the message goes as soon as the field changes (after antd's fade-out)
  await helpOf(d, '最高金额（元）').waitFor({ state: 'detached' })
  await d.getByRole('button', { name: '保存修改' }).click()
  await d.getByText('已保存').first().waitFor()
  await row.filter({ hasText: `¥${next}` }).waitFor()
  await desk.shot('4-saved')

  const after_ = (await ok<{ items: MemberType[] }>('GET', '/api/relief/types', { token: member })).items.find((t) => t.name === TYPE)
  assert.equal(after_?.amount.max, next, 'the member sees the new ceiling')
  assert.deepEqual(desk.problems.filter((t) => !/favicon/.test(t)), [])

  // --- 1280×800 by keyboard: Tab to 编辑, Enter opens the panel, Escape closes it, focus back on 编辑
  const small = await openDesk(browser!, stack!.baseUrl, JOURNEY, { width: 1280, height: 800 })
  const s = small.page
  await deskLoginAs(small, '管理员·周')
  await s.goto('/admin/relief-types')
  await s.locator('.ant-table-tbody tr').filter({ hasText: TYPE }).waitFor()
  const w = await s.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }))
  assert.ok(w.scroll <= w.client, `救助类型 is ${w.scroll}px wide in a ${w.client}px window`)
  await small.shot('5-1280')
  const target = `编辑 ${TYPE}`
  let reached = false
  for (let i = 0; i < 80 && !reached; i++) {
    await s.keyboard.press('Tab')
    reached = (await s.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === target
  }
  assert.ok(reached, `Tab reaches ${target}`)
  await s.keyboard.press('Enter')
  await s.getByLabel('最高金额（元）', { exact: true }).waitFor()
  assert.equal(await s.getByLabel('最高金额（元）', { exact: true }).inputValue(), String(next))
  await small.shot('6-1280-panel-by-keyboard')
  await s.keyboard.press('Escape')
  await s.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => undefined)
  await s.waitForFunction((t) => document.activeElement?.getAttribute('aria-label') === t, target, { timeout: 5000 })
  await small.shot('7-1280-closed-focus-back')
  assert.deepEqual(small.problems.filter((t) => !/favicon/.test(t)), [])
})

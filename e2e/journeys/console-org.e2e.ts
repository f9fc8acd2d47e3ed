/**
 * 工会工作台 · 组织架构与工作人员 (issue 16, Management) at 1440×900, a screenshot of every step (e2e/artifacts/console-org/),
 * axe on every one: 管理员·周 logs into the console (demo persona) → 组织架构 shows 云溪区总工会 → 新建下级工会 with a
 * bad name and phone first (the messages beside the fields, nothing saved) → the corrected union appears in the tree
 * and its panel → 工作人员: invites a reviewer for it (QR, code, link) → a second person on the H5 phone (王小骑, no
 * staff post) opens the invitation and accepts → the console's staff table, filtered to the new union, lists them →
 * the API says they hold the role there. Then the same pages at 1280×800, and the tree driven by keyboard only.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { loginAs, openPhone, settle, type Stack } from '../lib/harness'
import { apiHand, deskLoginAs, openDesk, startDeskStack, stopDeskStack } from '../lib/desk'

let stack: Stack | undefined
let browser: Browser | undefined
before(async () => {
  ;({ stack, browser } = await startDeskStack())
})
after(() => stopDeskStack(stack, browser))

const JOURNEY = 'console-org'
const ROOT = '云溪区总工会'
const NEW_UNION = '云溪区数字经济产业园工会'
const { ok, login } = apiHand(() => stack!.baseUrl)

/** The tree node of a union (antd Tree's row), by its name. */
const treeNode = (d: Page, name: string) => d.locator('.union-tree .ant-tree-treenode').filter({ has: d.locator('.ant-tree-title', { hasText: name }) })

/** The message antd shows beside a form field, by the field's label. */
const helpOf = (scope: ReturnType<Page['locator']>, label: string) =>
  scope.locator('.ant-form-item').filter({ has: scope.page().locator('label', { hasText: label }) }).locator('.ant-form-item-explain-error')

test('组织架构 → 新建下级工会 (a bad value first) → 邀请审核员 → the phone accepts → 工作人员 lists them; 1280×800 and the keyboard', async () => {
  const desk = await openDesk(browser!, stack!.baseUrl, JOURNEY)
  const phone = await openPhone(browser!, stack!.baseUrl, JOURNEY)
  const d = desk.page
  try {
    // --- the console, logged in as the district admin
    await deskLoginAs(desk, '管理员·周')
    const nav = d.getByRole('navigation', { name: '主菜单' })
    await nav.getByText('组织架构').click()
    await d.getByRole('heading', { name: '组织架构' }).waitFor()
    await treeNode(d, ROOT).waitFor()
    await treeNode(d, ROOT).locator('.ant-tree-title').click()
    const panel = d.getByTestId('union-panel')
    await panel.getByText('区总工会', { exact: true }).waitFor()
    await panel.getByTestId('union-members').waitFor()
    await desk.shot('unions-tree')

    // --- 新建下级工会: a one-character name and a bad phone first → the messages beside the fields, nothing sent
    await panel.getByRole('button', { name: '新建下级工会' }).click()
    const dialog = d.getByRole('dialog', { name: `在「${ROOT}」下新建工会` })
    await dialog.getByLabel('工会名称').fill('数')
    await dialog.getByLabel('联系电话').fill('12345')
    await dialog.getByRole('button', { name: /新\s*建/ }).click()
    await helpOf(dialog, '工会名称').getByText('请填写工会名称（至少 2 个字）').waitFor()
    await helpOf(dialog, '工会类型').getByText('请选择工会类型').waitFor()
    await helpOf(dialog, '联系电话').getByText('请填写手机号或带区号的座机号，如 0571-87654321').waitFor()
    await desk.shot('new-union-bad-values')

    // the same name as an existing sibling: the server refuses (409 UNION_NAME_TAKEN) and the message lands beside 名称
    await dialog.getByLabel('工会名称').fill('青禾街道总工会')
    await dialog.getByLabel('工会类型').click()
    await d.locator('.ant-select-item-option').filter({ hasText: '园区·行业工会' }).click()
    await dialog.getByLabel('地址').fill('示例市云溪区数智路 88 号')
    await dialog.getByLabel('联系电话').fill('0571-87654321')
    await dialog.getByRole('button', { name: /新\s*建/ }).click()
    await helpOf(dialog, '工会名称').getByText('同一上级工会下已有同名工会').waitFor()
    await desk.shot('new-union-name-taken')

    await dialog.getByLabel('工会名称').fill(NEW_UNION)
    await dialog.getByRole('button', { name: /新\s*建/ }).click()
    await dialog.waitFor({ state: 'hidden' })
    await panel.locator('.ant-card-head-title').getByText(NEW_UNION).waitFor()
    await panel.getByText('园区·行业工会').waitFor()
    await treeNode(d, NEW_UNION).waitFor()
    await desk.shot('new-union-created')

    const adminToken = await login('admin')
    const found = await ok<{ items: { id: number; name: string; parentName: string | null }[] }>('GET', `/api/unions?q=${encodeURIComponent(NEW_UNION)}`, { token: adminToken })
    assert.equal(found.items.length, 1)
    assert.equal(found.items[0].parentName, ROOT)
    const newUnionId = found.items[0].id

    // --- 工作人员: invite a reviewer for the new union
    await nav.getByText('工作人员').click()
    await d.getByRole('heading', { name: '工作人员' }).waitFor()
    await d.getByTestId('staff-posts').locator('tbody tr').first().waitFor()
    await desk.shot('staff-table')
    await d.getByRole('button', { name: '邀请工作人员' }).click()
    const drawer = d.locator('.ant-drawer-section').filter({ hasText: '邀请工作人员' })
    await drawer.getByRole('button', { name: /生成邀请/ }).click()
    await helpOf(drawer, '所在工会').getByText('请选择工会').waitFor()
    await helpOf(drawer, '邀请原因').getByText('请填写邀请原因').waitFor()
    await desk.shot('invite-missing')
    await drawer.getByLabel('所属工会').click()
    await drawer.getByLabel('所属工会').fill('数字经济')
    await d.locator('.ant-select-item-option').filter({ hasText: NEW_UNION }).click()
    await drawer.getByLabel('邀请原因').fill('负责数字经济产业园工会入会审核')
    await drawer.getByRole('button', { name: /生成邀请/ }).click()
    await drawer.getByTestId('invitation-created').waitFor()
    const code = (await drawer.getByTestId('invite-code').innerText()).trim()
    assert.match(code, /^[A-Z2-9]{12}$/)
    const path = await drawer.getByTestId('invite-qr').getAttribute('data-qr')
    assert.equal(path, `/packages/staff-invite/invite/index?code=${code}`)
    assert.equal(await drawer.getByTestId('invite-link').innerText(), `${stack!.baseUrl}${path}`)
    await drawer.locator('canvas, svg').first().waitFor()
    await desk.shot('invitation-created')
    await drawer.locator('.ant-drawer-close').click()
    // pending until accepted
    await d.getByTestId('staff-invitations').locator('tbody tr').filter({ hasText: NEW_UNION }).waitFor()
    await desk.shot('invitation-pending')

    // --- the phone: 王小骑 (no staff post) opens the invitation's page and accepts
    await loginAs(phone, 'gig', '王小骑')
    const p = phone.page
    await p.goto(path!)
    await p.locator('.staff-invite-role:visible').getByText('审核员').waitFor()
    await phone.shot('invitation-open')
    await settle(p)
    await p.locator('.staff-accept-btn:visible').click()
    await p.locator('.staff-accepted:visible').getByText(`您已成为${NEW_UNION}的审核员`).waitFor()
    await phone.shot('invitation-accepted')

    // --- the console: the staff table, filtered to the new union, lists them; the invitation is no longer pending
    await d.reload()
    await d.getByRole('heading', { name: '工作人员' }).waitFor()
    await d.getByLabel('所属工会').click()
    await d.getByLabel('所属工会').fill('数字经济')
    await d.locator('.ant-select-item-option').filter({ hasText: NEW_UNION }).click()
    const row = d.getByTestId('staff-posts').locator('tbody tr').filter({ hasText: '王小骑' })
    await row.getByText('审核员').waitFor()
    await row.getByText(NEW_UNION).waitFor()
    assert.equal(await d.getByTestId('staff-posts').locator('tbody tr.ant-table-row').count(), 1)
    assert.equal(await d.getByTestId('staff-invitations').locator('tbody tr.ant-table-row').filter({ hasText: NEW_UNION }).count(), 0)
    await desk.shot('staff-filtered-new-union')

    // --- the API, independently: 王小骑 holds the reviewer role at the new union
    const me = await ok<{ roles: { role: string; orgId: number }[] }>('GET', '/api/me', { token: await login('gig') })
    assert.ok(me.roles.some((r) => r.role === 'reviewer' && r.orgId === newUnionId), JSON.stringify(me.roles))
    const held = await ok<{ items: { nickname: string; role: string; orgId: number }[] }>('GET', `/api/staff/roles?orgId=${newUnionId}`, { token: adminToken })
    assert.deepEqual(held.items.map((r) => [r.nickname, r.role, r.orgId]), [['王小骑', 'reviewer', newUnionId]])
    // the one refusal the journey provoked (the sibling's name: 409) is the browser's only complaint
    assert.deepEqual(desk.problems, ['Failed to load resource: the server responded with a status of 409 (Conflict)'])
  } finally {
    await phone.close()
    await desk.context.close()
  }

  // --- 1280×800, and the tree by keyboard only: Tab into the tree, → opens 云溪区总工会, ↓ to a child, Space chooses,
  // Tab reaches the panel's first action
  const small = await openDesk(browser!, stack!.baseUrl, JOURNEY, { width: 1280, height: 800 })
  const s = small.page
  try {
    await deskLoginAs(small, '管理员·周')
    await s.goto('/admin/staff')
    await s.getByTestId('staff-posts').locator('tbody tr').first().waitFor()
    await small.shot('1280-staff')
    await s.goto('/admin/unions')
    await treeNode(s, ROOT).waitFor()
    await small.shot('1280-unions')

    const inTree = () => s.evaluate(() => !!document.activeElement?.closest('.union-tree'))
    await s.keyboard.press('Tab') // the skip link first
    assert.equal(await s.evaluate(() => document.activeElement?.textContent), '跳到主要内容')
    await s.keyboard.press('Enter')
    let tabs = 0
    while (!(await inTree()) && tabs < 12) {
      await s.keyboard.press('Tab')
      tabs += 1
    }
    assert.ok(await inTree(), 'Tab reaches the union tree')
    await s.keyboard.press('ArrowDown') // the first union becomes the active one
    await s.locator('.union-tree .ant-tree-treenode-active').filter({ hasText: ROOT }).waitFor()
    await s.keyboard.press('ArrowRight') // opens it: its children load
    await treeNode(s, NEW_UNION).waitFor()
    await s.keyboard.press('ArrowDown')
    const activeName = await s.locator('.union-tree .ant-tree-treenode-active [data-name]').getAttribute('data-name')
    assert.ok(activeName && activeName !== ROOT, 'ArrowDown moves to the first sub-union')
    await s.keyboard.press('Space') // chooses it (Enter would open it, as →)
    const panel = s.getByTestId('union-panel')
    await panel.locator('.ant-card-head-title').getByText(activeName).waitFor()
    await small.shot('keyboard-tree')
    await s.keyboard.press('Tab')
    const focused = await s.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.replace(/\s/g, ''))
    assert.ok(focused && ['新建下级工会', '编辑'].includes(focused), `Tab from the tree reaches the panel's first action, not ${focused}`)
    await small.shot('keyboard-panel-action')
    assert.deepEqual(small.problems, [])
  } finally {
    await small.context.close()
  }
})

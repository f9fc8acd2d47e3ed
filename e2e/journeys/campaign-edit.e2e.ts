/**
 * 编辑活动 / 追加库存 / 结束发放 (issue 16's last management gap): a live first-come campaign of one voucher (made by the
 * test's own API hand) is renamed and given 4 more at the desk — the fixed fields read-only with why —; the member
 * 李晓梅 sees the new name on her phone and claims; then 结束发放 at the desk after a confirm that says issued vouchers
 * stay valid; her phone, still showing 立即领取, is refused with 活动已结束 and then shows 已结束, and her voucher is
 * still unused. Then at 1280×800 by keyboard: Tab to a row's 编辑, Enter, focus in 活动名称, Escape.
 * Screenshots of every step (e2e/artifacts/campaign-edit/), axe on every one.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { ARTIFACTS, loginAs, openPhone, settle, tab, type Stack } from '../lib/harness'
import { apiHand, deskLoginAs, openDesk, startDeskStack, stopDeskStack } from '../lib/desk'

let stack: Stack | undefined
let browser: Browser | undefined
before(async () => {
  ;({ stack, browser } = await startDeskStack())
})
after(() => stopDeskStack(stack, browser))

const JOURNEY = 'campaign-edit'
const TITLE = '冬夜观影券'
const RENAMED = '冬夜观影券（加场）'
const { ok, call, login } = apiHand(() => stack!.baseUrl)

type Managed = { id: number; title: string; phase: string; totalStock: number; remaining: number }

test('desk edits a live campaign and adds stock → the phone shows it and claims → 结束发放 → the phone is refused with 活动已结束', async () => {
  const adminApi = await login('admin')
  const me = await ok<{ roles: { role: string; orgId: number }[] }>('GET', '/api/me', { token: adminApi })
  const orgId = me.roles.find((r) => r.role === 'admin')!.orgId
  const venues = await ok<{ items: { id: number; name: string }[] }>('GET', `/api/vouchers/manage/venues?orgId=${orgId}`, { token: adminApi })
  const now = Date.now()
  const created = await ok<Managed>('POST', '/api/vouchers/manage/campaigns', {
    token: adminApi,
    body: {
      kind: 'movie',
      title: TITLE,
      rules: '每人本活动限领 2 张',
      orgId,
      venues: [{ venueId: venues.items[0].id }],
      totalStock: 1,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
      voucherValidDays: 30,
      perMemberLimit: { count: 2, period: 'campaign' },
    },
  })
  const desk = await openDesk(browser!, stack!.baseUrl, JOURNEY)
  const phone = await openPhone(browser!, stack!.baseUrl, JOURNEY)
  try {
    const d = desk.page
    await deskLoginAs(desk, '管理员·周')
    await d.goto('/admin/campaigns')
    const row = d.locator('.ant-table-row').filter({ hasText: TITLE })
    await row.waitFor()
    await desk.shot('campaigns')

    // --- 编辑: the form filled from the campaign; once open, the fixed fields are read-only with why
    await row.getByRole('button', { name: `编辑 ${TITLE}` }).click()
    const form = d.locator('.ant-drawer').filter({ hasText: `编辑活动：${TITLE}` })
    await form.getByLabel('活动名称').waitFor()
    assert.equal(await form.getByLabel('活动名称').inputValue(), TITLE)
    assert.equal(await form.getByLabel('券总数').inputValue(), '1')
    assert.ok(await form.getByLabel('领取后有效天数').isDisabled(), 'validity is fixed once open')
    assert.equal(await form.locator('.field-voucherValidDays .ant-form-item-extra').innerText(), '已开始发放，不能修改：已领到券的会员是按原条件领取的')
    await desk.shot('edit-form')
    await form.getByLabel('活动名称').fill(RENAMED)
    await form.getByLabel('券总数').fill('5')
    await form.getByRole('button', { name: '保存修改' }).click()
    await form.waitFor({ state: 'hidden' })
    const renamedRow = d.locator('.ant-table-row').filter({ hasText: RENAMED })
    await renamedRow.getByText('5 / 5').waitFor()
    const saved = (await ok<{ items: Managed[] }>('GET', '/api/vouchers/manage/campaigns?kind=movie', { token: adminApi })).items.find((c) => c.id === created.id)!
    assert.deepEqual([saved.title, saved.totalStock, saved.remaining], [RENAMED, 5, 5])
    await desk.shot('edited')

    // --- the member's phone: the new name, and a claim of the added stock
    await loginAs(phone, 'member', '李晓梅')
    const m = phone.page
    await tab(m, '福利')
    const item = m.locator('.campaign-item:visible').filter({ hasText: RENAMED })
    await item.waitFor()
    await phone.shot('welfare-renamed')
    await settle(m)
    await item.click()
    await m.locator('.campaign-title:visible').filter({ hasText: RENAMED }).waitFor()
    await m.locator('.claim-btn:visible:not([disabled])').filter({ hasText: '立即领取' }).waitFor()
    await settle(m)
    await m.locator('.claim-btn:visible').click()
    await m.locator('.claim-result[data-kind="success"]:visible').waitFor()
    await phone.shot('claimed')

    // --- 结束发放 at the desk, after a confirm that says what happens to issued vouchers
    await renamedRow.getByRole('button', { name: `结束发放 ${RENAMED}` }).click()
    const confirm = d.locator('.ant-modal-confirm')
    await confirm.getByText('已发出的券不受影响，在各自有效期内仍可使用', { exact: false }).waitFor()
    await desk.shot('end-confirm')
    await confirm.locator('button').filter({ hasText: /结\s*束\s*发\s*放/ }).click()
    await confirm.waitFor({ state: 'hidden' })
    await renamedRow.getByText('已结束').waitFor()
    assert.equal(await renamedRow.getByRole('button', { name: `编辑 ${RENAMED}` }).count(), 0, 'an ended campaign offers no edit')
    await desk.shot('ended')

    // --- the phone still shows 立即领取 (it has not re-read the campaign): the tap is refused as the server says
    await m.locator('.claim-btn:visible:not([disabled])').filter({ hasText: '立即领取' }).waitFor()
    await settle(m)
    await m.locator('.claim-btn:visible').click()
    await m.locator('.claim-result:visible').filter({ hasText: '活动已结束' }).waitFor()
    await phone.shot('claim-refused')
    await m.reload()
    await m.locator('.phase-tag:visible').filter({ hasText: '已结束' }).waitFor()
    await phone.shot('phone-ended')
    // the test's own hand: the member's claim is refused with the Chinese message; her voucher stays unused
    const memberApi = await login('member')
    const refused = await call<{ reason: string; message: string }>('POST', `/api/vouchers/campaigns/${created.id}/claim`, { token: memberApi })
    assert.deepEqual([refused.status, refused.body.reason, refused.body.message], [409, 'CLOSED', '活动已结束'])
    const mine = await ok<{ items: { campaignId: number; state: string }[] }>('GET', '/api/vouchers/mine', { token: memberApi })
    assert.deepEqual(mine.items.filter((v) => v.campaignId === created.id).map((v) => v.state), ['unused'])
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

test('编辑 at 1280×800 by keyboard only: Tab to a row’s 编辑 → Enter → focus in 活动名称 → Escape closes the form', async () => {
  const desk = await openDesk(browser!, stack!.baseUrl, `${JOURNEY}-1280`, { width: 1280, height: 800 })
  try {
    const d = desk.page
    await deskLoginAs(desk, '管理员·周')
    await d.goto('/admin/campaigns')
    await d.locator('.ant-table-row').first().waitFor()
    assert.ok(await d.evaluate(() => document.documentElement.scrollWidth <= 1280), 'no sideways scrolling at 1280 wide')
    await desk.shot('campaigns-1280')
    const label = () => d.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')
    await d.locator('body').focus()
    let reached = ''
    for (let i = 0; i < 120 && !reached.startsWith('编辑 '); i++) {
      await d.keyboard.press('Tab')
      reached = await label()
    }
    assert.ok(reached.startsWith('编辑 '), 'Tab reaches a row’s 编辑')
    const which = reached.replace('编辑 ', '')
    await d.keyboard.press('Enter')
    const form = d.locator('.ant-drawer').filter({ hasText: `编辑活动：${which}` })
    await form.getByLabel('活动名称').waitFor()
    await d.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '活动名称')
    assert.equal(await form.getByLabel('活动名称').inputValue(), which)
    await desk.shot('keyboard-edit')
    await d.keyboard.press('Escape')
    await form.waitFor({ state: 'hidden' })
    assert.deepEqual(desk.problems, [])
  } finally {
    await desk.context.close()
  }
})

/**
 * 分场馆库存 journey: the admin publishes, from the app (新建福利活动), a first-come movie campaign whose stock is
 * split per venue (云溪影城 1 + 星光影院 2, open now) → 活动数据 shows 库存 N · 剩余 M per venue → the member opens it
 * on 福利, sees what is left at each venue, taps 立即领取 without a venue → 请选择场馆 (nothing sent), picks 星光影院,
 * claims → the success card and 我的券 say the voucher is only for 星光影院 → the admin's figures show 星光影院 剩余 1.
 * Two phones, one real server.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { loginAs, settle, tab, useJourneyStack } from '../lib/harness'

const journey = useJourneyStack()
const TITLE = '分场馆观影福利券（e2e）'

/** "YYYY-MM-DD HH:mm" as the phone (Asia/Shanghai) reads it, `minutes` from now. */
const shanghai = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

async function open(page: Page, selector: string): Promise<void> {
  await settle(page)
  await page.locator(`${selector}:visible`).first().click()
}

test('admin splits a first-come campaign over two venues; the member must pick one and gets a voucher only for it', async () => {
  const admin = await journey.phone('vouchers-venues-admin')
  const member = await journey.phone('vouchers-venues-member')
  try {
    // --- the admin fills 新建福利活动 with 按场馆分配数量
    await loginAs(admin, 'admin', '管理员·周')
    const a = admin.page
    await a.goto('/packages/vouchers-staff/campaigns/index')
    await open(a, '.new-campaign-btn')
    const form = a.locator('.campaign-new-page:visible')
    await form.waitFor()
    await settle(a)
    const field = (k: string) => form.locator(`.field-${k}`)
    await field('kind').locator('.kind-movie').click()
    await field('title').locator('input').fill(TITLE)
    await field('rules').locator('textarea').fill('每场活动每人限领 1 张；领取时选择影院，券只能在所选影院使用。')
    const venueCard = (i: number) => form.locator(`.venue-form-${i}`)
    // 云溪影城 is in the venue registry: picked from it; 星光影院 is new and is registered on publishing.
    await form.locator('.known-venue:has-text("云溪影城")').click()
    await venueCard(0).locator('.merchant-name').getByText('云溪影城').waitFor()
    await form.locator('.add-venue-btn').click()
    await venueCard(1).locator('.field-venue-name input').fill('星光影院')
    await venueCard(1).locator('.field-venue-address input').fill('示例市云溪区星光路 8 号')
    await venueCard(1).locator('.field-venue-coords input').nth(0).fill('30.2812')
    await venueCard(1).locator('.field-venue-coords input').nth(1).fill('120.1633')

    await field('split').locator('.split-by-venue').click()
    await form.locator('.venue-stock-0 input').fill('1')
    await form.locator('.venue-stock-1 input').fill('2')
    assert.equal((await form.locator('.venue-stock-1 .form-label').innerText()).trim(), '星光影院 的数量')
    await form.locator('.split-total').getByText('3 张').waitFor()
    await field('opensAt').locator('input').fill(shanghai(-1))
    await field('closesAt').locator('input').fill(shanghai(24 * 60))
    await field('voucherValidDays').locator('input').fill('7')
    await field('limitPeriod').locator('.period-campaign').click()
    await admin.shot('form-split')
    await form.locator('.create-campaign-btn').click()

    // --- 活动数据 of the new campaign: each venue's allotment and what is left
    const stats = a.locator('.campaign-stats-page:visible')
    await stats.waitFor()
    const venueStat = (name: string) => stats.locator('.venue-stat').filter({ hasText: name })
    await venueStat('云溪影城').locator('.venue-stock').getByText('库存 1 · 剩余 1').waitFor()
    await venueStat('星光影院').locator('.venue-stock').getByText('库存 2 · 剩余 2').waitFor()
    assert.equal((await stats.locator('.stat-remaining .stat-num').innerText()).trim(), '3')
    await admin.shot('stats-before')

    // --- the member finds it on 福利 and sees what is left per venue
    await loginAs(member, 'member', '李晓梅')
    const m = member.page
    await tab(m, '福利')
    const item = m.locator('.campaign-item:visible').filter({ hasText: TITLE })
    await item.waitFor()
    await settle(m)
    await item.click()
    const chip = (name: string) => m.locator('.venue-choice:visible').filter({ hasText: name })
    await chip('星光影院').waitFor()
    assert.match(await chip('云溪影城').innerText(), /剩\s*1\s*张/)
    assert.match(await chip('星光影院').innerText(), /剩\s*2\s*张/)
    await member.shot('venues')

    // 立即领取 without a venue: told to pick one, and nothing is sent.
    let claims = 0
    m.on('request', (r) => {
      if (r.url().endsWith('/claim')) claims += 1
    })
    await open(m, '.claim-btn:not([disabled])')
    await m.locator('.venue-choices:visible .field-error').getByText('请选择场馆').waitFor()
    assert.equal(claims, 0, 'no claim is sent without a venue')
    await member.shot('choose-venue')

    await chip('星光影院').click()
    assert.match((await chip('星光影院').getAttribute('class')) ?? '', /choice-active/)
    assert.equal(await m.locator('.venue-choices:visible .field-error').count(), 0)
    const claimed = m.waitForRequest((r) => r.url().endsWith('/claim'))
    await open(m, '.claim-btn:not([disabled])')
    const req = await claimed
    assert.deepEqual(req.postDataJSON(), { venueId: await venueIdOf(m, '星光影院') })
    const success = m.locator('.claim-result[data-kind="success"]:visible')
    await success.waitFor()
    assert.match(await success.innerText(), /限「星光影院」使用/)
    assert.equal((await m.locator('.stock-num:visible').innerText()).trim(), '2')
    await member.shot('claimed')

    // --- 我的券: the voucher is only for 星光影院
    await open(m, '.go-mine-btn')
    const voucher = m.locator('.voucher-item[data-state="unused"]:visible').filter({ hasText: TITLE })
    await voucher.waitFor()
    assert.equal((await voucher.locator('.voucher-venues').innerText()).trim(), '仅限「星光影院」使用')
    // the QR is drawn after the list has its data: wait for it, so the picture shows the voucher and not a blank frame
    await voucher.locator('.voucher-qr img, img.voucher-qr').first().waitFor()
    await member.shot('my-voucher')

    // --- the admin's figures (refreshed live while the window is open) show 星光影院 剩余 1
    await venueStat('星光影院').locator('.venue-stock').getByText('库存 2 · 剩余 1').waitFor({ timeout: 15_000 })
    assert.equal((await venueStat('云溪影城').locator('.venue-stock').innerText()).trim().replace(/\s*·\s*$/, ''), '库存 1 · 剩余 1')
    await admin.shot('stats-after')
  } finally {
    await member.close()
    await admin.close()
  }
})

/** The venue id the page knows for a venue name (from its chip). */
async function venueIdOf(page: Page, name: string): Promise<number> {
  const id = await page.locator('.venue-choice:visible').filter({ hasText: name }).getAttribute('data-venue')
  assert.ok(id, `a chip for ${name}`)
  return Number(id)
}

/**
 * 关怀模式 journey (issue 18): the member turns care mode on in 我的 → 首页 shows the large layout (six services, one
 * per row, base text ≥ 18 px, tap targets ≥ 48 px) → claims the seeded 周末观影福利券 → 我的券 shows the voucher QR
 * with its text alternative → the member card's QR says 会员码，请出示给工作人员扫描 and the code is there in text →
 * a second phone logging in as the same member starts in care mode. axe runs on every screenshot (phone.shot).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { loginAs, settle, tab, useJourneyStack } from '../lib/harness'

const journey = useJourneyStack()

async function open(page: Page, selector: string): Promise<void> {
  await settle(page)
  await page.locator(`${selector}:visible`).first().click()
}

/** The computed font size of the body and the height of the first visible element matching `selector`, in CSS px. */
async function sizes(page: Page, selector: string): Promise<{ body: number; target: number }> {
  return page.evaluate((sel) => {
    const el = Array.from(document.querySelectorAll(sel)).find((e) => (e as HTMLElement).offsetParent !== null) as HTMLElement | undefined
    return { body: parseFloat(getComputedStyle(document.body).fontSize), target: el ? el.getBoundingClientRect().height : 0 }
  }, selector)
}

test('the member turns on 关怀模式, claims a voucher and shows the card in the large layout; another phone follows', async () => {
  const member = await journey.phone('care-mode')
  const other = await journey.phone('care-mode-second-phone')
  try {
    await loginAs(member, 'member', '李晓梅')
    const m = member.page
    await member.shot('home-normal')
    assert.equal(await m.locator('.home-page.care-mode').count(), 0)
    assert.equal(await m.locator('.tile:visible').count(), 10)

    // --- 我的 → 关怀模式 on
    await tab(m, '我的')
    const row = m.locator('.care-mode-row:visible')
    await row.waitFor()
    assert.equal(await row.getAttribute('data-on'), 'false')
    await member.shot('mine-care-off')
    await settle(m)
    await row.click()
    await m.locator('.care-mode-row[data-on="true"]:visible').waitFor()
    assert.equal(await m.evaluate(() => document.documentElement.classList.contains('care-mode')), true)
    await member.shot('mine-care-on')

    // --- 首页: the large layout — six services, one per row, big text and targets
    await tab(m, '首页')
    await m.locator('.home-page.care-mode:visible').waitFor()
    const tiles = m.locator('.tile:visible .tile-name')
    assert.deepEqual(await tiles.allInnerTexts(), ['电子会员卡', '福利领券', '活动报名', '帮扶救助', '爱心驿站', '法律援助'])
    const home = await sizes(m, '.tile')
    assert.ok(home.body >= 18, `base text ${home.body} px ≥ 18`)
    assert.ok(home.target >= 48, `a service tile is ${home.target} px tall ≥ 48`)
    const tileWidth = await m.locator('.tile:visible').first().evaluate((el) => el.getBoundingClientRect().width)
    assert.ok(tileWidth > 300, `one service per row (${tileWidth} px wide)`)
    await member.shot('home-care')

    // --- claims the seeded 周末观影福利券 (open now) from 福利
    await open(m, '.tile-vouchers')
    const weekend = m.locator('.campaign-item:visible').filter({ hasText: '周末观影福利券' })
    await weekend.waitFor()
    await member.shot('welfare-care')
    await settle(m)
    await weekend.click()
    const claim = m.locator('.claim-btn:visible:not([disabled])')
    await claim.waitFor()
    const btn = await sizes(m, '.claim-btn')
    assert.ok(btn.target >= 48, `the claim button is ${btn.target} px tall ≥ 48`)
    await member.shot('campaign-care')
    await claim.click()
    await m.locator('.claim-result[data-kind="success"]:visible').waitFor()
    await member.shot('claimed-care')
    await open(m, '.go-mine-btn')
    const voucher = m.locator('.voucher-item[data-state="unused"]:visible').filter({ hasText: '周末观影福利券' })
    await voucher.waitFor()
    const code = (await voucher.locator('.voucher-code').innerText()).trim()
    const qrAlt = await voucher.locator('img').first().getAttribute('alt')
    assert.equal(qrAlt, `券码二维码，请出示给工作人员扫描。券码：${code}`)
    await member.shot('my-voucher-care')

    // --- the member card: the QR's text alternative and the code in text
    await m.goto('/pages/mine/index')
    await open(m, '.mine-card-row')
    const cardQr = m.locator('.card-qr img:visible')
    await cardQr.waitFor()
    const cardCode = (await m.locator('.card-code:visible').innerText()).trim()
    assert.ok(cardCode.length > 0, 'the member code is shown in text')
    assert.equal(await cardQr.getAttribute('alt'), `会员码，请出示给工作人员扫描。码：${cardCode}`)
    await m.locator('.card-qr-hint:visible').getByText('会员码，请出示给工作人员扫描').waitFor()
    await member.shot('card-care')

    // --- another phone: the same member logs in and finds care mode on (kept on the server, not on the phone)
    await loginAs(other, 'member', '李晓梅')
    const o = other.page
    await o.locator('.home-page.care-mode:visible').waitFor()
    assert.equal(await o.evaluate(() => document.documentElement.classList.contains('care-mode')), true)
    assert.equal(await o.locator('.tile:visible').count(), 6)
    await other.shot('second-phone-home-care')
    // No CSP report on any page, the member card included (zod runs jitless in the app: src/utils/zod.ts).
    assert.deepEqual(member.cspViolations, [])
    assert.deepEqual(other.cspViolations, [])
  } finally {
    await member.close()
    await other.close()
  }
})

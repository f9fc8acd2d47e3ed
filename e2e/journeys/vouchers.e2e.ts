/**
 * Vouchers journey (issue 4): the admin publishes a movie campaign opening ~45 s from now at 云溪影城 → the member
 * waits on the campaign page while the countdown runs (server time) → at the opening instant the button turns on
 * without a reload → claims → 我的券 shows the voucher with its QR → the venue verifier redeems the pasted code at
 * 云溪影城 → 核销成功; the same code again → 已使用 with when and where; scanned once more with the phone offline →
 * 待上传 1 条, sent when the network is back → reported as 已使用 in the list → the member sees 已使用, enters the
 * seeded swim lottery (已报名, commitment shown, seed 开奖后公布; 撤销报名 after a confirmation, then enters again)
 * and gives a second voucher back (退回 after a
 * confirmation → 已退回); the admin's figures show the redemption without a
 * reload, and the CSV export lists the voucher as used.
 * Three phones, one real server.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { loginAs, settle, tab, useJourneyStack } from '../lib/harness'

const journey = useJourneyStack()
const TITLE = '周五观影福利券（e2e）'
const OPENS_IN_MS = 45_000

async function open(page: Page, selector: string): Promise<void> {
  await settle(page)
  await page.locator(`${selector}:visible`).first().click()
}

async function api<T>(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  const data = (await res.json()) as T
  assert.ok(res.ok, `${path} → ${res.status} ${JSON.stringify(data)}`)
  return data
}

test('member waits for the opening minute, claims a movie voucher, the venue redeems it once, the member sees 已使用', async () => {
  const started = Date.now()
  const base = journey.baseUrl()
  // --- the admin publishes the campaign (through the API, to the second)
  const { token } = await api<{ token: string }>(base, '/api/auth/dev-login', { method: 'POST', body: { persona: 'admin' } })
  const me = await api<{ roles: { role: string; orgId: number }[] }>(base, '/api/me', { token })
  const district = me.roles.find((r) => r.role === 'admin')!.orgId
  const opensAt = Date.now() + OPENS_IN_MS
  const campaign = await api<{ id: number; phase: string }>(base, '/api/vouchers/manage/campaigns', {
    method: 'POST',
    token,
    body: {
      kind: 'movie',
      title: TITLE,
      rules: '每人限领 1 张，领取后 7 天内在指定影院使用。',
      orgId: district,
      venues: [
        { name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.2749, lng: 120.1562 },
        { name: '星光电影院', address: '示例市云溪区星光路 8 号', lat: 30.2812, lng: 120.1633 },
      ],
      totalStock: 3,
      opensAt: new Date(opensAt).toISOString(),
      closesAt: new Date(opensAt + 3_600_000).toISOString(),
      voucherValidDays: 7,
      perMemberLimit: { count: 1, period: 'campaign' },
    },
  })
  assert.equal(campaign.phase, 'upcoming')

  const member = await journey.phone('vouchers-member')
  const venue = await journey.phone('vouchers-venue')
  const admin = await journey.phone('vouchers-admin')
  try {
    // --- the member finds it on 福利 and waits on the campaign page
    await loginAs(member, 'member', '李晓梅')
    const m = member.page
    await tab(m, '福利')
    const item = m.locator('.campaign-item:visible').filter({ hasText: TITLE })
    await item.waitFor()
    await member.shot('welfare-list')
    await settle(m)
    await item.click()
    const countdown = m.locator('.countdown:visible')
    await countdown.waitFor()
    const claimBtn = m.locator('.claim-btn:visible')
    assert.notEqual(await claimBtn.getAttribute('disabled'), null, 'the button is off before the opening instant')
    assert.equal((await claimBtn.innerText()).trim(), '未开始')
    const first = (await countdown.innerText()).trim()
    assert.match(first, /^00:[0-5]\d$/)
    await member.shot('countdown')
    await m.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true))

    // While the member waits, the venue verifier opens 券核销 and picks 云溪影城, one of the venues bound to the role
    // (星光电影院 is not offered: nobody bound this persona to it).
    await loginAs(venue, 'venue', '场馆核销员·陈')
    const v = venue.page
    await v.goto('/pages/mine/index')
    await open(v, '.workbench-redeem')
    await v.locator('.venue-choice:visible').first().waitFor()
    assert.deepEqual(await v.locator('.venue-choice:visible').allInnerTexts(), ['云溪影城', '云溪游泳馆'])
    await open(v, `.venue-choice:has-text("云溪影城")`)
    await v.locator('.venue-current-name:visible').getByText('云溪影城').waitFor()
    assert.ok(Date.now() < opensAt - 5000, 'the venue was set up before the opening instant')

    const later = (await countdown.innerText()).trim()
    assert.ok(later < first, `the countdown runs: ${first} → ${later}`)

    // --- at the opening instant the button turns on by itself (no reload: the marker survives)
    await m.locator('.claim-btn:visible:not([disabled])').filter({ hasText: '立即领取' }).waitFor({ timeout: OPENS_IN_MS + 15_000 })
    const openedAt = Date.now()
    assert.ok(openedAt >= opensAt - 1500, `enabled ${opensAt - openedAt} ms before the opening instant`)
    assert.ok(openedAt <= opensAt + 2500, `enabled ${openedAt - opensAt} ms after the opening instant`)
    assert.equal(await m.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage), true, 'no reload')
    await member.shot('opened')
    await claimBtn.click()
    await m.locator('.claim-result[data-kind="success"]:visible').waitFor()
    await member.shot('claimed')

    // --- 我的券: the voucher with its QR and code
    await open(m, '.go-mine-btn')
    const voucher = m.locator('.voucher-item[data-state="unused"]:visible').filter({ hasText: TITLE })
    await voucher.waitFor()
    const qr = voucher.locator('.voucher-qr img, img.voucher-qr').first()
    await qr.waitFor()
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/gif;base64,/)
    const code = (await voucher.locator('.voucher-code').innerText()).trim()
    assert.match(code, /^[A-Z0-9]{12}$/)
    assert.match(await voucher.innerText(), /还剩[67]天/)
    await member.shot('my-voucher')

    // --- the admin watches the campaign's figures (polled live while the window is open)
    await loginAs(admin, 'admin', '管理员·周')
    const a = admin.page
    await a.goto('/pages/mine/index')
    await open(a, '.workbench-campaigns')
    await open(a, `.campaign-admin-item[data-id="${campaign.id}"]`)
    await a.locator('.stat-claims:visible .stat-num').getByText('1', { exact: true }).waitFor()
    assert.equal((await a.locator('.stat-redemptions:visible .stat-num').innerText()).trim(), '0')
    await a.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true))

    // --- the venue verifier redeems the pasted code at 云溪影城
    await v.locator('.redeem-input:visible input').fill(code)
    await open(v, '.redeem-btn')
    const result = v.locator('.redeem-result:visible')
    await result.waitFor()
    assert.equal(await result.getAttribute('data-kind'), 'redeemed', await result.innerText())
    await venue.shot('redeemed')

    // The same code again: refused, with when and where it was used.
    await v.locator('.redeem-input:visible input').fill(code)
    await open(v, '.redeem-btn')
    await v.locator('.redeem-result[data-kind="already_used"]:visible').waitFor()
    assert.match(await v.locator('.redeem-result:visible').innerText(), /已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 在云溪影城使用/)
    await venue.shot('already-used')

    // Offline: the scan waits in the device queue (待上传 1 条), goes out when the network is back, and its
    // outcome (already used) is listed, not dropped.
    await venue.context.setOffline(true)
    await v.locator('.redeem-input:visible input').fill(code)
    await open(v, '.redeem-btn')
    await v.locator('.pending-count:visible').getByText('待上传 1 条').waitFor()
    await v.locator('.redeem-result[data-kind="queued"]:visible').waitFor()
    await venue.shot('offline-queued')
    await venue.context.setOffline(false)
    await open(v, '.flush-btn')
    await v.locator('.pending-count:visible').waitFor({ state: 'detached' })
    const queuedOutcome = v.locator('.outcome-item[data-kind="already_used"]:visible').filter({ hasText: '离线补传' })
    await queuedOutcome.waitFor()
    await venue.shot('offline-sent')

    // --- the member sees 已使用, with when and where
    await m.reload()
    const used = m.locator('.voucher-item[data-state="used"]:visible').filter({ hasText: TITLE })
    await used.waitFor()
    assert.match(await used.locator('.used-info').innerText(), /在云溪影城使用/)
    await member.shot('used')

    // --- the seeded swim lottery: 参与抽签 → 已报名, with the commitment published before the draw
    await m.goto('/pages/welfare/index')
    const lottery = m.locator('.campaign-item:visible').filter({ hasText: '冬季游泳体验券抽签' })
    await lottery.waitFor()
    await settle(m)
    await lottery.click()
    await open(m, '.enter-btn')
    await m.locator('.entry-state[data-state="entered"]:visible').getByText('已报名').waitFor()
    assert.match(await m.locator('.commitment:visible').innerText(), /^[0-9a-f]{64}$/)
    assert.equal((await m.locator('.seed:visible').innerText()).trim(), '开奖后公布')
    await member.shot('lottery-entered')
    // 撤销报名 asks first, then gives the limit back and offers 参与抽签 again; she enters once more
    await m.locator('.withdraw-entry-btn:visible').click()
    await m.locator('.withdraw-confirm:visible').getByText('确定撤销本次抽签报名？').waitFor()
    await member.shot('lottery-withdraw-confirm')
    await m.locator('.withdraw-confirm-btn:visible').click()
    await m.locator('.withdrawn-note:visible').waitFor()
    assert.equal(await m.locator('.entry-state:visible').count(), 0)
    await member.shot('lottery-withdrawn')
    await open(m, '.enter-btn')
    await m.locator('.entry-state[data-state="entered"]:visible').getByText('已报名').waitFor()

    // --- 退回 with confirmation: the seeded 周末观影福利券 (open now) is claimed, then given back
    await m.goto('/pages/welfare/index')
    const weekend = m.locator('.campaign-item:visible').filter({ hasText: '周末观影福利券' })
    await weekend.waitFor()
    await settle(m)
    await weekend.click()
    await open(m, '.claim-btn:not([disabled])')
    await m.locator('.claim-result[data-kind="success"]:visible').waitFor()
    await open(m, '.go-mine-btn')
    const toReturn = m.locator('.voucher-item[data-state="unused"]:visible').filter({ hasText: '周末观影福利券' })
    await toReturn.waitFor()
    await settle(m)
    await toReturn.locator('.return-btn').click()
    await m.locator('.return-confirm:visible').getByText('确定退回这张券？').waitFor()
    await member.shot('return-confirm')
    await open(m, '.return-confirm-btn')
    await m.locator('.voucher-item[data-state="returned"]:visible').filter({ hasText: '周末观影福利券' }).getByText('本人退回').waitFor()

    // --- the admin's figures moved on by themselves: 1 redeemed at 云溪影城, no reload
    await a.locator('.stat-redemptions:visible .stat-num').getByText('1', { exact: true }).waitFor({ timeout: 10_000 })
    assert.equal(await a.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage), true, 'no reload')
    assert.equal((await a.locator('.stat-remaining:visible .stat-num').innerText()).trim(), '2')
    await admin.shot('stats')

    // CSV export: the browser downloads it, with the voucher as 已使用 at 云溪影城.
    const [file] = await Promise.all([a.waitForEvent('download'), open(a, '.export-btn')])
    assert.match(file.suggestedFilename(), /\.csv$/)
    const csv = await new Promise<string>((resolve, reject) => {
      void file.createReadStream().then((stream) => {
        let text = ''
        stream.on('data', (d: Buffer) => (text += d.toString('utf8')))
        stream.on('end', () => resolve(text))
        stream.on('error', reject)
      }, reject)
    })
    assert.match(csv, /券码/)
    // The export never carries a usable code: first 4 and last 2 characters only.
    assert.ok(!csv.includes(code), 'the CSV masks the code')
    const masked = `${code.slice(0, 4)}${'*'.repeat(code.length - 6)}${code.slice(-2)}`
    const row = csv.split(/\r?\n/).find((l) => l.includes(masked))
    assert.ok(row, `the CSV lists ${masked}`)
    assert.match(row!, /已使用/)
    assert.match(row!, /云溪影城/)

    const seconds = Math.round((Date.now() - started) / 1000)
    console.log(`[vouchers] journey took ${seconds} s`)
    assert.ok(seconds < 120, `journey under two minutes (${seconds} s)`)
  } finally {
    await member.close()
    await venue.close()
    await admin.close()
  }
})

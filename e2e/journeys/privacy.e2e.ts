/**
 * Privacy journey (issue 19): the member downloads their data (prepared in the background), then 注销s their account
 * — logged out at once — and logs in again within the cooling-off period, which cancels it (the page says so); the gig
 * worker (joined through the API) asks to correct the name on file, the union's reviewer approves it on the phone
 * (入会审核 → 退会与信息更正) and the worker sees the new name; then the worker asks to 退会, the reviewer confirms it
 * on the same page, and the venue's card check of the code the worker showed says 已退会（无效）. One real server with
 * its jobs running every 2 s.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { checkDigit } from '../../contract/membership/idcard'
import { launchBrowser, loginAs, openPhone, settle, startStack, type Stack } from '../lib/harness'

const GIG_ID = '11010519900307281' + checkDigit('11010519900307281')
const SECURITY = '/packages/account/security/index'

let stack: Stack
let browser: Browser
before(async () => {
  stack = await startStack({ JOBS_INTERVAL_SECONDS: '2' })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await stack?.stop()
})

async function api<T = Record<string, unknown>>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(stack.baseUrl + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  assert.equal(res.status, 200, `${method} ${path}: ${res.status} ${text}`)
  return JSON.parse(text) as T
}
const devToken = async (persona: string) => (await api<{ token: string }>('POST', '/api/auth/dev-login', null, { persona })).token

async function tap(page: Page, selector: string): Promise<void> {
  await settle(page)
  await page.locator(`${selector}:visible`).first().click()
}

test('member: 下载我的数据 → 注销 → logs in again within 7 days → cancelled', async () => {
  const member = await openPhone(browser, stack.baseUrl, 'privacy-member')
  try {
    const m = member.page
    await loginAs(member, 'member', '李晓梅')
    await m.goto('/pages/mine/index')
    await tap(m, '.mine-security-row')
    await m.locator('.export-empty:visible').waitFor()
    await member.shot('security')
    await tap(m, '.export-request')
    await m.locator('.security-note:visible').getByText('已提交', { exact: false }).waitFor()
    // prepared by the job within seconds: reopen the page until it can be downloaded
    for (let i = 0; i < 20 && !(await m.locator('.export-xlsx:visible').count()); i++) {
      await m.waitForTimeout(1000)
      await m.reload()
      await m.locator('.export-card:visible').waitFor()
    }
    await member.shot('export-ready')
    const download = m.waitForEvent('download')
    await tap(m, '.export-xlsx')
    assert.equal((await download).suggestedFilename(), '我的数据.xlsx')

    // 注销: tick that the consequences were read, then confirm
    await tap(m, '.confirm-row')
    await m.locator('.confirm-row[aria-checked="true"]:visible').waitFor()
    await member.shot('erasure-confirm')
    await tap(m, '.erasure-request')
    await m.locator('.erasure-done:visible').waitFor()
    await member.shot('erasure-requested')

    // back within the cooling-off period: logging in cancels it, and the page says so
    await loginAs(member, 'member', '李晓梅')
    await m.goto(SECURITY)
    await m.locator('.erasure-cancelled:visible').getByText('已自动撤销', { exact: false }).waitFor()
    await member.shot('erasure-cancelled')
  } finally {
    await member.close()
  }
})

test('gig worker: 更正 → approved on the reviewer’s phone → new name; 退会 → confirmed there → card check 已退会（无效）', async () => {
  // joined through the API (the joining journey is membership.e2e.ts)
  const gigToken = await devToken('gig')
  const unions = await api<{ items: { id: number; name: string }[] }>('GET', '/api/membership/unions?q=' + encodeURIComponent('新就业形态'), gigToken)
  const orgId = unions.items.find((u) => u.name === '云溪区新就业形态劳动者联合工会')!.id
  const applied = await api<{ id: number }>('POST', '/api/membership/applications', gigToken, {
    name: '王小骑', idNumber: GIG_ID, phone: '13912345678', noFixedEmployer: true, employmentType: 'delivery', orgId, consentSensitive: true,
  })
  const reviewerToken = await devToken('reviewer')
  await api('POST', `/api/membership/review/${applied.id}/approve`, reviewerToken, {})

  const gig = await openPhone(browser, stack.baseUrl, 'privacy-gig')
  const venue = await openPhone(browser, stack.baseUrl, 'privacy-venue')
  const reviewer = await openPhone(browser, stack.baseUrl, 'privacy-reviewer')
  try {
    const g = gig.page
    await loginAs(gig, 'gig', '王小骑')
    await g.goto('/packages/membership/card/index')
    const code = (await g.locator('.card-code:visible').innerText()).trim()

    // 更正: the name on file, asked of the union with a reason
    await g.goto(SECURITY)
    await g.locator('.on-file-name:visible').getByText('王小骑').waitFor()
    await g.locator('.correction-name:visible input').fill('王晓骑')
    await g.locator('.correction-reason:visible textarea').fill('身份证上是“晓”')
    await tap(g, '.correction-submit')
    await g.locator('.correction-pending:visible').getByText('待工会审核', { exact: false }).waitFor()
    await gig.shot('correction-requested')

    // the reviewer approves it on the phone: 入会审核 → 退会与信息更正
    const r = reviewer.page
    await loginAs(reviewer, 'reviewer', '审核员·赵')
    await r.goto('/packages/membership-staff/review/index')
    await tap(r, '.review-changes-link')
    const item = r.locator('.correction-item:visible').filter({ hasText: '王晓骑' })
    await item.waitFor()
    assert.match(await item.locator('.correction-name').innerText(), /王小骑 → 王晓骑/)
    await reviewer.shot('correction-queue')
    await tap(r, '.correction-approve')
    await r.locator('.changes-done:visible').getByText('更正信息', { exact: false }).waitFor()
    await r.locator('.corrections-empty:visible').waitFor()
    await reviewer.shot('correction-approved')

    // the worker sees the new name on file, and the decision
    await g.reload()
    await g.locator('.on-file-name:visible').getByText('王晓骑').waitFor()
    await g.locator('.correction-approved:visible').getByText('已更正', { exact: false }).waitFor()
    await gig.shot('correction-done')

    // 退会: asked by the worker, confirmed by the reviewer on the same page
    await g.locator('.departure-reason:visible textarea').fill('转行了')
    await tap(g, '.departure-request')
    await g.locator('.departure-state:visible').getByText('待工会确认', { exact: false }).waitFor()
    await gig.shot('departure-requested')

    await r.reload()
    const leaving = r.locator('.departure-item:visible').filter({ hasText: '王晓骑' })
    await leaving.waitFor()
    await tap(r, '.departure-confirm')
    await r.locator('.departure-confirm-btn:visible').waitFor()
    await reviewer.shot('departure-confirm')
    await tap(r, '.departure-confirm-btn')
    await r.locator('.departures-empty:visible').waitFor()
    await reviewer.shot('departure-confirmed')

    await loginAs(venue, 'venue', '场馆核销员·陈')
    const v = venue.page
    await v.goto('/pages/mine/index')
    await tap(v, '.workbench-verify')
    await v.locator('.verify-input:visible textarea').fill(code)
    await tap(v, '.verify-btn')
    const result = v.locator('.verify-result[data-result="left"]:visible')
    await result.waitFor()
    assert.match(await result.innerText(), /已退会（无效）/)
    await venue.shot('verify-left')
  } finally {
    await gig.close()
    await venue.close()
    await reviewer.close()
  }
})

/**
 * Privacy journey (issue 19): the member downloads their data (prepared in the background), then 注销s their account
 * — logged out at once — and logs in again within the cooling-off period, which cancels it (the page says so); the gig
 * worker (joined through the API) asks to 退会, the union confirms, and the venue's card check of the code the worker
 * showed says 已退会（无效）. One real server with its jobs running every 2 s.
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

test('gig worker: 退会 → the union confirms → the venue’s card check says 已退会（无效）', async () => {
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
  try {
    const g = gig.page
    await loginAs(gig, 'gig', '王小骑')
    await g.goto('/packages/membership/card/index')
    const code = (await g.locator('.card-code:visible').innerText()).trim()
    await g.goto(SECURITY)
    await g.locator('.departure-reason:visible textarea').fill('转行了')
    await tap(g, '.departure-request')
    await g.locator('.departure-state:visible').getByText('待工会确认', { exact: false }).waitFor()
    await gig.shot('departure-requested')

    const queue = await api<{ items: { id: number; name: string }[] }>('GET', '/api/privacy/departures', reviewerToken)
    const mine = queue.items.find((d) => d.name === '王小骑')!
    await api('POST', `/api/privacy/departures/${mine.id}/confirm`, reviewerToken, {})

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
  }
})

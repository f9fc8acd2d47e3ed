/**
 * Relief journey (issue 6): 李晓梅 starts a 大病医疗救助 application, fills two steps, uploads two documents (a JPEG
 * photo and a PDF), closes the page mid-way, comes back through 我的申请 and finds everything, submits → 审核员·赵
 * (初审, 星河物流 delegation) returns it asking for the itemised bill → she adds it and resubmits → 赵 approves →
 * 管理员·周 (区总工会复核) approves with the amount and publishes the 公示 → the 公示 period passes → 周 records the
 * payout → 我的申请 shows every step of the timeline and 已发放. Three phones, one real server.
 *
 * On the way the network drops for a moment: the draft is kept on the phone (已离线保存) and syncs by itself.
 * A 公示 lasts at least a day: the server runs with the harness's movable clock (e2e/lib/clock.mjs) that the
 * journey moves forward two days instead of waiting.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, launchBrowser, loginAs, openPhone, settle, startStack, type Phone, type Stack } from '../lib/harness'
import { solidPng } from '../lib/png'

const JOURNEY = 'relief'
const tmp = mkdtempSync(path.join(tmpdir(), 'relief-e2e-'))
let stack: Stack | undefined
let browser: Browser | undefined

before(async () => {
  // Screenshots of this run only (numbered in order).
  for (const who of ['member', 'reviewer', 'admin']) rmSync(path.join(ARTIFACTS, `${JOURNEY}-${who}`), { recursive: true, force: true })
  stack = await startStack()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await stack?.stop()
  rmSync(tmp, { recursive: true, force: true })
})

const phone = (name: string) => openPhone(browser!, stack!.baseUrl, `${JOURNEY}-${name}`)

// ---------- small real files ----------

/** A one-page PDF (出院小结). */
function pdf(): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>',
    '<< /Length 44 >>\nstream\nBT /F1 12 Tf 20 50 Td (Discharge) Tj ET\nendstream',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objs.forEach((o, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}
/** A real JPEG, encoded by the browser's canvas (an invoice photo). */
async function jpeg(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 64
    c.height = 48
    const g = c.getContext('2d')!
    g.fillStyle = '#f4efe6'
    g.fillRect(0, 0, 64, 48)
    g.fillStyle = '#c8102e'
    g.fillRect(6, 6, 52, 6)
    return c.toDataURL('image/jpeg', 0.8).split(',')[1]
  })
  return Buffer.from(b64, 'base64')
}

// ---------- helpers ----------

async function tap(page: Page, selector: string): Promise<void> {
  await settle(page)
  await page.locator(`${selector}:visible`).first().click()
}

/** The text box of a form field (a date field also holds the picker's hidden input). */
const inp = (page: Page, key: string) => page.locator(`.field-${key}:visible .form-input input`)

async function upload(page: Page, doc: string, file: string, button = '.uploader-photo-btn'): Promise<void> {
  await settle(page)
  const chooser = page.waitForEvent('filechooser')
  await page.locator(`.doc-${doc}:visible ${button}`).click()
  await (await chooser).setFiles(file)
  await page.locator(`.doc-${doc}:visible .doc-status`).getByText('已上传', { exact: true }).waitFor()
}

async function openCase(p: Phone, tab: 'base' | 'district', applicant: string): Promise<void> {
  const { page } = p
  await page.goto('/packages/relief-staff/review/index')
  await tap(page, `.tab-${tab}`)
  const item = page.locator('.relief-queue-item:visible').filter({ hasText: applicant })
  await item.waitFor()
  await p.shot(`queue-${tab}`)
  await settle(page)
  await item.click()
  await page.locator('.detail-applicant:visible').getByText(applicant).waitFor()
}

async function timelineTitles(page: Page, scope: string): Promise<string[]> {
  return page.locator(`${scope} .timeline-title:visible`).allInnerTexts()
}

test('大病医疗救助: draft survives closing the page → submit → returned for the itemised bill → resubmit → 初审 → 复核 → 公示 → 已发放', async () => {
  const member = await phone('member')
  const reviewer = await phone('reviewer')
  const admin = await phone('admin')
  try {
    const files = { jpeg: path.join(tmp, 'invoice.jpg'), pdf: path.join(tmp, 'discharge-summary.pdf'), png: path.join(tmp, 'itemised-bill.png') }
    writeFileSync(files.pdf, pdf())
    writeFileSync(files.png, solidPng(32, [0xdd, 0xdd, 0xdd])) // a photographed bill, as far as the server can tell

    // --- 李晓梅 picks 大病医疗救助 from 首页 → 帮扶救助
    await loginAs(member, 'member', '李晓梅')
    const m = member.page
    writeFileSync(files.jpeg, await jpeg(m))
    await tap(m, '.tile-relief')
    await m.locator('.type-serious_illness:visible').waitFor()
    await tap(m, '.type-serious_illness .type-more-link')
    await m.locator('.type-serious_illness:visible').getByText('出院小结', { exact: false }).waitFor()
    await member.shot('types')
    await tap(m, '.type-serious_illness .apply-btn')

    // Step 1: illness
    await inp(m, 'diagnosis').waitFor()
    await inp(m, 'diagnosis').fill('急性髓系白血病')
    await inp(m, 'hospital').fill('云溪区人民医院')
    await inp(m, 'admission_date').fill('2026-10-08')
    await inp(m, 'admission_date').blur()
    await m.locator('.draft-state:visible').getByText('草稿已保存').waitFor()
    await member.shot('apply-step1')
    await tap(m, '.next-btn')
    // Step 2: costs
    await inp(m, 'total_cost').waitFor()
    await inp(m, 'total_cost').fill('86000')
    await inp(m, 'total_cost').blur()
    await m.locator('.draft-state:visible').getByText('草稿已保存').waitFor()
    // The network drops while she types: the phone keeps it and says so, then syncs by itself.
    await member.context.setOffline(true)
    await inp(m, 'reimbursed').fill('41000')
    await inp(m, 'reimbursed').blur()
    await m.locator('.draft-state[data-state="offline"]:visible').getByText('已离线保存，联网后自动同步').waitFor()
    await member.shot('apply-offline')
    await member.context.setOffline(false)
    await m.locator('.draft-state[data-state="saved"]:visible').getByText('草稿已保存').waitFor({ timeout: 15_000 })
    await tap(m, '.next-btn')
    // Step 3: documents — the invoice photo and the discharge summary PDF
    await m.locator('.doc-invoices:visible').waitFor()
    await upload(m, 'invoices', files.jpeg)
    await upload(m, 'discharge_summary', files.pdf, '.uploader-pdf-btn')
    await m.locator('.doc-discharge_summary:visible').getByText('PDF 文件 1').waitFor()
    await m.locator('.draft-state:visible').getByText('草稿已保存').waitFor()
    await member.shot('apply-documents')

    // --- she closes the page mid-way, opens the app again and finds her draft through 我的申请
    await m.goto('about:blank')
    const m2 = m
    await m2.goto('/pages/mine/index')
    await tap(m2, '.mine-applications-row')
    const draftCard = m2.locator('.app-card[data-kind="relief"]:visible').filter({ hasText: '大病医疗救助' })
    await draftCard.locator('.app-stage').getByText('草稿').waitFor()
    await member.shot('my-applications-draft')
    await settle(m2)
    await draftCard.locator('.app-open').getByText('继续填写').click()
    // Back where she left off: the documents step, both files attached; the typed fields are all there.
    await m2.locator('.relief-apply-page[data-step="documents"]:visible').waitFor()
    await m2.locator('.doc-invoices:visible .doc-status').getByText('已上传').waitFor()
    await m2.locator('.doc-discharge_summary:visible .doc-status').getByText('已上传').waitFor()
    await tap(m2, '.step-illness')
    await inp(m2, 'diagnosis').waitFor()
    assert.equal(await inp(m2, 'diagnosis').inputValue(), '急性髓系白血病')
    assert.equal(await inp(m2, 'hospital').inputValue(), '云溪区人民医院')
    assert.equal(await inp(m2, 'admission_date').inputValue(), '2026-10-08')
    await tap(m2, '.step-costs')
    await inp(m2, 'total_cost').waitFor()
    assert.equal(await inp(m2, 'reimbursed').inputValue(), '41000')
    await member.shot('apply-restored')

    // --- confirm: the sensitive-data consent is separate and unticked; she ticks it and submits
    await tap(m2, '.step-confirm')
    const consent = m2.locator('.field-consent:visible [role="checkbox"]')
    assert.equal(await consent.getAttribute('data-checked'), 'false')
    await tap(m2, '.field-consent .consent-box')
    await m2.locator('.field-consent:visible [data-checked="true"]').waitFor()
    await member.shot('apply-confirm')
    await tap(m2, '.submit-btn')
    await m2.locator('.detail-stage:visible').getByText('基层工会初审中').waitFor()
    await m2.locator('.expected-by:visible').waitFor()
    const appId = Number(new URL(m2.url()).searchParams.get('id') ?? new URL(m2.url().replace('#', '')).searchParams.get('id'))
    await member.shot('detail-submitted')

    // --- 审核员·赵 (初审) returns it asking for the itemised bill
    await loginAs(reviewer, 'reviewer', '审核员·赵')
    const r = reviewer.page
    await openCase(reviewer, 'base', '李晓梅')
    await r.locator('.field-value-diagnosis:visible').getByText('急性髓系白血病').waitFor()
    await reviewer.shot('case-base')
    await tap(r, '.return-btn')
    await tap(r, '.field-missing .choice-itemised_bill')
    await r.locator('.action-note:visible textarea').fill('请补充住院费用明细清单（医院收费处可打印）')
    await tap(r, '.confirm-btn')
    await r.locator('.relief-review-page:visible').waitFor()

    // --- 李晓梅 sees what is missing, adds it and resubmits
    await m2.goto(`/packages/relief/detail/index?id=${appId}`)
    await m2.locator('.detail-stage:visible').getByText('待补充材料').waitFor()
    await m2.locator('.return-request:visible .summary-item').getByText('费用明细清单').waitFor()
    await member.shot('detail-returned')
    await tap(m2, '.edit-btn')
    await m2.locator('.return-request:visible .summary-item').getByText('费用明细清单').waitFor()
    await tap(m2, '.step-documents')
    await m2.locator('.doc-itemised_bill[data-requested="true"]:visible').waitFor()
    await upload(m2, 'itemised_bill', files.png)
    await member.shot('resubmit-documents')
    await tap(m2, '.step-confirm')
    await tap(m2, '.submit-btn')
    await m2.locator('.detail-stage:visible').getByText('基层工会初审中').waitFor()

    // --- 赵 approves at 初审 (the case shows both submissions)
    await openCase(reviewer, 'base', '李晓梅')
    await r.locator('.versions:visible').getByText('查看历次提交（2 次）').waitFor()
    await tap(r, '.approve-btn')
    await tap(r, '.confirm-btn')
    await r.locator('.relief-review-page:visible').waitFor()

    // --- 管理员·周 approves at 复核 with the amount, then publishes the 公示
    await loginAs(admin, 'admin', '管理员·周')
    const a = admin.page
    await openCase(admin, 'district', '李晓梅')
    await tap(a, '.approve-btn')
    await a.locator('.amount-input:visible input').fill('50000')
    await tap(a, '.confirm-btn')
    await a.locator('.field-amount .field-error:visible').getByText('金额须在 ¥1000–¥30000 之间').waitFor()
    await a.locator('.amount-input:visible input').fill('20000')
    await admin.shot('case-district-amount')
    await tap(a, '.confirm-btn')
    await a.locator('.relief-review-page:visible').waitFor()
    await tap(a, '.tab-publicity')
    await a.locator('.publish-form:visible .case-entry').filter({ hasText: '李晓梅' }).waitFor()
    await a.locator('.field-days:visible input').fill('1')
    await tap(a, '.publish-btn')
    const entry = a.locator('.case-entry:visible').filter({ hasText: '李晓梅' })
    await entry.getByText('公示至', { exact: false }).waitFor()
    await admin.shot('publicity-published')

    // --- members see the 公示 with the name masked; 我的申请 now says 公示中
    await m2.goto('/packages/relief/notice/index')
    const published = m2.locator('.entry:visible').filter({ hasText: '李*梅' })
    await published.getByText('¥20,000').waitFor()
    assert.ok(!(await m2.locator('.relief-notice-page:visible').innerText()).includes('李晓梅'), 'the full name is never published')
    await member.shot('publicity-notice')
    await m2.goto('/packages/applications/mine/index')
    const card = m2.locator('.app-card[data-kind="relief"]:visible').filter({ hasText: '大病医疗救助' })
    await card.locator('.app-stage').getByText('公示中').waitFor()
    await member.shot('my-applications-publicity')

    // --- the 公示 period passes (server clock +2 days); 周 records the payout
    await stack!.advanceClock(2 * 24 * 3600_000)
    await new Promise((res) => setTimeout(res, 300))
    await a.reload()
    await tap(a, '.tab-publicity')
    await a.locator('.case-entry[data-payable="true"]:visible').filter({ hasText: '李晓梅' }).getByText('可登记发放', { exact: false }).waitFor()
    await admin.shot('payable')
    await settle(a)
    await entry.click()
    await a.locator('.payout-form:visible').waitFor()
    await tap(a, '.field-method .choice-bank_transfer')
    await a.locator('.field-reference:visible input').fill('YX20261125-0031')
    await admin.shot('payout-form')
    await tap(a, '.payout-btn')
    await a.locator('.detail-stage:visible').getByText('已发放').waitFor()

    // --- 我的申请: 已发放 with the amount, and the whole timeline
    await m2.goto('/packages/applications/mine/index')
    await card.locator('.app-stage').getByText('已发放').waitFor()
    await card.getByText('¥20,000').waitFor()
    await settle(m2)
    await card.locator('.app-toggle').click()
    const titles = await timelineTitles(m2, '.app-card[data-kind="relief"]')
    for (const step of ['提交申请', '退回补充材料', '补充材料后重新提交', '基层工会初审通过', '复核通过', '进入公示', '救助金已发放']) {
      assert.ok(titles.includes(step), `我的申请 timeline has ${step}: ${titles.join(' / ')}`)
    }
    await member.shot('my-applications-paid')
    await settle(m2)
    await card.locator('.app-open').click()
    await m2.locator('.payout-record:visible').getByText('已发放 ¥20,000').waitFor()
    await m2.locator('.payout-record:visible').getByText('银行转账', { exact: false }).waitFor()
    // the timeline names the union that did the 复核 (the district: the type is the district's)
    const review = m2.locator('.timeline-item:visible').filter({ has: m2.locator('.timeline-title', { hasText: /^复核通过$/ }) })
    await review.locator('.timeline-time').getByText('云溪区总工会', { exact: false }).waitFor()
    await member.shot('detail-paid')
  } catch (err) {
    // What each phone showed when it went wrong.
    for (const p of [member, reviewer, admin]) await p.page.screenshot({ path: path.join(tmpdir(), `relief-fail-${[member, reviewer, admin].indexOf(p)}.png`) }).catch(() => undefined)
    throw err
  } finally {
    await member.close()
    await reviewer.close()
    await admin.close()
  }
})

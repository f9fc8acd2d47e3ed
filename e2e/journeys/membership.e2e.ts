/**
 * Membership journey (issue 3): a gig worker applies with a bad ID number (error beside the field), then with a
 * number that is already a member's (issue 11: "already registered" beside the field, naming no union), fixes it,
 * submits → the reviewer rejects with a reason → the applicant's 我的 shows an unread badge (1, read out as “1 条未读消息”),
 * the message opens the application, and back on 我的 the badge is gone (issue 15) → the applicant sees why, edits,
 * resubmits → the reviewer approves →
 * 我的 shows 会员 and the card shows a QR → the venue verifier checks that code: valid; the same code after 60 s:
 * expired. Three phones, one real server.
 *
 * The 60 s are not waited for: the server runs with the harness's movable clock (e2e/lib/clock.mjs) that the
 * journey moves forward, and the member's phone gets a browser clock moved forward the same way.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { checkDigit } from '../../contract/membership/idcard'
import { loginAs, settle, useJourneyStack, type Phone } from '../lib/harness'

const journey = useJourneyStack()

const REJECT_REASON = '工作单位请填写所在配送站点全称'
// Invented: a valid GB 11643 number (check digit 8), and the same with a wrong check digit.
const GOOD_ID = '440306199508151238'
const BAD_ID = '440306199508151230'
// The seeded member's number (李晓梅 of 星河物流有限公司工会, server/src/seed.ts DEMO_MEMBER_ID_NUMBER).
const MEMBER_ID = '33010619920315162' + checkDigit('33010619920315162')
const REGISTERED = '该身份证号已登记，如有疑问请联系工会'

async function open(page: Page, selector: string): Promise<void> {
  await settle(page)
  await page.locator(`${selector}:visible`).first().click()
}

async function reviewFirst(reviewer: Phone, applicant: string): Promise<void> {
  const { page } = reviewer
  await page.goto('/pages/mine/index')
  await open(page, '.workbench-review')
  const item = page.locator('.review-item:visible').filter({ hasText: applicant })
  await item.waitFor()
  await reviewer.shot('review-queue')
  await settle(page)
  await item.click()
  await page.locator('.detail-id-number:visible').getByText(GOOD_ID).waitFor()
}

test('gig worker joins: bad ID → fix → rejected (我的 unread badge 1 → the message opens the application → 0) → resubmit → approved → card QR verified, expired after 60 s', async () => {
  const gig = await journey.phone('membership-gig')
  const reviewer = await journey.phone('membership-reviewer')
  const venue = await journey.phone('membership-venue')
  try {
    // --- the applicant fills the form, with a mistyped ID number first
    await loginAs(gig, 'gig', '王小骑')
    const g = gig.page
    await open(g, '.tile-membership')
    const form = (name: string) => g.locator(`.field-${name}:visible`)
    await form('name').locator('input').waitFor()
    await form('name').locator('input').fill('王小骑')
    await form('idNumber').locator('input').fill(BAD_ID)
    await form('phone').locator('input').fill('13800138000')
    await form('employer').locator('input').fill('云溪同城配送')
    await form('employmentType').getByText('外卖配送员', { exact: true }).click()
    await form('orgId').getByText('云溪区新就业形态劳动者联合工会', { exact: true }).click()
    await form('consentSensitive').locator('.checkbox').click()
    // Saved on the server, not only on the phone.
    await g.locator('.draft-hint:visible').getByText('草稿已保存', { exact: true }).waitFor()
    await open(g, '.submit-btn')
    await form('idNumber').locator('.field-error').getByText('校验位不正确').waitFor()
    await gig.shot('join-bad-id')

    // Nothing typed is lost: a reload restores the draft.
    await g.reload()
    await form('name').locator('input').waitFor()
    assert.equal(await form('name').locator('input').inputValue(), '王小骑')
    assert.equal(await form('idNumber').locator('input').inputValue(), BAD_ID)

    // Someone else's number — a member's: refused beside the field, without saying of which union.
    await form('idNumber').locator('input').fill(MEMBER_ID)
    await form('idNumber').locator('input').blur()
    await open(g, '.submit-btn')
    await form('idNumber').locator('.field-error').getByText(REGISTERED, { exact: true }).waitFor()
    await gig.shot('join-id-registered')

    await form('idNumber').locator('input').fill(GOOD_ID)
    await form('idNumber').locator('input').blur()
    await g.locator('.id-derived:visible').getByText('1995').waitFor()
    await open(g, '.submit-btn')
    await g.locator('.application-status:visible').getByText('审核中').waitFor()
    await g.locator('.expected-by:visible').waitFor()
    await gig.shot('status-submitted')

    // --- the reviewer of that union rejects with a reason
    await loginAs(reviewer, 'reviewer', '审核员·赵')
    await reviewFirst(reviewer, '王小骑')
    await reviewer.shot('review-detail')
    await open(reviewer.page, '.reject-btn')
    await reviewer.page.locator('.reject-reason:visible textarea').fill(REJECT_REASON)
    await open(reviewer.page, '.reject-confirm-btn')
    await reviewer.page.getByText('暂无待审核的入会申请').waitFor()

    // --- 我的 shows one unread message, read out as such; opening it goes to the application; the badge is gone after
    await g.goto('/pages/mine/index')
    const badge = g.locator('.mine-unread:visible')
    await badge.waitFor()
    assert.equal((await badge.innerText()).trim(), '1')
    assert.equal(await badge.getAttribute('aria-label'), '1 条未读消息')
    await g.getByRole('button', { name: '消息，1 条未读消息' }).waitFor()
    await gig.shot('mine-unread-badge')
    await open(g, '.mine-messages-row')
    const message = g.locator('.messages-page:visible .message').filter({ hasText: '入会申请未通过' })
    await message.getByText(REJECT_REASON, { exact: false }).waitFor()
    await gig.shot('messages')
    await settle(g)
    await message.click()
    // --- the applicant sees why, edits and resubmits
    await g.locator('.application-status:visible').getByText('未通过').waitFor()
    await g.locator('.reject-reason-text:visible').getByText(REJECT_REASON).waitFor()
    await gig.shot('status-rejected')
    // back on 我的 (the way a person goes back: two steps), the message is read: no badge, and the row says so
    await g.goBack()
    await g.locator('.messages-page:visible').waitFor()
    await g.goBack()
    await g.locator('.messages-page:visible').waitFor({ state: 'detached' })
    await g.getByRole('button', { name: '消息，没有未读消息' }).waitFor()
    assert.equal(await g.locator('.mine-unread:visible').count(), 0)
    await gig.shot('mine-badge-cleared')
    // 消息设置 in the browser: no WeChat notices here, said plainly; 关闭 marketing notices is saved on the server
    await open(g, '.mine-message-settings-row')
    await g.locator('.settings-h5:visible').getByText('微信通知只在微信小程序中可用', { exact: false }).waitFor()
    const marketing = g.getByRole('switch', { name: '新福利活动、新活动上线的推广通知' })
    assert.equal(await marketing.getAttribute('aria-checked'), 'true')
    await settle(g)
    await marketing.click()
    await g.locator('.setting-note-saved:visible').getByText('已关闭，不再收到此类通知').waitFor()
    assert.equal(await marketing.getAttribute('aria-checked'), 'false')
    await gig.shot('message-settings')
    await g.goBack()
    await g.locator('.message-settings-page:visible').waitFor({ state: 'detached' })
    await open(g, '.mine-join-row')
    await g.locator('.application-status:visible').getByText('未通过').waitFor()
    await settle(g)
    await g.locator('.btn:visible').filter({ hasText: '修改后重新提交' }).click()
    await g.locator('.reject-notice:visible').getByText(REJECT_REASON).waitFor()
    // Name, employer and choices come back; the ID number and phone are kept on file (shown masked, never resent).
    assert.equal(await form('name').locator('input').inputValue(), '王小骑', 'the form is prefilled')
    await g.locator('.kept-on-file:visible').waitFor()
    assert.match((await form('idNumber').locator('input').getAttribute('placeholder')) ?? '', /4403\*+1238/)
    await gig.shot('resubmit-form')
    await form('employer').locator('input').fill('云溪同城配送·青禾街道站')
    await form('consentSensitive').locator('.checkbox[data-checked="true"]').waitFor().catch(async () => {
      await form('consentSensitive').locator('.checkbox').click()
    })
    await open(g, '.submit-btn')
    await g.locator('.application-status:visible').getByText('审核中').waitFor()
    const timeline = await g.locator('.timeline-item:visible .timeline-title').allInnerTexts()
    assert.ok(timeline.length >= 3, `timeline keeps every step: ${timeline.join(' / ')}`)
    await gig.shot('status-resubmitted')

    // --- the reviewer approves
    await reviewFirst(reviewer, '王小骑')
    await open(reviewer.page, '.approve-btn')
    await reviewer.page.getByText('暂无待审核的入会申请').waitFor()

    // --- the applicant is a member: 我的 shows 会员, the card shows a QR
    // (the phone's timers run on a clock the journey can move, like the server's: nobody waits out the 60 s)
    await g.clock.install()
    await g.goto('/pages/mine/index')
    const roles = await g.locator('.role-tag:visible').allInnerTexts()
    assert.ok(roles.some((r) => r.startsWith('会员') && r.includes('新就业形态劳动者联合工会')), `role tags: ${roles.join(' / ')}`)
    await gig.shot('mine-member')
    await open(g, '.mine-card-row')
    const qr = g.locator('.card-qr:visible img, img.card-qr:visible').first()
    await qr.waitFor()
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/gif;base64,/)
    const code = (await g.locator('.card-code:visible').innerText()).trim()
    assert.ok(code.length > 20, 'the card shows its code')
    await g.locator('.member-no:visible').waitFor()
    await gig.shot('card')

    // --- the venue verifier checks the code: valid
    await loginAs(venue, 'venue', '场馆核销员·陈')
    const v = venue.page
    await v.goto('/pages/mine/index')
    await open(v, '.workbench-verify')
    await v.locator('.verify-input:visible textarea').fill(code)
    await open(v, '.verify-btn')
    const result = v.locator('.verify-result:visible')
    await result.waitFor()
    assert.equal(await result.getAttribute('data-result'), 'valid')
    assert.match(await result.innerText(), /王\*骑/)
    await venue.shot('verify-valid')

    // --- the same code, 60 s later: expired (a screenshot of the card stops working)
    // 61 s pass, on the server and on the member's phone
    await journey.advanceClock(61_000)
    await g.clock.fastForward(61_000)
    await v.locator('.verify-input:visible textarea').fill(code)
    await open(v, '.verify-btn')
    await v.locator('.verify-result[data-result="expired"]:visible').waitFor()
    await venue.shot('verify-expired')

    // Meanwhile the member's card page has rotated to a new code by itself.
    let rotated = code
    for (let i = 0; i < 50 && rotated === code; i++) {
      rotated = (await g.locator('.card-code:visible').innerText()).trim()
      if (rotated === code) await new Promise((r) => setTimeout(r, 200))
    }
    assert.notEqual(rotated, code, 'the card refreshed its code on its own')
  } finally {
    await gig.close()
    await reviewer.close()
    await venue.close()
  }
})

/**
 * 法律援助 journey (issue 14): 李晓梅 asks about unpaid wages (欠薪, with the amount) → 法律援助专员·孙 takes it, replies
 * and schedules a phone call → the member reads the reply in 我的 → 消息 and opens the case from it → the staff close
 * it (已解答) → the member rates it. Two phones, one real server.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { loginAs, settle, tab, useJourneyStack } from '../lib/harness'

const journey = useJourneyStack()

const EMPLOYER = '云溪鲜达冷链配送站'
const REPLY = '您可以先整理工资条、考勤记录和催讨聊天记录，我们周一电话详细沟通仲裁前的协商。'
const CLOSING = '已电话说明协商与仲裁的步骤，材料清单已发给您。'

async function tap(page: Page, selector: string): Promise<void> {
  await settle(page)
  await page.locator(`${selector}:visible`).first().click()
}

/** Three days from now at 19:00, China time, as staff type it. */
function sessionText(): { typed: string; shown: string } {
  const d = new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  const date = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`
  return { typed: `${date} 19:00`, shown: `${date} 19:00` }
}

test('member asks about unpaid wages → staff take, reply, schedule a call → member reads it in 消息 → closed → rated', async () => {
  const member = await journey.phone('legal-member')
  const staff = await journey.phone('legal-staff')
  try {
    // --- 李晓梅 asks
    await loginAs(member, 'member', '李晓梅')
    const m = member.page
    await tap(m, '.tile-legal')
    await m.locator('.legal-home:visible .hotline-number').getByText('12351').waitFor()
    await member.shot('legal-home')
    await tap(m, '.ask-btn')
    const field = (name: string) => m.locator(`.legal-ask:visible .field-${name}`)
    await field('kind').getByText('欠薪', { exact: true }).waitFor()
    await settle(m)
    // Nothing filled: each error beside its field.
    await tap(m, '.submit-btn')
    await field('employer').locator('.field-error').getByText('请填写用人单位').waitFor()
    await field('kind').getByText('欠薪', { exact: true }).click()
    await field('employer').locator('input').fill(EMPLOYER)
    await field('amount').locator('input').fill('6800')
    await field('description').locator('textarea').fill('站点从九月起拖欠我两个月工资共 6800 元，站长一直说总部没打款，多次催讨未果。')
    await field('contactPref').getByText('电话联系', { exact: true }).click()
    await field('phone').locator('input').fill('13800005678')
    await field('contactTime').getByText('工作日晚上', { exact: true }).click()
    await member.shot('ask-filled')
    await tap(m, '.submit-btn')
    const caseCard = m.locator('.legal-case:visible')
    await caseCard.locator('.chip').getByText('待受理', { exact: true }).waitFor()
    await caseCard.getByText('涉及金额：¥6800').waitFor()
    assert.match((await caseCard.locator('.next-step').textContent()) ?? '', /^下一步：/)
    await member.shot('case-submitted')

    // --- 法律援助专员·孙 takes it from 我的 → 法律援助受理
    await loginAs(staff, 'legal', '法律援助专员·孙')
    const s = staff.page
    await tab(s, '我的')
    await tap(s, '.workbench-legal')
    const item = s.locator('.legal-cases:visible .legal-item').filter({ hasText: EMPLOYER })
    await item.waitFor()
    assert.match((await item.textContent()) ?? '', /待受理/)
    await staff.shot('staff-worklist')
    await settle(s)
    await item.click()
    const staffCase = s.locator('.legal-staff-case:visible')
    await staffCase.getByText('13800005678', { exact: false }).waitFor()
    await tap(s, '.take-btn')
    await staffCase.locator('.legal-item-head .chip').getByText('处理中', { exact: true }).waitFor()
    await staffCase.locator('.staff-actions textarea').fill(REPLY)
    await tap(s, '.reply-btn')
    await staffCase.locator('.legal-entry[data-kind="reply"]').getByText(REPLY).waitFor()
    const when = sessionText()
    await staffCase.locator('.session-at input').fill(when.typed)
    await tap(s, '.schedule-btn')
    await staffCase.locator('.legal-item-head .chip').getByText('已预约咨询', { exact: true }).waitFor()
    // The member is told the time in China time, as typed.
    await staffCase.locator('.legal-entry[data-kind="scheduled"]').getByText(`电话咨询：${when.shown}`, { exact: false }).waitFor()
    await staff.shot('staff-replied-scheduled')

    // --- the member reads it in 我的 → 消息 and opens the case from there
    await m.goto('/pages/mine/index')
    await tap(m, '.mine-messages-row')
    const reply = m.locator('.messages-page:visible .message').filter({ hasText: '回复了您的咨询' })
    await reply.waitFor()
    await m.locator('.messages-page:visible .message').filter({ hasText: '已为您预约' }).waitFor()
    await member.shot('messages')
    await settle(m)
    await reply.click()
    await caseCard.locator('.legal-entry[data-kind="reply"]').getByText(REPLY).waitFor()
    await caseCard.locator('.chip').getByText('已预约咨询', { exact: true }).waitFor()
    await member.shot('case-reply-read')

    // --- the staff close it: 已解答, with a note
    await staffCase.locator('.staff-actions textarea').fill(CLOSING)
    await staffCase.locator('.staff-actions .choices').getByText('已解答', { exact: true }).click()
    await tap(s, '.close-btn')
    await staffCase.locator('.legal-item-head .chip').getByText('已解答', { exact: true }).waitFor()
    assert.equal(await staffCase.locator('.staff-actions').count(), 0)
    await staff.shot('staff-closed')

    // --- the member rates it
    await m.reload()
    await caseCard.locator('.chip').getByText('已解答', { exact: true }).waitFor()
    const rate = m.locator('.rate-card:visible')
    await rate.waitFor()
    await member.shot('case-closed-rate')
    await rate.getByRole('radio', { name: '5 星' }).click()
    await rate.locator('textarea').fill('回复很快，讲得清楚。')
    await tap(m, '.rate-btn')
    const mine = caseCard.locator('.card').filter({ hasText: '我的评价' })
    await mine.getByText('★★★★★ 回复很快，讲得清楚。').waitFor()
    // and in the thread, for the staff to read
    await caseCard.locator('.legal-entry[data-kind="rated"]').waitFor()
    assert.equal(await m.locator('.rate-card:visible').count(), 0)
    await member.shot('case-rated')

    assert.deepEqual(member.cspViolations, [])
    assert.deepEqual(staff.cspViolations, [])
  } finally {
    await member.close()
    await staff.close()
  }
})

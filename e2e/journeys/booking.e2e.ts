/**
 * 在线预约 journey (issue 14, part 3): 李晓梅 opens 首页 → 在线预约, picks the demo 流动体检车, books a slot of the coming
 * week (the place count drops by one), finds it in 我的 → 我的预约, cancels it there, and the slot shows its place
 * free again. One phone, one real server (fresh PGlite, demo seed).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loginAs, settle, tab, useJourneyStack } from '../lib/harness'

const stack = useJourneyStack()

test('a member books a 流动体检车 slot and cancels it', async () => {
  const phone = await stack.phone('booking-member')
  const { page } = phone
  try {
    await loginAs(phone, 'member', '李晓梅')
    await settle(page)
    await page.locator('.tile:visible').getByText('在线预约').click()
    const bus = page.locator('.service-item:visible').filter({ hasText: '流动体检车进园区' })
    await bus.waitFor()
    await phone.shot('services')
    await bus.click()

    const first = page.locator('.slot-row:visible').first()
    await first.waitFor()
    const slotId = await first.getAttribute('data-id')
    const left = page.locator(`.slot-row[data-id="${slotId}"]:visible .slot-left`)
    assert.equal(await left.textContent(), '余 10 / 10')
    await phone.shot('slots')
    await page.locator(`.slot-row[data-id="${slotId}"]:visible .book-btn`).click()
    await page.locator(`.slot-row[data-id="${slotId}"][data-mine="yes"]:visible`).waitFor()
    assert.equal(await left.textContent(), '已预约')
    await phone.shot('booked')

    // 我的 → 我的预约: the booking is there; cancel it
    await page.goto('/pages/mine/index')
    await page.locator('.mine-bookings-row:visible').click()
    const item = page.locator('.booking-item:visible').filter({ hasText: '流动体检车进园区' })
    await item.waitFor()
    assert.equal(await item.locator('.booking-status').textContent(), '已预约')
    await phone.shot('mine')
    await item.getByText('取消预约').click()
    await page.locator('.my-bookings-page:visible').getByText('暂无待参加的预约').waitFor()
    await page.locator('.scope-past:visible').click()
    await page.locator('.booking-item:visible[data-status="cancelled"]').waitFor()
    await phone.shot('cancelled')

    // The place is free again
    await page.goto('/pages/home/index')
    await tab(page, '首页')
    await settle(page)
    await page.locator('.tile:visible').getByText('在线预约').click()
    await page.locator('.service-item:visible').filter({ hasText: '流动体检车进园区' }).click()
    const again = page.locator(`.slot-row[data-id="${slotId}"]:visible`)
    await again.waitFor()
    assert.equal(await again.getAttribute('data-mine'), 'no')
    assert.equal(await again.locator('.slot-left').textContent(), '余 10 / 10')
    await phone.shot('free-again')
    assert.deepEqual(phone.cspViolations, [])
  } finally {
    await phone.close()
  }
})

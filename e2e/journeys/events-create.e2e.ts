/**
 * Browser journey: an organiser publishes an event from the app (新建活动), a bad time is refused beside its field,
 * and a member then finds it in the event list and opens it.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import dayjs from 'dayjs'
import { loginAs, settle, useJourneyStack } from '../lib/harness'

const journey = useJourneyStack()
const TITLE = '职工羽毛球友谊赛'
const at = (days: number, hour: number) => dayjs().add(days, 'day').hour(hour).minute(0).format('YYYY-MM-DD HH:mm')

test('an organiser publishes an event from 活动管理 → 新建活动; a member finds it and can register', async () => {
  const organiser = await journey.phone('events-create-organiser')
  const member = await journey.phone('events-create-member')
  try {
    await loginAs(organiser, 'admin', '管理员·周')
    const o = organiser.page
    await o.goto('/packages/events-staff/list/index')
    await o.locator('.page:visible').getByText('新建活动', { exact: true }).click()
    await o.locator('.event-new-page:visible').waitFor()
    await settle(o)
    const field = (k: string) => o.locator(`.event-new-page:visible .field-${k}`)
    await field('kind').locator('.kind-sports_culture').click()
    await field('title').locator('input').fill(TITLE)
    await field('description').locator('textarea').fill('男女混合双打，自带球拍，现场提供用球。')
    await field('registrationOpensAt').locator('input').fill(at(-1, 9))
    await field('registrationClosesAt').locator('input').fill(at(5, 18))
    // a start before the registration closes is the kind of slip a person makes: refused beside the field
    await field('startsAt').locator('input').fill(at(7, 9))
    await field('endsAt').locator('input').fill(at(7, 8))
    await field('placeName').locator('input').fill('云溪区全民健身中心羽毛球馆')
    await field('placeAddress').locator('input').fill('示例市云溪区青禾路 66 号')
    const coords = field('coords').locator('input')
    await coords.nth(0).fill('30.2766')
    await coords.nth(1).fill('120.1587')
    await field('capacity').locator('input').fill('32')
    await o.locator('.save-event-btn:visible').click()
    await field('endsAt').locator('.field-error').waitFor()
    await organiser.shot('end-before-start-refused')

    await field('endsAt').locator('input').fill(at(7, 17))
    await o.locator('.save-event-btn:visible').click()
    // published: the page is replaced by the organiser's view of the new event
    await o.locator('.page:visible').getByText(TITLE).first().waitFor()
    assert.ok((await o.locator('.event-new-page:visible').count()) === 0, 'the form has been replaced')
    await organiser.shot('published')

    await loginAs(member, 'member', '李晓梅')
    const m = member.page
    await m.goto('/packages/events/list/index')
    await m.locator('.page:visible').getByText(TITLE).first().click()
    await m.locator('.page:visible').getByText('云溪区全民健身中心羽毛球馆').first().waitFor()
    await member.shot('member-sees-it')
  } finally {
    await organiser.close()
    await member.close()
  }
})

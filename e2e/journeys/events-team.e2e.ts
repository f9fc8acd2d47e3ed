/**
 * Team entry by invitation (security review, issue 11), two phones on one real server:
 * the captain (李晓梅) registers a team for the seeded tug-of-war by its name only → lands on 我的队伍 with an
 * invitation code and copies it → a second member (王小骑, who joins the union first through the API) opens
 * 输入邀请码, sees the event, the team and the captain masked (李*梅), accepts → sees the team with themselves in it →
 * the captain sees the member who accepted (组队中 2/3 until a third accepts).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { checkDigit } from '../../contract/membership/idcard'
import { loginAs, settle, useJourneyStack } from '../lib/harness'

const journey = useJourneyStack()
const TEAM_EVENT = '职工拔河比赛（团队赛）'

async function api<T>(method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(journey.baseUrl() + url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const data = (await res.json()) as T
  assert.ok(res.ok, `${method} ${url} → ${res.status} ${JSON.stringify(data)}`)
  return data
}

async function tap(page: Page, selector: string): Promise<void> {
  await settle(page)
  await page.locator(`${selector}:visible`).first().click()
}

/** 王小骑 applies to the gig union and 审核员·赵 approves: a second member for the team. */
async function makeGigAMember(): Promise<void> {
  const gig = await api<{ token: string }>('POST', '/api/auth/dev-login', null, { persona: 'gig' })
  const unions = await api<{ items: { id: number; name: string }[] }>('GET', '/api/membership/unions', gig.token)
  const union = unions.items.find((u) => u.name.includes('新就业形态'))
  assert.ok(union, 'the gig union is offered')
  const id17 = '11010519900307281'
  const application = await api<{ id: number }>('POST', '/api/membership/applications', gig.token, {
    name: '王小骑',
    idNumber: id17 + checkDigit(id17),
    phone: '13912345678',
    employer: '',
    noFixedEmployer: true,
    employmentType: 'delivery',
    orgId: union.id,
    consentSensitive: true,
  })
  const reviewer = await api<{ token: string }>('POST', '/api/auth/dev-login', null, { persona: 'reviewer' })
  await api('POST', `/api/membership/review/${application.id}/approve`, reviewer.token, {})
}

test('captain registers a team → copies the invitation code → a second member opens it and accepts → the captain sees them', async () => {
  await makeGigAMember()
  const captain = await journey.phone('events-team-captain')
  const mate = await journey.phone('events-team-mate')
  try {
    // --- the captain finds the seeded team event and registers the team by its name only
    await loginAs(captain, 'member', '李晓梅')
    const c = captain.page
    await c.goto('/packages/events/list/index')
    await settle(c)
    await c.locator('.kind-chips:visible .chip').getByText('文体活动', { exact: true }).click()
    await c.locator('.events-body[data-loading="false"]:visible').waitFor()
    const row = c.locator('.event-item:visible').filter({ hasText: TEAM_EVENT })
    await row.waitFor()
    await settle(c)
    await row.click()
    await tap(c, '.register-btn')
    await c.locator('.team-invite-hint:visible').getByText('队员通过邀请加入').waitFor()
    assert.equal(await c.locator('.member-no-input').count(), 0, 'nobody types a team-mate’s member number')
    await c.locator('.field-teamName:visible input').fill('星河飞驰队')
    await captain.shot('register-team-name')
    await tap(c, '.submit-btn')

    // --- 我的队伍: 组队中 1/3, the invitation code; the captain copies it to send in a chat
    await c.locator('.team-page .team-status:visible').getByText('组队中（1/3 人）').waitFor()
    const code = (await c.locator('.invite-code:visible').innerText()).trim()
    assert.match(code, /^[A-HJ-NP-Z2-9]{8}$/)
    await tap(c, '.copy-invite-btn')
    await captain.shot('team-invite-code')

    // --- the second member opens the invitation with the code and accepts
    await loginAs(mate, 'gig', '王小骑')
    const m = mate.page
    await m.goto('/packages/events/list/index')
    await tap(m, '.invite-link')
    await m.locator('.invite-code-input:visible input').waitFor()
    await m.locator('.invite-code-input:visible input').fill(code.toLowerCase())
    await tap(m, '.open-invite-btn')
    const preview = m.locator('.invite-preview:visible')
    await preview.waitFor()
    assert.match(await preview.innerText(), /队长 李\*梅 邀请您加入/)
    assert.doesNotMatch(await preview.innerText(), /李晓梅/, 'the captain’s name is masked')
    await preview.getByText('「星河飞驰队」').waitFor()
    await mate.shot('invite-preview')
    await tap(m, '.accept-invite-btn')
    await m.locator('.team-page .team-member-name:visible').getByText('王小骑（我）').waitFor()
    await m.locator('.team-page .team-member-name:visible').getByText('李*梅（队长）').waitFor()
    await mate.shot('joined-team')

    // The same code again is used up.
    await m.goto(`/packages/events/invite/index?code=${code}`)
    await m.locator('.invite-preview:visible').waitFor()
    await m.locator('.notice-title:visible').getByText('您已在该队伍中').waitFor()

    // --- the captain sees the member who accepted (full name to the captain), still 组队中 until a third joins
    await c.reload()
    await c.locator('.team-page .team-member-name:visible').getByText('王小骑').waitFor()
    await c.locator('.team-status:visible').getByText('组队中（2/3 人）').waitFor()
    assert.equal(await c.locator('.pending-invite:visible').count(), 0, 'the accepted invitation is no longer pending')
    await captain.shot('captain-sees-member')
  } finally {
    await captain.close()
    await mate.close()
  }
})

/**
 * Foundation journey (issue 2): open the app → 演示登录 as the member persona → 我的 shows the
 * nickname and role → rename → logout returns to the login page. A screenshot per step.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { settle, tab, useJourneyStack } from '../lib/harness'

const journey = useJourneyStack()

test('member logs in with 演示登录, sees nickname and role in 我的, renames, logs out', async () => {
  const phone = await journey.phone('foundation')
  const { page } = phone
  try {
    const first = await page.goto('/')
    // The app is served under a Content-Security-Policy that allows only its own scripts (issue 11) …
    const csp = first?.headers()['content-security-policy'] ?? ''
    assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/=]+' 'unsafe-hashes' 'sha256-[A-Za-z0-9+/=]+'(;|$)/, `CSP of the H5 app: ${csp}`)
    assert.match(csp, /frame-ancestors 'none'/)
    await page.getByText('欢迎使用工会会员服务').waitFor()
    await phone.shot('home-anonymous')

    await tab(page, '我的')
    await page.getByText('您还没有登录').waitFor()
    await phone.shot('mine-anonymous')
    await settle(page)
    await page.getByText('去登录', { exact: true }).click()

    await page.locator('.login-title:visible').getByText('工会会员服务').waitFor()
    await page.getByText('演示登录', { exact: true }).waitFor()
    const member = page.locator('#persona-member')
    await member.getByText('李晓梅').waitFor()
    // Every persona a newcomer needs is offered.
    for (const key of ['member', 'gig', 'venue', 'reviewer', 'admin']) {
      assert.equal(await page.locator(`#persona-${key}`).count(), 1, `persona ${key} listed`)
    }
    await phone.shot('login-personas')
    await settle(page)
    await member.click()

    // Login returns to where the member came from (我的), now filled in.
    await page.locator('.mine-nickname:visible').getByText('李晓梅').waitFor()
    const roles = await page.locator('.role-tag:visible').allInnerTexts()
    assert.ok(roles.some((r) => r.startsWith('会员')), `role tags show 会员: ${roles.join(' / ')}`)
    await phone.shot('mine-member')

    await tab(page, '首页')
    await page.locator('.home-hello:visible').getByText('李晓梅').waitFor()
    await phone.shot('home-logged-in')
    await tab(page, '我的')

    // Rename: the new nickname is saved on the server and survives a reload.
    const input = page.locator('.nickname-input:visible input')
    await input.fill('李晓梅（测试）')
    await input.press('Enter')
    await page.locator('.mine-nickname:visible').getByText('李晓梅（测试）').waitFor()
    await page.reload()
    await page.locator('.mine-nickname:visible').getByText('李晓梅（测试）').waitFor()
    await phone.shot('mine-renamed')

    // An empty nickname is refused with the reason beside the field, and nothing is lost.
    await input.fill('')
    await input.press('Enter')
    await page.locator('.field-error:visible').getByText('昵称不能为空').waitFor()
    await phone.shot('mine-nickname-error')

    await settle(page)
    await page.getByText('退出登录', { exact: true }).click()
    await page.locator('.login-title:visible').getByText('工会会员服务').waitFor()
    await page.getByText('演示登录', { exact: true }).waitFor()
    await phone.shot('logged-out')

    // The session is gone for real: a reload does not bring the member back.
    await page.goto('/pages/mine/index')
    await page.getByText('您还没有登录').waitFor()

    // … and nothing the app did on the way was blocked by it.
    assert.deepEqual(phone.cspViolations, [], `CSP violations:\n${phone.cspViolations.join('\n')}`)
  } finally {
    await phone.close()
  }
})

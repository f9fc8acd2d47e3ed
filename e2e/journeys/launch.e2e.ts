/**
 * Launch journey (issue 13): a district federation goes live on an empty production deployment — the production H5
 * build, a real PostgreSQL server, NODE_ENV=production, AUTH_MODE=cloudhosting — with each phone behind its own
 * stand-in for the Cloud Hosting gateway (e2e/lib/gateway.ts), which names the WeChat user (X-WX-OPENID).
 *
 *   the operator bootstraps → phone A redeems the code and is the district's admin → A imports 3 unions from an
 *   .xlsx (a row with an unknown parent is shown in the check, fixed, imported) → A invites phone B as reviewer of
 *   one union, B accepts → A imports a 50-member roster → phone C (on the roster) does 会员认证 and has the card at
 *   once → phone D (not on it) applies to join, B approves → A revokes B, and B's next review action is refused.
 *
 * Needs DATABASE_URL (a server where it may create a throwaway database); skipped without it.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import { Client } from 'pg'
import type { Browser, Page } from 'playwright-core'
import { checkDigit } from '../../contract/membership/idcard'
import { ROSTER_COLUMNS } from '../../contract/roster/labels'
import { UNION_IMPORT_COLUMNS } from '../../contract/unions/labels'
import { ROOT } from '../../scripts/lib/h5-build'
import { launchBrowser, openPhone, settle, startStack, type Phone, type Stack } from '../lib/harness'
import { startGateway, type Gateway } from '../lib/gateway'

const adminUrl = process.env.DATABASE_URL
const ROOT_UNION = '云溪区总工会'
const STREET = '东湖街道总工会'
const JOINT = '东湖物流园联合工会'
const GROUP = '云溪城建集团工会'

const idNumber = (n: number) => {
  const body = `33010619900101${String(n).padStart(3, '0')}`
  return body + checkDigit(body)
}
const PERSON_C = { name: '陈小满', idNumber: idNumber(1), phone: '13900000001' }

let stack: Stack | undefined
let browser: Browser | undefined
const gateways: Gateway[] = []
let dbName = ''
let databaseUrl = ''
const env = { SESSION_SECRET: randomBytes(32).toString('base64url'), DATA_KEY: randomBytes(32).toString('base64') }

async function adminSql(text: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl })
  await c.connect()
  try {
    await c.query(text)
  } finally {
    await c.end()
  }
}

before(async () => {
  if (!adminUrl) return
  dbName = `ums_launch_${process.pid}_${randomBytes(4).toString('hex')}`
  const url = new URL(adminUrl)
  url.pathname = `/${dbName}`
  databaseUrl = url.toString()
  await adminSql(`CREATE DATABASE "${dbName}"`)
  stack = await startStack(
    // Every phone reaches the server from 127.0.0.1 through its gateway: one address, so a generous per-IP limit.
    { NODE_ENV: 'production', AUTH_MODE: 'cloudhosting', RATE_LIMIT_PER_MIN: '5000', ...env },
    { databaseUrl },
  )
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  for (const g of gateways) await g.close()
  await stack?.stop()
  if (dbName) await adminSql(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined)
})

/** A phone of the WeChat user `openid`, behind its own gateway. */
async function phone(name: string): Promise<Phone> {
  const gateway = await startGateway(stack!.baseUrl, `launch-openid-${name}`)
  gateways.push(gateway)
  return openPhone(browser!, gateway.url, `launch-${name}`)
}

/** `npm run admin -- …` as the operator runs it against the production database. */
function operator(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync('npm', ['run', '-s', 'admin', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', AUTH_MODE: 'cloudhosting', DATABASE_URL: databaseUrl, ...env },
  })
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` }
}

async function tap(page: Page, selector: string): Promise<void> {
  await settle(page)
  await page.locator(`${selector}:visible`).first().click()
}

/** On 我的, the workbench entry `key` (e.g. staff, roster, review). */
async function workbench(page: Page, key: string): Promise<void> {
  await page.goto('/pages/mine/index')
  await tap(page, `.workbench-${key}`)
}

/** Logs in through the page in front of the phone (微信一键登录: the gateway names the user) and comes back. */
async function loginHere(p: Phone): Promise<void> {
  await p.page.getByText('去登录').first().click()
  await p.page.locator('.wechat-login-btn:visible').waitFor()
  await tap(p.page, '.wechat-login-btn')
  await p.page.waitForURL((url) => !url.pathname.startsWith('/pages/login'))
}

/** A newcomer opens the mini-program and logs in from 我的. */
async function loginFromMine(p: Phone): Promise<void> {
  await p.page.goto('/pages/mine/index')
  await loginHere(p)
  await p.page.locator('.mine-nickname:visible, .profile-name:visible').first().waitFor()
}

async function pickFile(page: Page, trigger: string, name: string, bytes: Buffer): Promise<void> {
  await settle(page)
  const chooser = page.waitForEvent('filechooser')
  await page.locator(`${trigger}:visible`).first().click()
  await (await chooser).setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes })
}

async function xlsx(header: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Sheet1')
  ws.addRow(header)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function unionsFile(rootSpelling: string): Promise<Buffer> {
  const c = UNION_IMPORT_COLUMNS
  return xlsx(
    [c.name, c.parent, c.kind, c.address, c.contactName, c.contactPhone],
    [
      [STREET, ROOT_UNION, '街道·乡镇总工会', '示例市云溪区东湖路 1 号', '周主席', '0571-86001234'],
      [JOINT, STREET, '联合工会', '示例市云溪区东湖物流园 A 座', '吴主席', '13700001111'],
      [GROUP, rootSpelling, '基层工会', '示例市云溪区城建大厦 5 楼', '郑主席', '0571-86005678'],
    ],
  )
}

function rosterFile(): Promise<Buffer> {
  const c = ROSTER_COLUMNS
  const rows = Array.from({ length: 50 }, (_, i) => {
    const person = i === 0 ? PERSON_C : { name: `台账会员${i + 1}`, idNumber: idNumber(i + 1), phone: `139${String(i + 1).padStart(8, '0')}` }
    return [person.name, person.idNumber, person.phone, i % 2 === 0 ? JOINT : GROUP, '', '2019-05-01', i % 3 === 0 ? '快递员' : '在职职工']
  })
  return xlsx([c.name, c.idNumber, c.phone, c.union, c.memberNo, c.joinedOn, c.employment], rows)
}

test('launch: bootstrap → first admin → union tree → reviewer → roster → 会员认证 → joining → revocation', {
  skip: adminUrl ? false : 'DATABASE_URL is not set (needs a PostgreSQL server for a throwaway database)',
  timeout: 300_000,
}, async () => {
  const A = await phone('A-admin')
  const B = await phone('B-reviewer')
  const C = await phone('C-roster-member')
  const D = await phone('D-applicant')
  const E = await phone('E-applicant')
  try {
    // --- the operator: one command, one code (and once only)
    const boot = operator('bootstrap', '--name', ROOT_UNION)
    assert.equal(boot.status, 0, boot.out)
    const code = /首位管理员邀请码：(\S+)/.exec(boot.out)?.[1]
    const link = /小程序页面：(\S+)/.exec(boot.out)?.[1]
    assert.ok(code && link, boot.out)
    const again = operator('bootstrap', '--name', ROOT_UNION)
    assert.equal(again.status, 1)
    assert.match(again.out, /已存在根工会「云溪区总工会」/)

    // --- phone A opens the link, logs in with WeChat, accepts: the district's admin
    await A.page.goto(link!)
    await loginHere(A)
    await A.page.locator('.staff-invite-role:visible').getByText('管理员').waitFor()
    await A.shot('bootstrap-invitation')
    await tap(A.page, '.staff-accept-btn')
    await A.page.locator('.staff-accepted:visible').getByText(`您已成为${ROOT_UNION}的管理员`).waitFor()
    await A.shot('first-admin')

    // --- A imports the union tree: the check shows the row with an unknown parent; the fixed file goes in
    await workbench(A.page, 'unions')
    await A.page.locator('.union-import-btn:visible').waitFor()
    await A.shot('unions-empty-tree')
    await tap(A.page, '.union-import-btn')
    await pickFile(A.page, '.union-import-pick', '工会名单.xlsx', await unionsFile('云溪区总公会'))
    const problem = A.page.locator('.import-problem:visible').filter({ hasText: '第 4 行' })
    await problem.getByText('上级工会“云溪区总公会”不存在').waitFor()
    assert.notEqual(await A.page.locator('.union-import-commit:visible').getAttribute('disabled'), null, 'nothing can be imported while a row has a problem')
    await A.shot('unions-check-problem')
    await pickFile(A.page, '.union-import-pick', '工会名单（修正）.xlsx', await unionsFile(ROOT_UNION))
    await A.page.locator('.import-summary:visible').getByText('检查通过').waitFor()
    await tap(A.page, '.union-import-commit:not([disabled])')
    await A.page.locator('.import-summary:visible').getByText('导入完成：新增 3 个工会').waitFor()
    await A.page.locator('.import-file:visible').getByText('工会名单（修正）.xlsx').waitFor()
    await A.shot('unions-imported')
    // the tree has them: back on 工会组织, the root now has 2 sub-unions (the street, the group's union), and inside
    // the street, the joint union
    await tap(A.page, '.union-import-done')
    await A.page.locator('.union-row:visible').filter({ hasText: ROOT_UNION }).getByText('下级工会 2 个').waitFor()
    await A.page.locator('.union-row:visible').filter({ hasText: ROOT_UNION }).locator('.union-row-main').click()
    await A.page.locator('.union-row:visible').filter({ hasText: STREET }).locator('.union-row-main').click()
    await A.page.locator('.union-row:visible').filter({ hasText: JOINT }).waitFor()
    await A.shot('unions-tree')

    // --- A invites B as reviewer of the joint union; B opens the link, logs in, accepts
    await workbench(A.page, 'staff')
    await tap(A.page, '.staff-invite-btn')
    await A.page.locator('.field-role:visible').getByText('审核员', { exact: true }).click()
    await A.page.locator('.union-search:visible input').fill('物流园')
    await A.page.locator('.union-option:visible').filter({ hasText: JOINT }).click()
    await A.page.locator('.invite-note:visible textarea').fill('负责东湖物流园联合工会入会审核')
    await tap(A.page, '.invite-submit')
    const inviteCode = (await A.page.locator('.invite-code:visible').innerText()).trim()
    await A.shot('reviewer-invitation')
    await B.page.goto(`/packages/staff-invite/invite/index?code=${encodeURIComponent(inviteCode)}`)
    await loginHere(B)
    await B.page.locator('.staff-invite-role:visible').getByText('审核员').waitFor()
    await tap(B.page, '.staff-accept-btn')
    await B.page.locator('.staff-accepted:visible').getByText(`您已成为${JOINT}的审核员`).waitFor()
    await B.shot('reviewer-accepted')

    // --- A imports the union's existing roster of 50
    await workbench(A.page, 'roster')
    await pickFile(A.page, '.roster-pick', '会员台账.xlsx', await rosterFile())
    await A.page.locator('.import-summary:visible').getByText('检查通过，可以导入：新增 50 人').waitFor()
    await tap(A.page, '.roster-commit')
    await A.page.locator('.import-summary:visible').getByText('导入完成：新增 50 人').waitFor()
    await A.shot('roster-imported')

    // --- C, on the roster: 会员认证 → the card at once, no review
    await loginFromMine(C)
    await C.page.goto('/packages/membership/join/index')
    await tap(C.page, '.claim-offer')
    const claim = (k: string) => C.page.locator(`.claim-page .field-${k}:visible input`)
    await claim('name').fill(PERSON_C.name)
    await claim('idNumber').fill(PERSON_C.idNumber)
    await claim('phoneTail').fill(PERSON_C.phone.slice(-4))
    await C.shot('claim-form')
    await tap(C.page, '.claim-submit')
    await C.page.locator('.card-qr:visible img, img.card-qr:visible').first().waitFor()
    await C.page.getByText(JOINT).first().waitFor()
    await C.shot('claim-card')

    // --- D, not on the roster, applies to the joint union; B approves
    const applyAs = async (p: Phone, person: { name: string; idNumber: string; phone: string }) => {
      await loginFromMine(p)
      await p.page.goto('/packages/membership/join/index')
      const form = (name: string) => p.page.locator(`.field-${name}:visible`)
      await form('name').locator('input').waitFor()
      await form('name').locator('input').fill(person.name)
      await form('idNumber').locator('input').fill(person.idNumber)
      await form('phone').locator('input').fill(person.phone)
      await form('employer').locator('input').fill('东湖物流园')
      await form('employmentType').getByText('快递员', { exact: true }).click()
      await form('orgId').getByText(JOINT, { exact: true }).click()
      await form('consentSensitive').locator('.checkbox').click()
      await tap(p.page, '.submit-btn')
      await p.page.locator('.application-status:visible').getByText('审核中').waitFor()
    }
    await applyAs(D, { name: '丁一', idNumber: idNumber(901), phone: '13600000901' })
    await D.shot('join-submitted')
    await workbench(B.page, 'review')
    await B.page.locator('.review-item:visible').filter({ hasText: '丁一' }).click()
    await tap(B.page, '.approve-btn')
    await B.page.getByText('暂无待审核的入会申请').waitFor()
    await B.shot('review-approved')
    await D.page.goto('/packages/membership/status/index')
    await D.page.locator('.member-no:visible').waitFor()
    await D.shot('join-approved')

    // --- E applies too; B opens it … and A revokes B before B decides
    await applyAs(E, { name: '鄂二', idNumber: idNumber(902), phone: '13600000902' })
    await workbench(B.page, 'review')
    await B.page.locator('.review-item:visible').filter({ hasText: '鄂二' }).click()
    await B.page.locator('.approve-btn:visible').waitFor()
    await workbench(A.page, 'staff')
    const row = A.page.locator('.staff-role:visible').filter({ hasText: '审核员' }).filter({ hasText: JOINT })
    await row.locator('.staff-revoke').click()
    await A.page.locator('.staff-revoke-reason:visible textarea').fill('岗位调整，不再负责入会审核')
    await tap(A.page, '.staff-revoke-confirm')
    await row.waitFor({ state: 'detached' })
    await A.shot('reviewer-revoked')
    await tap(B.page, '.approve-btn')
    await B.page.locator('.error-box:visible').first().waitFor()
    await B.shot('revoked-refused')
    await E.page.reload()
    await E.page.locator('.application-status:visible').getByText('审核中').waitFor()
  } finally {
    for (const p of [A, B, C, D, E]) await p.close()
  }
})

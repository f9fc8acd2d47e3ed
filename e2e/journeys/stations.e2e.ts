/**
 * 爱心驿站 journey (issue 14): 王小骑 (a gig worker) opens 爱心驿站 from 首页, the browser knows where he is; he keeps only
 * open stations with 热饭 and gets the nearest one first (the nearer 星河广场 station is closed at this hour), opens it,
 * reports 饮水机坏了 with a photo → 驿站站长·孙 sees it under 驿站值守 and marks it resolved → 王小骑 sees 已处理 on the
 * station's page and a message in 消息. Two phones, one real server.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { ARTIFACTS, launchBrowser, loginAs, openPhone, settle, startStack, type Phone, type Stack } from '../lib/harness'
import { solidPng } from '../lib/png'

const JOURNEY = 'stations'
const HERE = { latitude: 30.2738, longitude: 120.1549 } // beside 星河广场, ~100 m from 云溪路骑手暖心驿站
const tmp = mkdtempSync(path.join(tmpdir(), 'stations-e2e-'))
let stack: Stack | undefined
let browser: Browser | undefined

before(async () => {
  for (const who of ['worker', 'keeper']) rmSync(path.join(ARTIFACTS, `${JOURNEY}-${who}`), { recursive: true, force: true })
  stack = await startStack()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await stack?.stop()
  rmSync(tmp, { recursive: true, force: true })
})

const phone = (name: string) => openPhone(browser!, stack!.baseUrl, `${JOURNEY}-${name}`)

test('a gig worker finds the nearest open station with 热饭, reports a problem with a photo, the keeper resolves it, the worker sees it', async () => {
  const photo = path.join(tmp, 'dispenser.png')
  writeFileSync(photo, solidPng(32, [0x88, 0x88, 0x88])) // the broken water dispenser, as far as the server can tell

  const worker: Phone = await phone('worker')
  await worker.context.grantPermissions(['geolocation'], { origin: stack!.baseUrl })
  await worker.context.setGeolocation(HERE)
  const w = worker.page
  await loginAs(worker, 'gig', '王小骑')
  await settle(w)
  await w.locator('.tile-stations').click()
  await w.locator('.station-item').first().waitFor()
  await worker.shot('list')
  // nearest first: 星河广场 (closed at this hour) before 云溪路
  const names = async () => (await w.locator('.station-name').allTextContents()).map((s) => s.trim())
  assert.equal((await names())[0], '星河广场爱心驿站')

  await w.getByRole('radio', { name: '热饭/微波炉' }).click()
  await w.getByRole('checkbox', { name: '只看开放中' }).click()
  await w.waitForFunction(() => document.querySelector('.station-name')?.textContent?.trim() === '云溪路骑手暖心驿站')
  const first = w.locator('.station-item').first()
  assert.match(await first.textContent() ?? '', /开放中/)
  assert.match(await first.textContent() ?? '', /热饭\/微波炉/)
  await worker.shot('open-with-hot-meals')

  await first.getByText('详情', { exact: true }).click()
  await w.locator('.station-page .station-name').getByText('云溪路骑手暖心驿站').waitFor()
  await w.locator('.station-live').getByText('正常开放').waitFor()
  await worker.shot('station')

  await settle(w)
  await w.locator('[aria-label="反馈问题"]').click()
  await w.locator('.report-page').waitFor()
  await settle(w)
  await w.getByRole('radio', { name: '饮水机坏了' }).click()
  const chooser = w.waitForEvent('filechooser')
  await w.locator('.uploader-photo-btn').click()
  await (await chooser).setFiles(photo)
  await w.locator('.report-page .uploader-file').first().waitFor()
  await worker.shot('report')
  await w.getByText('提交反馈', { exact: true }).click()
  await w.locator('.station-page').waitFor()
  await w.locator('.station-report').getByText('饮水机坏了').waitFor()
  await w.locator('.report-open').first().waitFor()
  await worker.shot('reported')

  const keeper = await phone('keeper')
  const k = keeper.page
  await loginAs(keeper, 'keeper', '驿站站长·孙')
  await k.goto('/packages/stations-staff/keep/index')
  const row = k.locator('.keeper-report').filter({ hasText: '饮水机坏了' })
  await row.waitFor()
  await row.locator('img').first().waitFor() // the photo, through a signed link
  await row.locator('.resolve-input input').fill('已更换新饮水机，欢迎随时来歇脚')
  await keeper.shot('keep')
  await row.getByText('标记已处理', { exact: true }).click()
  await k.getByText('暂无待处理的问题').waitFor()
  await keeper.shot('resolved')

  // the worker comes back to the station's page: resolved, with the keeper's note; and a message
  await w.reload()
  await w.locator('.report-resolved').getByText('已处理：已更换新饮水机，欢迎随时来歇脚').waitFor()
  await worker.shot('worker-sees-resolved')
  await w.goto('/packages/account/messages/index')
  await w.getByText('你反馈的驿站问题已处理').first().waitFor()
  await worker.shot('message')

  assert.deepEqual(worker.cspViolations, [])
  assert.deepEqual(keeper.cspViolations, [])
})

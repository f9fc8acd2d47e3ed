/**
 * Events journey (issue 5), two phones on one real server:
 * the member (李晓梅) finds a skills competition through the kind filter, registers answering the required
 * questions and uploading a certificate photo (a real PNG through the file chooser; a missing answer is marked
 * beside its field and the draft survives a reload) → the organiser (管理员·周) sees the answers and opens the
 * photo through its signed link, approves → the member sees 已报名 and a QR whose code is signed for their login and
 * lives ~60 s → the organiser checks that code in (pasted, live count 1/1) → after the event the organiser enters
 * a score → the member sees 第 1 名.
 * Then the roster downloads from the organiser's page as an .xlsx that parses with the registration in it.
 *
 * Time: the seeded competition starts in 10 days and the server has no clock to move, so the journey creates the
 * same kind of competition through the organiser API, starting ~50 s after creation with check-in open at once
 * (checkinOpensMinutes 1440) and ending 2 s after the start; it waits for the end before entering scores.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import ExcelJS from 'exceljs'
import { ARTIFACTS, loginAs, settle, useJourneyStack, type Phone } from '../lib/harness'
import { solidPng } from '../lib/png'

const journey = useJourneyStack()

const TITLE = '云溪区叉车职业技能竞赛（决赛）'
/** From creation to the start: enough for registration, approval and check-in on a slow machine. */
const LEAD_MS = 50_000

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

interface Shared {
  eventId: number
  adminToken: string
  orgId: number
  organiser?: Phone
}
const shared: Partial<Shared> = {}

test('member registers with a certificate photo → approved → QR checked in → score → sees 第 1 名', async () => {
  const member = await journey.phone('events-member')
  const organiser = await journey.phone('events-organiser')
  shared.organiser = organiser
  try {
    // --- the organiser's competition, starting soon (the seeded one is 10 days away)
    const admin = await api<{ token: string; user: { roles: { role: string; orgId: number }[] } }>('POST', '/api/auth/dev-login', null, { persona: 'admin' })
    const orgId = admin.user.roles.find((r) => r.role === 'admin')!.orgId
    const created = Date.now()
    const startsAt = new Date(created + LEAD_MS)
    const endsAt = new Date(created + LEAD_MS + 2_000)
    const event = await api<{ id: number; questions: { id: string; label: string }[] }>('POST', '/api/events/manage/events', admin.token, {
      kind: 'skills_competition',
      title: TITLE,
      description: '理论与实操两部分，报名需审核，请上传特种设备作业人员证照片。',
      orgId,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      place: { name: '云溪区职业技能实训中心', address: '示例市云溪区工业大道 88 号', lat: 30.27, lng: 120.15 },
      capacity: 20,
      registrationOpensAt: new Date(created - 60_000).toISOString(),
      registrationClosesAt: startsAt.toISOString(),
      approvalMode: 'manual',
      cancelCutoffHours: 0,
      checkinOpensMinutes: 1440,
      scoreUnit: '分',
      questions: [
        { label: '从事叉车作业年限', type: 'number', required: true, hint: '按整年填写' },
        { label: '报名组别', type: 'single_choice', required: true, options: ['电动叉车组', '内燃叉车组'] },
        { label: '特种设备作业人员证', type: 'file', required: true, hint: '请上传证书照片' },
      ],
    })
    shared.eventId = event.id
    shared.adminToken = admin.token
    shared.orgId = orgId
    const [qYears, qGroup, qCert] = event.questions.map((q) => q.id)

    // --- the member finds it through the 技能竞赛 chip
    await loginAs(member, 'member', '李晓梅')
    const m = member.page
    await tap(m, '.tile-events')
    await m.locator('.event-item:visible').first().waitFor()
    await settle(m)
    await m.locator('.kind-chips:visible .chip').getByText('技能竞赛', { exact: true }).click()
    await m.locator('.events-body[data-loading="false"]:visible').waitFor()
    const row = m.locator('.event-item:visible').filter({ hasText: TITLE })
    await row.waitFor()
    const kinds = await m.locator('.event-item:visible .kind-tag').allInnerTexts()
    assert.ok(kinds.length >= 2 && kinds.every((k) => k === '技能竞赛'), `only competitions after the filter: ${kinds.join(' / ')}`)
    assert.match(await row.locator('.event-item-when').innerText(), /^\d+月\d+日 周. \d\d:\d\d，(今天|明天)$/)
    await member.shot('list-competitions')
    await settle(m)
    await row.click()
    await m.locator('.approval-notice:visible').getByText('本活动需主办方审核').waitFor()
    await member.shot('detail')
    await tap(m, '.register-btn')

    // --- the form: a required question left out is marked beside it; the draft survives a reload
    const field = (q: string) => m.locator(`.field-${q}:visible`)
    await field(qYears).locator('input').waitFor()
    assert.equal(await field(qCert).locator('.required-mark').innerText(), '*')
    await field(qYears).locator('input').fill('8')
    await field(qGroup).getByText('电动叉车组', { exact: true }).click()
    await tap(m, '.submit-btn')
    await field(qCert).locator('.field-error').getByText('请上传文件').waitFor()
    await member.shot('register-missing-certificate')
    await m.reload()
    await field(qYears).locator('input').waitFor()
    assert.equal(await field(qYears).locator('input').inputValue(), '8', 'the typed answer survives a reload')
    await field(qGroup).locator('.chip[data-active="true"]').getByText('电动叉车组').waitFor()

    // The certificate photo: a real PNG through the browser's file chooser, uploaded to the server.
    await settle(m)
    const chooser = m.waitForEvent('filechooser')
    await field(qCert).locator('.uploader-photo-btn').click()
    await (await chooser).setFiles({ name: '特种设备作业人员证.png', mimeType: 'image/png', buffer: solidPng(16, [200, 16, 46]) })
    await field(qCert).locator('.uploader-file').waitFor()
    await member.shot('register-filled')
    await tap(m, '.submit-btn')
    await m.locator('.registration-page .reg-status:visible').getByText('待审核').waitFor()
    await member.shot('registration-pending')

    // --- the organiser sees the answers and the photo, and approves
    await loginAs(organiser, 'admin', '管理员·周')
    const o = organiser.page
    await tap(o, '.tile-events')
    await tap(o, '.manage-link')
    const item = o.locator('.manage-event-item:visible').filter({ hasText: TITLE })
    await item.locator('.pending-count').getByText('待审核 1').waitFor()
    await settle(o)
    await item.click()
    const reg = o.locator('.manage-reg-item:visible').filter({ hasText: '李晓梅' })
    await reg.waitFor()
    assert.match(await reg.innerText(), /从事叉车作业年限：8/)
    assert.match(await reg.innerText(), /报名组别：电动叉车组/)
    // The photo opens through the server's short-lived signed link.
    const img = reg.locator('.answer-file img').first()
    await img.waitFor()
    await o.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 16, await img.elementHandle())
    assert.match((await img.getAttribute('src')) ?? '', /\/api\/files\/[^?]+\?exp=\d+&sig=/)
    await organiser.shot('registrations-pending')
    await reg.locator('.select-box').click()
    await tap(o, '.approve-btn')
    await o.getByText('没有待审核的报名').waitFor()
    await organiser.shot('approved')

    // --- the member: 已报名 and a QR with the short-lived code (signed for this login, renewed every 30 s)
    await m.reload()
    await m.locator('.reg-status:visible').getByText('已报名').waitFor()
    const qr = m.locator('.reg-qr:visible img, img.reg-qr:visible').first()
    await qr.waitFor()
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/gif;base64,/)
    const code = (await m.locator('.reg-code:visible').innerText()).trim()
    assert.match(code, /^E\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/)
    await member.shot('registration-confirmed-qr')

    // --- the organiser checks that code in (pasted) and sees the live count
    await tap(o, '.checkin-link')
    await o.locator('.checkin-count:visible').getByText('0 / 1').waitFor()
    await o.locator('.checkin-input:visible textarea').fill(` ${code} `)
    await tap(o, '.checkin-btn')
    await o.locator('.checkin-result:visible').getByText('签到成功').waitFor()
    await o.locator('.checkin-name:visible').getByText('李晓梅').waitFor()
    await o.locator('.checkin-count:visible').getByText('1 / 1').waitFor()
    await organiser.shot('checked-in')
    // The same code again: idempotent, says so.
    await o.locator('.checkin-input:visible textarea').fill(code)
    await tap(o, '.checkin-btn')
    await o.locator('.checkin-result:visible').getByText('已签到过').waitFor()

    // --- after the event: the organiser enters the score
    const wait = endsAt.getTime() + 1_000 - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    await o.goBack()
    await tap(o, '.scores-link')
    const entry = o.locator('.score-entry:visible').filter({ hasText: '李晓梅' })
    await entry.locator('input').waitFor()
    await entry.locator('input').fill('92.5')
    await tap(o, '.save-scores-btn')
    const top = o.locator('.ranking-card:visible .ranking-row').first()
    await top.waitFor()
    assert.match(await top.innerText(), /第 1 名[\s\S]*李晓梅[\s\S]*92\.5/)
    await organiser.shot('scores-ranking')

    // --- the member sees 已签到 and their rank
    await m.reload()
    await m.locator('.reg-status:visible').getByText('已签到').waitFor()
    await m.locator('.my-rank:visible .rank-number').getByText('第 1 名').waitFor()
    assert.match(await m.locator('.my-rank:visible .rank-of').innerText(), /共 1 人 · 成绩 92\.5 分/)
    await member.shot('registration-rank')

    // 我的活动 → 历史活动 lists it with the rank.
    await m.goto('/packages/events/mine/index')
    await m.locator('.chip:visible').getByText('历史活动', { exact: true }).click()
    await m.locator('.my-reg-item:visible').filter({ hasText: TITLE }).getByText('第 1 名').waitFor()
    await member.shot('mine-past')
  } finally {
    await member.close()
    // The roster test below goes on with the organiser's phone.
  }
})

test('a long list stays windowed: 45 volunteer events load page by page while only the rows in view are rendered', async () => {
  assert.ok(shared.adminToken, 'the first journey logged the organiser in')
  const orgId = shared.orgId!
  // the demo seed has volunteer activities of its own: the list holds those and these 45
  const seeded = (await api<{ items: unknown[] }>('GET', '/api/events?kind=volunteer&limit=50', shared.adminToken!)).items.length
  const total = seeded + 45
  const base = Date.now() + 5 * 86_400_000
  for (let i = 0; i < 45; i++) {
    const startsAt = new Date(base + i * 3_600_000)
    await api('POST', '/api/events/manage/events', shared.adminToken!, {
      kind: 'volunteer',
      title: `社区志愿服务第 ${i + 1} 场`,
      orgId,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
      place: { name: '青禾街道社区服务中心', address: '示例市云溪区青禾路 20 号', lat: 30.27, lng: 120.15 },
      capacity: 30,
      registrationOpensAt: new Date(Date.now() - 60_000).toISOString(),
      registrationClosesAt: startsAt.toISOString(),
    })
  }
  const member = await journey.phone('events-list')
  try {
    await loginAs(member, 'member', '李晓梅')
    const m = member.page
    await m.goto('/packages/events/list/index')
    await m.locator('.kind-chips:visible .chip').getByText('志愿服务', { exact: true }).waitFor()
    await settle(m)
    await m.locator('.kind-chips:visible .chip').getByText('志愿服务', { exact: true }).click()
    await m.locator('.events-body[data-loading="false"]:visible').waitFor()
    await m.locator('.event-item:visible').filter({ hasText: '社区志愿服务第 1 场' }).waitFor()
    // Scroll to the end until every page has loaded (20 per page).
    const footer = m.locator('.list-footer:visible')
    for (let i = 0; i < 10 && !(await footer.innerText()).includes(`共 ${total} 个活动`); i++) {
      await m.locator('.event-list:visible').evaluate((el) => {
        const scroller = (el.shadowRoot?.querySelector('[class*=scroll]') as HTMLElement | null) ?? el
        scroller.scrollTop = scroller.scrollHeight
        scroller.dispatchEvent(new Event('scroll'))
      })
      await m.waitForTimeout(400)
    }
    assert.match(await footer.innerText(), new RegExp(`共 ${total} 个活动，没有更多了`))
    await m.locator('.event-item:visible').filter({ hasText: '社区志愿服务第 45 场' }).waitFor()
    const rendered = await m.locator('.event-item').count()
    assert.ok(rendered < 25, `only the rows near the view are in the page: ${rendered} of ${total}`)
    await member.shot('list-long-end')
  } finally {
    await member.close()
  }
})

test(
  'the roster downloads from the organiser page and opens as a spreadsheet with the registration',
  async () => {
    const organiser = shared.organiser
    assert.ok(organiser && shared.eventId, 'the first journey created the event')
    const o = organiser.page
    try {
      await o.goto(`/packages/events-staff/detail/index?id=${shared.eventId}`)
      await o.locator('.roster-btn:visible').waitFor()
      await settle(o)
      const download = o.waitForEvent('download')
      await o.locator('.roster-btn:visible').click()
      const file = await download
      assert.match(file.suggestedFilename(), /报名名单\.xlsx$/)
      const dir = path.join(ARTIFACTS, 'events-organiser')
      mkdirSync(dir, { recursive: true })
      const saved = path.join(dir, 'roster.xlsx')
      await file.saveAs(saved)

      // Parse it with a spreadsheet library, as a person opening it in Excel/WPS would see it.
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(saved)
      const ws = wb.worksheets[0]
      // exceljs rows are sparse arrays (1-based): Array.from fills the holes.
      const cells = (values: unknown) => Array.from(values as ArrayLike<unknown>, (v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))
      const header = cells(ws.getRow(1).values)
      const rows: string[][] = []
      ws.eachRow((r, n) => {
        if (n > 1) rows.push(cells(r.values))
      })
      // A column by its heading; the score heading carries the unit (成绩（分）).
      const colOf = (name: string) => header.findIndex((h) => h === name || h.startsWith(`${name}（`))
      for (const col of ['姓名', '会员编号', '状态', '签到时间', '成绩', '名次', '从事叉车作业年限', '特种设备作业人员证']) {
        assert.ok(colOf(col) > 0, `column ${col} in ${header.join(',')}`)
      }
      assert.equal(rows.length, 1, 'one registration')
      const at = (col: string) => rows[0][colOf(col)]
      assert.equal(at('姓名'), '李晓梅')
      assert.equal(at('状态'), '已签到')
      assert.equal(at('成绩'), '92.5')
      assert.equal(at('名次'), '1')
      assert.equal(at('从事叉车作业年限'), '8')
      assert.match(at('签到时间'), /\d/, 'the check-in time is filled in')
      writeFileSync(path.join(dir, 'roster.txt'), [header.join('\t'), ...rows.map((r) => r.join('\t'))].join('\n'))
    } finally {
      await organiser.close()
    }
  },
)

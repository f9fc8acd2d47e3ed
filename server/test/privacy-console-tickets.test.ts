/**
 * 扫码登录's personal data (issue 19), on each database with a movable clock: a login ticket holds where it was asked
 * from (browser, IP) and who scanned and confirmed it. The `console_login_tickets` retention rule removes a ticket a
 * day after it expired — not before; the data copy lists the person's tickets; 注销账号's shredder deletes them.
 */
import { sql } from 'drizzle-orm'
import { consoleApi } from '@contract/console/api'
import { privacyApi } from '@contract/privacy/api'
import { ERASURE_COOLING_OFF_DAYS, RETENTION_RULES } from '@contract/privacy/labels'
import { databases, fetchRaw, useDatabase, type TestApp } from './harness'
import { rawRows } from './builders/membership'

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
const HOUR = 3_600_000
const DAY = 24 * HOUR

describe.each(databases())('console login tickets on %s', (target) => {
  const h = useDatabase(target)
  const T = Math.floor(Date.now() / 60_000) * 60_000
  let clock = T
  let app: TestApp

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now: () => clock })
  })
  beforeEach(() => {
    clock = T
  })

  const ticketIds = async () => (await rawRows<{ id: string }>(h, sql`select id from console_login_tickets order by id`)).map((r) => r.id)

  /** A ticket confirmed by `persona`'s phone and collected by the console: its console session's token. */
  async function consoleLogin(persona: string) {
    const created = await app.ok(consoleApi.createTicket, { headers: { 'user-agent': CHROME } })
    const phone = await app.login(persona)
    await app.ok(consoleApi.viewTicket, { params: { ticket: created.ticket }, token: phone })
    await app.ok(consoleApi.confirmTicket, { params: { ticket: created.ticket }, token: phone })
    const polled = await app.ok(consoleApi.pollTicket, { params: { ticket: created.ticket }, body: { secret: created.secret } })
    return { ticket: created.ticket, phone, console: polled.session!.token }
  }

  it('a day after expiry the tickets go — used or not, not an hour before — and nothing newer', async () => {
    const unused = await app.ok(consoleApi.createTicket, { headers: { 'user-agent': CHROME } })
    const used = await consoleLogin('admin')
    const day = RETENTION_RULES.console_login_tickets.days
    clock = T + 6 * HOUR
    const newer = await app.ok(consoleApi.createTicket, { headers: { 'user-agent': CHROME } })
    expect(await ticketIds()).toEqual(expect.arrayContaining([unused.ticket, used.ticket, newer.ticket]))

    clock = T + day * DAY - HOUR
    expect((await app.app.services.privacy.retention.applyNow()).console_login_tickets).toBe(0)
    expect(await ticketIds()).toEqual(expect.arrayContaining([unused.ticket, used.ticket, newer.ticket]))

    clock = T + day * DAY + HOUR
    expect((await app.app.services.privacy.retention.applyNow()).console_login_tickets).toBe(2)
    expect(await ticketIds()).toEqual([newer.ticket])
    // the console session it opened is gone by then (8 h at most): nothing shows its place any more
    expect((await app.ok(consoleApi.mySessions, { token: await app.login('admin') })).sessions).toEqual([])
  })

  it('the data copy lists the tickets the person confirmed; 注销账号 deletes them', async () => {
    const used = await consoleLogin('reviewer')
    const other = await consoleLogin('admin') // someone else's: untouched

    const asked = await app.ok(privacyApi.requestExport, { token: used.phone })
    await app.app.services.privacy.exports.prepareDue()
    const ready = await app.ok(privacyApi.exportDetail, { token: used.phone, params: { id: asked.id } })
    const json = JSON.parse(await (await fetchRaw(app, ready.jsonUrl!)).text()) as { 数据: Record<string, Record<string, unknown>[]> }
    expect(json.数据.电脑登录).toEqual([expect.objectContaining({ 登录位置: '来自 Chrome · Linux · IP 127.0.0.1' })])
    expect(json.数据.电脑登录[0].确认时间).toBeTruthy()

    await app.ok(privacyApi.requestErasure, { token: await app.login('reviewer'), body: { confirm: true } })
    clock = T + ERASURE_COOLING_OFF_DAYS * DAY + HOUR
    expect(await app.app.services.privacy.erasure.runDue()).toBe(1)
    const left = await ticketIds()
    expect(left).not.toContain(used.ticket)
    expect(left).toContain(other.ticket)
  })
})

/**
 * 退会 and 下载我的数据 (issue 19), over HTTP on each database: the union confirms a departure and the card check says
 * 无效 at once; an unconfirmed one completes after the working days; the data copy holds every record type the person
 * has, only its owner gets it (audited), and it stops being downloadable after 7 days.
 */
import { sql } from 'drizzle-orm'
import { membershipApi } from '@contract/membership/api'
import { notificationsApi } from '@contract/notifications/api'
import { privacyApi } from '@contract/privacy/api'
import { vouchersApi } from '@contract/vouchers/api'
import { databases, fetchRaw, useDatabase, type TestApp } from './harness'
import { DAY, T0, campaign, createCampaign, voucherOrgIds } from './builders/vouchers'
import { newUser, rawRows } from './builders/membership'
import { gigJoins, submitCase } from './relief-fixtures'

describe.each(databases())('退会 and 下载我的数据 on %s', (target) => {
  const h = useDatabase(target)
  let clock = T0
  const now = () => clock
  let app: TestApp

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now })
  })

  it('退会 → the union confirms and the card check says 无效 at once; another union’s reviewer cannot confirm', async () => {
    await gigJoins(app, h.database.db)
    const gig = await app.login('gig')
    const code = (await app.ok(membershipApi.card, { token: gig })).code
    const venue = await app.login('venue')
    const verify = () => app.ok(membershipApi.verifyCard, { token: venue, body: { code } })

    const asked = await app.ok(privacyApi.requestDeparture, { token: gig, body: { reason: '换工作了' } })
    expect(asked).toMatchObject({ status: 'requested', reason: '换工作了', leftAt: null })
    expect((await app.call(privacyApi.requestDeparture, { token: gig, body: {} })).body.reason).toBe('DEPARTURE_PENDING')
    expect((await verify()).result).toBe('valid') // until the union confirms

    const outsider = await newUser(h, app, '青禾街道审核员', { role: 'reviewer', orgName: '星河物流有限公司工会' })
    expect((await app.ok(privacyApi.departures, { token: outsider.token })).items).toEqual([])
    const denied = await app.call(privacyApi.confirmDeparture, { token: outsider.token, params: { id: asked.id } })
    expect(denied.status).toBe(403)
    expect(denied.body.reason).toBe('DEPARTURE_OUTSIDE_SCOPE')

    const reviewer = await app.login('reviewer')
    const queue = await app.ok(privacyApi.departures, { token: reviewer })
    expect(queue.items.map((d) => d.id)).toContain(asked.id)
    const done = await app.ok(privacyApi.confirmDeparture, { token: reviewer, params: { id: asked.id } })
    expect(done).toMatchObject({ status: 'left', name: '王小骑', leftAt: new Date(clock).toISOString() })

    const checked = await verify()
    expect(checked).toMatchObject({ result: 'left', nameMasked: null })
    expect(checked.message).toContain('无效')
    expect((await app.call(membershipApi.card, { token: gig })).status).toBe(404)
    expect((await app.ok(privacyApi.overview, { token: gig })).departure).toMatchObject({ status: 'left' })
    expect((await app.call(privacyApi.confirmDeparture, { token: reviewer, params: { id: asked.id } })).body.reason).toBe('DEPARTURE_DECIDED')
    // the member is told it took effect, once
    const told = (await app.ok(notificationsApi.list, { token: gig, query: { limit: 20 } })).items.filter((n) => n.kind === 'membership.departed')
    expect(told.map((n) => [n.title, n.body.includes('工会已确认')])).toEqual([['退会已生效', true]])
    // the record stays for the union, with the name until the retention period ends
    const [kept] = await rawRows<{ name: string; status: string }>(h, sql`select name, status from membership_departures where id = ${asked.id}`)
    expect(kept).toEqual({ name: '王小骑', status: 'left' })
  })

  it('an unconfirmed 退会 completes by itself after 5 working days (not before)', async () => {
    const member = await app.login('member')
    const asked = await app.ok(privacyApi.requestDeparture, { token: member, body: {} })
    // Monday 2026-11-23 10:00 + 5 working days = Monday 2026-11-30 10:00 China time
    expect(asked.dueAt).toBe(new Date('2026-11-30T10:00:00+08:00').toISOString())
    clock = new Date('2026-11-30T09:59:00+08:00').getTime()
    await app.app.services.privacy.erasure.runDue()
    const { completeDueDepartures } = await import('../src/modules/membership')
    expect(await completeDueDepartures(app.app.deps)).toBe(0)
    clock = new Date('2026-11-30T10:01:00+08:00').getTime()
    expect(await completeDueDepartures(app.app.deps)).toBe(1)
    const again = await app.login('member')
    expect((await app.call(membershipApi.card, { token: again })).status).toBe(404)
    const told = (await app.ok(notificationsApi.list, { token: again, query: { limit: 20 } })).items.filter((n) => n.kind === 'membership.departed')
    expect(told.map((n) => n.body.includes('到期自动生效'))).toEqual([true])
    clock = T0
  })

  it('下载我的数据: every record type the person has, only for its owner, audited, gone after 7 days', async () => {
    // A member (both personas left above) with records of several kinds: a membership, a voucher, a relief case
    // with documents, its messages, sessions.
    const db = h.database.db
    const person = await newUser(h, app, '张三', { role: 'member', orgName: '星河物流有限公司工会' })
    await rawRows(
      h,
      sql`insert into memberships (user_id, id_hash, id_number_enc, member_no, name, org_id, employment_type, joined_at)
          select ${person.id}, 'hash-of-zhang-san', ${app.app.deps.cipher.encrypt('110105199001011234')}, 'YX2026999999', '张三', org_id, 'employee', now()
          from user_roles where user_id = ${person.id} and role = 'member'`,
    )
    const admin = await app.login('admin')
    const orgIds = await voucherOrgIds(db)
    const c = await createCampaign(app, admin, campaign({ orgId: orgIds.district, title: '数据副本测试券', totalStock: 5 }))
    await app.ok(vouchersApi.claim, { token: person.token, params: { id: c.id }, body: {} })
    await submitCase(app, person.token, 'hardship')

    const requested = await app.ok(privacyApi.requestExport, { token: person.token })
    expect(requested).toMatchObject({ status: 'pending', xlsxUrl: null })
    expect((await app.ok(privacyApi.exportDetail, { token: person.token, params: { id: requested.id } })).status).toBe('pending')
    expect(await app.app.services.privacy.exports.prepareDue()).toBe(1)

    // another member cannot fetch it (nor learn it exists)
    const other = await app.login('gig')
    const stolen = await app.call(privacyApi.exportDetail, { token: other, params: { id: requested.id } })
    expect(stolen.status).toBe(404)
    expect(stolen.body.reason).toBe('EXPORT_NOT_FOUND')

    const ready = await app.ok(privacyApi.exportDetail, { token: person.token, params: { id: requested.id } })
    expect(ready.status).toBe('done')
    const json = JSON.parse(await (await fetchRaw(app, ready.jsonUrl!)).text()) as { 数据: Record<string, Record<string, unknown>[]> }
    const xlsx = Buffer.from(await (await fetchRaw(app, ready.xlsxUrl!)).arrayBuffer())
    expect(xlsx.subarray(0, 2).toString()).toBe('PK')

    // every table holding a row of the person → its sheet has as many rows
    const count = async (table: string, column = 'user_id') =>
      Number((await rawRows<{ n: number }>(h, sql.raw(`select count(*)::int as n from ${table} where ${column} = ${person.id}`)))[0].n)
    const expected: Record<string, number> = {
      账号: 1,
      会籍: await count('memberships'),
      福利券: await count('vouchers'),
      帮扶救助申请: await count('relief_applications'),
      站内消息: await count('notifications'),
      登录记录: await count('sessions'),
      上传的文件: await count('files', 'owner_user_id'),
    }
    for (const [sheet, n] of Object.entries(expected)) {
      expect(n).toBeGreaterThan(0)
      expect([sheet, json.数据[sheet]?.length]).toEqual([sheet, n])
    }
    expect(json.数据.会籍[0]).toMatchObject({ 姓名: '张三', 会员编号: 'YX2026999999', 身份证号: '1101**********1234' })
    expect(JSON.stringify(json)).not.toContain('110105199001011234')

    const downloads = await rawRows(h, sql`select 1 from audit_log where action = 'privacy.export.download' and subject_id = ${String(requested.id)} and actor_user_id = ${person.id}`)
    expect(downloads).toHaveLength(1)

    clock = T0 + 7 * DAY + 60_000
    const late = await app.call(privacyApi.exportDetail, { token: (await app.app.deps.sessions.create(db, person.id)).token, params: { id: requested.id } })
    expect(late.status).toBe(410)
    expect(late.body.reason).toBe('EXPORT_EXPIRED')
    clock = T0
  })
})

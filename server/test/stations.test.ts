/**
 * 爱心驿站: the public nearest-first list (no login), open now across midnight and on a holiday, problem reports from
 * a user to the keeper and back (the reporter gets a message), 7 days unconfirmed → 未确认, and who may change a
 * station (a keeper of another station and an admin of a sibling union may not).
 */
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { stationsApi } from '@contract/stations/api'
import { notificationsApi } from '@contract/notifications/api'
import { staffApi } from '@contract/staff/api'
import { STATION_REPORT_RESOLVED } from '@contract/stations/labels'
import { databases, useDatabase } from './harness'
import { stations, userRoles, users } from '../src/db/schema'
import { CLOSED_NOW_STATION, DEMO_STATIONS, KEEPER_STATION, PAUSED_STATION, REPORTED_STATION } from '../src/seed-stations'
import { newUser, orgIdOf } from './builders/membership'
import { PNG } from './relief-fixtures'
import { sheetForm, stationsCsv } from './builders/stations'

const HERE = { lat: 30.2738, lng: 120.1549 } // beside 星河广场 and 云溪路
const at = (local: string) => new Date(`${local}+08:00`).getTime()

describe.each(databases())('stations on %s', (target) => {
  const h = useDatabase(target)
  let clock = at('2026-11-23T10:00:00')
  const now = () => clock
  const idOf = async (name: string) => (await h.database.db.select({ id: stations.id }).from(stations).where(eq(stations.name, name)))[0].id

  it('lists nearest first without login, pages by cursor, filters by facility and open now (across midnight, holidays)', async () => {
    const app = await h.app({}, { now })
    clock = at('2026-11-23T23:30:00') // a Monday night
    // 星河广场 (nearest) opens at night: 22:00–06:00
    await h.database.db
      .update(stations)
      .set({ hours: { allDay: false, days: Array.from({ length: 7 }, () => ({ open: '22:00', close: '06:00' })), closedDates: [] } })
      .where(eq(stations.name, CLOSED_NOW_STATION))

    const all = await app.ok(stationsApi.list, { query: { ...HERE, limit: 100 } })
    expect(all.origin).toEqual({ ...HERE, source: 'device' })
    expect(all.items).toHaveLength(DEMO_STATIONS.length)
    const d = all.items.map((s) => s.distanceMeters!)
    expect(d).toEqual([...d].sort((a, b) => a - b))
    expect(all.items[0].name).toBe(CLOSED_NOW_STATION)
    expect(all.items[1].name).toBe(KEEPER_STATION)

    // pages of 4: the same order, nobody twice
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await app.ok(stationsApi.list, { query: { ...HERE, limit: 4, ...(cursor ? { cursor } : {}) } })
      seen.push(...page.items.map((s) => s.name))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(all.items.map((s) => s.name))

    // 23:30: the night station is open; 02:00 the next day still (across midnight); 10:00 not
    const hot = async () => (await app.ok(stationsApi.list, { query: { ...HERE, facility: 'microwave', openNow: '1' } })).items.map((s) => s.name)
    expect((await hot())[0]).toBe(CLOSED_NOW_STATION)
    clock = at('2026-11-24T02:00:00')
    expect((await hot())[0]).toBe(CLOSED_NOW_STATION)
    clock = at('2026-11-24T10:00:00')
    expect((await hot())[0]).toBe(KEEPER_STATION) // 24 h
    expect(await hot()).not.toContain(PAUSED_STATION) // 暂停服务 is not open
    for (const s of (await app.ok(stationsApi.list, { query: { ...HERE, facility: 'microwave' } })).items) expect(s.facilities).toContain('microwave')

    // a holiday closure on the night's starting date: closed that night
    await h.database.db
      .update(stations)
      .set({ hours: { allDay: false, days: Array.from({ length: 7 }, () => ({ open: '22:00', close: '06:00' })), closedDates: ['2026-11-24'] } })
      .where(eq(stations.name, CLOSED_NOW_STATION))
    clock = at('2026-11-24T23:00:00')
    expect(await hot()).not.toContain(CLOSED_NOW_STATION)
    clock = at('2026-11-24T03:00:00') // the night of the 23rd still runs into the holiday
    expect((await hot())[0]).toBe(CLOSED_NOW_STATION)

    // from a chosen area instead of the device
    const areas = await app.ok(stationsApi.areas)
    const park = areas.items.find((a) => a.name === '云溪科技园区工会')!
    const fromPark = await app.ok(stationsApi.list, { query: { areaId: park.id } })
    expect(fromPark.origin).toEqual({ lat: park.lat, lng: park.lng, source: 'area' })
    expect(fromPark.items[0].name).toBe('科技园区户外劳动者服务站')
    expect((await app.call(stationsApi.list, { query: { areaId: 999_999 } })).body.reason).toBe('STATION_AREA_UNKNOWN')
  })

  it('a report with a photo reaches the keeper; resolved, members see it and the reporter gets a message', async () => {
    clock = at('2026-11-23T10:00:00')
    const app = await h.app({}, { now })
    const gig = await app.login('gig')
    const keeper = await app.login('keeper')
    const id = await idOf(KEEPER_STATION)

    expect((await app.call(stationsApi.report, { params: { id }, body: { description: '饮水机坏了' } })).status).toBe(401)
    const fd = new FormData()
    fd.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png')
    const photo = await app.request('POST', '/api/stations/uploads', { raw: fd, token: gig })
    expect(photo.status).toBe(200)
    const report = await app.ok(stationsApi.report, { token: gig, params: { id }, body: { description: '饮水机坏了', photoId: photo.body.id } })
    // someone else's photo id: refused
    const member = await app.login('member')
    const stolen = await app.call(stationsApi.report, { token: member, params: { id }, body: { description: '偷用照片', photoId: photo.body.id } })
    expect(stolen.body).toMatchObject({ reason: 'STATION_PHOTO_UNKNOWN' })

    const kept = await app.ok(stationsApi.keeping, { token: keeper })
    expect(kept.items.map((s) => s.name)).toEqual([KEEPER_STATION])
    expect(kept.items[0].openReports).toBe(1)
    const open = await app.ok(stationsApi.reports, { token: keeper, params: { id } })
    expect(open.items.map((r) => r.description)).toEqual(['饮水机坏了'])
    expect(open.items[0].photo?.url).toContain('/api/files/')
    expect((await app.call(stationsApi.reports, { token: gig, params: { id } })).status).toBe(403)

    // anyone sees the open problem on the station's page
    const before = await app.ok(stationsApi.detail, { params: { id } })
    expect(before.openReports).toBe(1)
    expect(before.reports[0]).toMatchObject({ description: '饮水机坏了', resolvedAt: null })

    clock += 25 * 60_000
    await app.ok(stationsApi.resolve, { token: keeper, params: { id: report.id }, body: { note: '已更换新饮水机' } })
    expect((await app.call(stationsApi.resolve, { token: keeper, params: { id: report.id }, body: { note: '再次处理' } })).body.reason).toBe('STATION_REPORT_RESOLVED')

    const after = await app.ok(stationsApi.detail, { token: member, params: { id } })
    expect(after.openReports).toBe(0)
    expect(after.reports[0]).toMatchObject({ description: '饮水机坏了', resolutionNote: '已更换新饮水机' })
    expect(after.reports[0].resolvedAt).not.toBeNull()

    const messages = await app.ok(notificationsApi.list, { token: gig })
    const msg = messages.items.find((m) => m.kind === STATION_REPORT_RESOLVED)!
    expect(msg.body).toContain('饮水机坏了')
    expect(msg.link).toBe(`/packages/stations/station/index?id=${id}`)

    // usage figures for the admin: views, reports, median time to resolve
    const admin = await app.login('admin')
    const managed = await app.ok(stationsApi.manage, { token: admin, query: { limit: 100 } })
    const usage = managed.items.find((s) => s.id === id)!.usage
    expect(usage).toMatchObject({ reports: 1, medianResolveMinutes: 25 })
    expect(usage.views).toBeGreaterThanOrEqual(2)
    // 打卡 without login counts too
    expect((await app.ok(stationsApi.checkin, { params: { id } })).checkinsToday).toBe(1)
  })

  it('the keeper’s status shows with its age, and 未确认 after 7 days without confirmation', async () => {
    clock = at('2026-11-23T10:00:00')
    const app = await h.app({}, { now })
    const keeper = await app.login('keeper')
    const id = await idOf(KEEPER_STATION)
    const set = await app.ok(stationsApi.setStatus, { token: keeper, params: { id }, body: { status: 'full' } })
    expect(set).toMatchObject({ status: 'full', liveStatus: 'full', confirmedAt: new Date(clock).toISOString() })
    clock += 7 * 86_400_000 - 60_000
    expect((await app.ok(stationsApi.detail, { params: { id } })).liveStatus).toBe('full')
    clock += 60_000
    const stale = await app.ok(stationsApi.detail, { params: { id } })
    expect(stale).toMatchObject({ status: 'full', liveStatus: 'unconfirmed' })
    expect((await app.ok(stationsApi.list, { query: { ...HERE, limit: 100 } })).items.find((s) => s.id === id)!.liveStatus).toBe('unconfirmed')
    // confirming again brings it back (a new login: sessions last a week)
    await app.ok(stationsApi.setStatus, { token: await app.login('keeper'), params: { id }, body: { status: 'open' } })
    expect((await app.ok(stationsApi.detail, { params: { id } })).liveStatus).toBe('open')
  })

  it('a keeper of another station and an admin of a sibling union cannot change this station', async () => {
    const app = await h.app({}, { now })
    const id = await idOf(KEEPER_STATION) // 云溪区总工会's
    const closedNow = await idOf(CLOSED_NOW_STATION) // 星河物流有限公司工会's (under 青禾街道)
    const other = await idOf(PAUSED_STATION)
    const db = h.database.db
    const person = async (role: 'station_keeper' | 'admin', orgName: string, bindings = {}) => {
      const [u] = await db.insert(users).values({ openid: `test:${randomUUID()}`, nickname: '攻击者' }).returning({ id: users.id })
      await db.insert(userRoles).values({ userId: u.id, orgId: await orgIdOf(h, orgName), role, bindings })
      return (await app.app.deps.sessions.create(db, u.id)).token
    }
    const otherKeeper = await person('station_keeper', '云溪区总工会', { stations: [other] })
    const parkAdmin = await person('admin', '云溪科技园区工会')

    const gig = await app.login('gig')
    const report = await app.ok(stationsApi.report, { token: gig, params: { id }, body: { description: '门锁着' } })

    for (const token of [otherKeeper, parkAdmin]) {
      expect((await app.call(stationsApi.setStatus, { token, params: { id }, body: { status: 'paused' } })).status).toBe(403)
      expect((await app.call(stationsApi.resolve, { token, params: { id: report.id }, body: { note: '不是我的站' } })).status).toBe(403)
      expect((await app.call(stationsApi.reports, { token, params: { id } })).status).toBe(403)
    }
    expect((await app.call(stationsApi.setStatus, { token: parkAdmin, params: { id: closedNow }, body: { status: 'paused' } })).status).toBe(403)
    const detail = await app.ok(stationsApi.detail, { params: { id: closedNow } })
    const input = { name: detail.name, address: detail.address, lat: detail.lat, lng: detail.lng, orgId: detail.orgId, hours: detail.hours, facilities: detail.facilities }
    expect((await app.call(stationsApi.update, { token: parkAdmin, params: { id: closedNow }, body: { ...input, name: '被改名' } })).status).toBe(403)
    // nor move a station of its own into another branch
    const parkStation = await app.ok(stationsApi.detail, { params: { id: other } })
    const moved = await app.call(stationsApi.update, {
      token: parkAdmin,
      params: { id: other },
      body: { name: parkStation.name, address: parkStation.address, lat: parkStation.lat, lng: parkStation.lng, hours: parkStation.hours, facilities: parkStation.facilities, orgId: await orgIdOf(h, '星河物流有限公司工会') },
    })
    expect(moved.status).toBe(403)
    // their own keeper may still; the district admin may too
    expect((await app.call(stationsApi.setStatus, { token: otherKeeper, params: { id: other }, body: { status: 'open' } })).status).toBe(200)
    const admin = await app.login('admin')
    expect((await app.call(stationsApi.update, { token: admin, params: { id: closedNow }, body: { ...input, name: '星河广场爱心驿站（新）' } })).status).toBe(200)
    expect((await app.ok(stationsApi.keeping, { token: otherKeeper })).items.map((s) => s.id)).toEqual([other])
  })

  it('admins appoint keepers by invitation, bound to stations of the union’s subtree', async () => {
    clock = at('2026-11-23T10:00:00')
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const street = await orgIdOf(h, '青禾街道总工会')
    const closedNow = await idOf(REPORTED_STATION) // 快递行业 union, under 青禾街道
    const paused = await idOf(PAUSED_STATION) // the park's
    const invite = (stationIds: number[]) =>
      app.call(staffApi.createInvitation, { token: admin, body: { role: 'station_keeper', orgId: street, stationIds, note: '驿站值守' } })
    expect((await invite([])).body).toMatchObject({ reason: 'STAFF_STATIONS_REQUIRED', fields: { stationIds: expect.any(String) } })
    expect((await invite([paused])).body.reason).toBe('STAFF_STATION_UNKNOWN') // not under the street
    const created = await invite([closedNow])
    expect(created.status).toBe(200)
    expect(created.body.stations).toEqual([{ id: closedNow, name: REPORTED_STATION }])
    // the admin's list of open invitations names the stations too
    const open = await app.ok(staffApi.invitations, { token: admin })
    expect(open.items.find((i) => i.id === created.body.id)).toMatchObject({ role: 'station_keeper', stations: [{ id: closedNow, name: REPORTED_STATION }] })
    const someone = await newUser(h, app, '新站长')
    // the one invited sees which stations they will keep, by name
    const preview = await app.ok(staffApi.preview, { token: someone.token, body: { code: created.body.code } })
    expect(preview).toMatchObject({ role: 'station_keeper', venues: [], stations: [{ id: closedNow, name: REPORTED_STATION }], canAccept: true })
    await app.ok(staffApi.accept, { token: someone.token, body: { code: created.body.code } })
    // and so does the list of staff roles: the keeper's grant, with the station it binds
    const roles = await app.ok(staffApi.roles, { token: admin, query: { role: 'station_keeper', limit: 100 } })
    expect(roles.items.find((r) => r.userId === someone.id)).toMatchObject({ orgId: street, stations: [{ id: closedNow, name: REPORTED_STATION }], venues: [] })
    const kept = await app.ok(stationsApi.keeping, { token: someone.token })
    expect(kept.items.map((s) => s.id)).toEqual([closedNow])
    expect((await app.call(stationsApi.setStatus, { token: someone.token, params: { id: closedNow }, body: { status: 'full' } })).status).toBe(200)
    expect((await app.call(stationsApi.setStatus, { token: someone.token, params: { id: paused }, body: { status: 'full' } })).status).toBe(403)
    // a reviewer's invitation names no stations
    const reviewer = await app.call(staffApi.createInvitation, { token: admin, body: { role: 'reviewer', orgId: street, stationIds: [closedNow], note: '审核' } })
    expect(reviewer.body.reason).toBe('STAFF_STATIONS_NOT_ALLOWED')
  })

  it('imports stations from a spreadsheet: every problem by row and column first, then all or nothing, re-runs change nothing', async () => {
    clock = at('2026-11-23T10:00:00')
    const app = await h.app({}, { now })
    const street = await app.login('admin') // 云溪区总工会's admin: the whole district
    const lines = [
      { name: '青禾菜场驿站', org: '青禾街道总工会', hours: '22:00-06:00', days: '周一至周五', facilities: '饮水、热饭' },
      { name: '园区南门驿站', org: '云溪科技园区工会', hours: '24小时', closedDates: '2026-10-01' },
    ]
    const bad = stationsCsv([...lines, { name: '坏行', org: '不存在的工会', lat: '北纬', hours: '早八晚八', facilities: '按摩椅' }])
    const dry = await app.request('POST', '/api/stations/import/dry-run', { token: street, raw: sheetForm(bad) })
    expect(dry.status).toBe(200)
    expect(dry.body.counts).toMatchObject({ total: 3, new: 2, rejected: 1 })
    expect(dry.body.problems.map((p: { column: string }) => p.column)).toEqual(['纬度', '开放时间', '设施'])
    const refused = await app.request('POST', '/api/stations/import', { token: street, raw: sheetForm(bad) })
    expect(refused.body.committed).toBe(false)
    expect((await app.ok(stationsApi.list, { query: { limit: 100 } })).items.map((s) => s.name)).not.toContain('青禾菜场驿站')

    const done = await app.request('POST', '/api/stations/import', { token: street, raw: sheetForm(stationsCsv(lines)) })
    expect(done.body).toMatchObject({ committed: true, counts: { new: 2, updated: 0, unchanged: 0 } })
    const again = await app.request('POST', '/api/stations/import', { token: street, raw: sheetForm(stationsCsv(lines)) })
    expect(again.body.counts).toMatchObject({ new: 0, updated: 0, unchanged: 2 })
    const night = (await app.ok(stationsApi.list, { query: { ...HERE, limit: 100 } })).items.find((s) => s.name === '青禾菜场驿站')!
    expect(night.facilities).toEqual(['water', 'microwave'])
    const d = await app.ok(stationsApi.detail, { params: { id: night.id } })
    expect(d.hours.days).toEqual([...Array(5).fill({ open: '22:00', close: '06:00' }), null, null])

    // a sibling branch's admin: unions outside the subtree are problems, nothing is written
    const parkAdmin = (await newUser(h, app, '园区管理员', { role: 'admin', orgName: '云溪科技园区工会' })).token
    const outside = await app.request('POST', '/api/stations/import', { token: parkAdmin, raw: sheetForm(stationsCsv([{ ...lines[0], address: '改地址 1 号' }])) })
    expect(outside.body).toMatchObject({ committed: false, problems: [{ column: '运营工会' }] })
    expect((await app.request('POST', '/api/stations/import', { token: await app.login('gig'), raw: sheetForm(stationsCsv(lines)) })).status).toBe(403)
  })
})

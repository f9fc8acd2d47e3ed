/**
 * 爱心驿站, the admin's side: a station's photos (uploaded by their bytes, at most 6, in order, removable, seen through
 * signed links only), opening hours per weekday through the form's save and read back, and the .xlsx/.csv import's
 * per-weekday 开放时间 (good and bad strings, row errors in Chinese) — on PGlite and, with DATABASE_URL, PostgreSQL.
 */
import { eq } from 'drizzle-orm'
import { stationsApi } from '@contract/stations/api'
import type { StationInput } from '@contract/stations/schemas'
import { databases, fetchRaw, useDatabase, type TestApp } from './harness'
import { files } from '../src/db/schema'
import { newUser, orgIdOf } from './builders/membership'
import { PNG } from './relief-fixtures'
import { sheetForm, stationInput, stationsCsv } from './builders/stations'

const at = (local: string) => new Date(`${local}+08:00`).getTime()
const w = (open: string, close: string) => ({ open, close })

const photoForm = (bytes: Uint8Array = PNG, type = 'image/png') => {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(bytes)], { type }), 'photo.png')
  return fd
}
async function photo(app: TestApp, token: string): Promise<string> {
  return (await app.ok(stationsApi.photoUpload, { token, form: photoForm() })).id
}

describe.each(databases())('stations (admins) on %s', (target) => {
  const h = useDatabase(target)
  let clock = at('2026-11-23T10:00:00') // a Monday
  const now = () => clock

  it('station photos: uploaded by their bytes, saved in order (at most 6), shown through signed links, removed for good', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const district = await orgIdOf(h, '云溪区总工会')

    // only admins upload station photos; bytes decide the type; 5 MB at most
    expect((await app.call(stationsApi.photoUpload, { token: await app.login('member'), form: photoForm() })).status).toBe(403)
    const text = await app.call(stationsApi.photoUpload, { token: admin, form: photoForm(new TextEncoder().encode('not a picture'), 'image/png') })
    expect([text.status, text.body.reason]).toEqual([415, 'UPLOAD_FILE_TYPE'])
    const big = new Uint8Array(5 * 1024 * 1024 + 1)
    big.set(PNG)
    const tooBig = await app.call(stationsApi.photoUpload, { token: admin, form: photoForm(big) })
    expect([tooBig.status, tooBig.body.reason, tooBig.body.message]).toEqual([413, 'UPLOAD_FILE_TOO_LARGE', '照片不能超过 5 MB，请压缩后重新上传'])

    const [p1, p2, p3] = [await photo(app, admin), await photo(app, admin), await photo(app, admin)]
    const created = await app.ok(stationsApi.create, { token: admin, body: stationInput(district, { name: '照片驿站', photoIds: [p1, p2] }) })
    expect(created.photos.map((p) => p.id)).toEqual([p1, p2])

    // anyone sees them, through signed links only (the file path without a signature is refused)
    const seen = await app.ok(stationsApi.detail, { params: { id: created.id } })
    expect(seen.photos.map((p) => p.id)).toEqual([p1, p2])
    const link = seen.photos[0].url
    expect(link).toMatch(/^\/api\/files\/.+\?exp=\d+&sig=/)
    const got = await fetchRaw(app, link)
    expect([got.status, got.headers.get('content-type')]).toEqual([200, 'image/png'])
    expect((await fetchRaw(app, `/api/files/${p1}`)).status).not.toBe(200)

    // reordered (the first is the cover), one added
    const body = (photoIds: string[]): StationInput => stationInput(district, { name: '照片驿站', photoIds })
    const moved = await app.ok(stationsApi.update, { token: admin, params: { id: created.id }, body: body([p3, p2, p1]) })
    expect(moved.photos.map((p) => p.id)).toEqual([p3, p2, p1])

    // at most 6, each once
    const seven = await Promise.all(Array.from({ length: 4 }, () => photo(app, admin)))
    const over = await app.call(stationsApi.update, { token: admin, params: { id: created.id }, body: body([p3, p2, p1, ...seven]) })
    expect([over.status, over.body.fields?.photoIds]).toEqual([400, '最多 6 张照片'])
    const twice = await app.call(stationsApi.update, { token: admin, params: { id: created.id }, body: body([p3, p3]) })
    expect([twice.status, twice.body.fields?.photoIds]).toEqual([400, '同一张照片只能出现一次'])

    // removed: its file is deleted, its old link no longer works; the others stay
    const removed = await app.ok(stationsApi.update, { token: admin, params: { id: created.id }, body: body([p2, p3]) })
    expect(removed.photos.map((p) => p.id)).toEqual([p2, p3])
    expect((await fetchRaw(app, link)).status).toBe(404)
    expect(await h.database.db.select({ id: files.id }).from(files).where(eq(files.id, p1))).toEqual([])
    expect((await fetchRaw(app, removed.photos[0].url)).status).toBe(200)

    // not the caller's upload, a problem-report photo, or a photo of another station: refused beside photoIds
    const other = await newUser(h, app, '另一位管理员', { role: 'admin', orgName: '云溪区总工会' })
    const theirs = await photo(app, other.token)
    const reportPhoto = (await app.ok(stationsApi.upload, { token: admin, form: photoForm() })).id
    const another = await app.ok(stationsApi.create, { token: admin, body: stationInput(district, { name: '另一驿站', photoIds: [seven[0]] }) })
    for (const id of [theirs, reportPhoto, seven[0]]) {
      const refused = await app.call(stationsApi.update, { token: admin, params: { id: created.id }, body: body([p2, id]) })
      expect([refused.status, refused.body.reason, refused.body.fields?.photoIds]).toEqual([400, 'STATION_PHOTO_UNKNOWN', '照片不存在或已过期，请重新上传'])
    }
    expect((await app.ok(stationsApi.detail, { params: { id: another.id } })).photos.map((p) => p.id)).toEqual([seven[0]])
    // the photos an update keeps need not be the caller's: another admin of the union edits the station
    const kept = await app.ok(stationsApi.update, { token: other.token, params: { id: created.id }, body: body([p3, p2, theirs]) })
    expect(kept.photos.map((p) => p.id)).toEqual([p3, p2, theirs])
  })

  it('opening hours per weekday: saved from the form and read back the same, open now by each weekday’s rule', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const district = await orgIdOf(h, '云溪区总工会')
    const week = [w('08:00', '20:00'), w('08:00', '20:00'), w('22:00', '06:00'), w('00:00', '24:00'), w('08:00', '20:00'), w('09:00', '17:00'), null]
    const hours = { allDay: false, days: week, closedDates: ['2026-12-31'] }
    const created = await app.ok(stationsApi.create, { token: admin, body: stationInput(district, { name: '分日驿站', hours }) })
    const read = await app.ok(stationsApi.detail, { params: { id: created.id } })
    expect(read.hours).toEqual(hours)
    // the form sends back what it read: nothing changes
    const again = await app.ok(stationsApi.update, { token: admin, params: { id: created.id }, body: stationInput(district, { name: '分日驿站', hours: read.hours }) })
    expect(again.hours).toEqual(hours)

    const status = async (local: string) => {
      clock = at(local)
      const d = await app.ok(stationsApi.detail, { params: { id: created.id } })
      return [d.openNow, d.todayHours]
    }
    expect(await status('2026-11-25T23:00:00')).toEqual([true, '今日 22:00–次日 06:00']) // Wednesday night
    expect(await status('2026-11-26T03:00:00')).toEqual([true, '今日 24 小时开放']) // Thursday: whole day (and Wednesday's night)
    expect(await status('2026-11-28T18:00:00')).toEqual([false, '今日 09:00–17:00']) // Saturday after closing
    expect(await status('2026-11-29T12:00:00')).toEqual([false, '今日闭站']) // Sunday: 休息
    clock = at('2026-11-23T10:00:00')

    // what a weekday cannot be: said beside it, in Chinese
    const bad = async (day: { open: string; close: string }) => {
      const days = [...week]
      days[4] = day
      const r = await app.call(stationsApi.update, { token: admin, params: { id: created.id }, body: stationInput(district, { name: '分日驿站', hours: { ...hours, days } }) })
      expect(r.status).toBe(400)
      return r.body.fields
    }
    expect(await bad(w('08:00', '08:00'))).toEqual({ 'hours.days.4.close': '开始与结束时间相同；全天开放请选“全天 24 小时”' })
    expect(await bad(w('24:00', '06:00'))).toEqual({ 'hours.days.4.open': '开始时间应在 00:00–23:59 之间' })
    expect(await bad(w('8点', '20:00'))).toEqual({ 'hours.days.4.open': '时间格式应为 HH:mm，如 08:00' })
    expect((await app.ok(stationsApi.detail, { params: { id: created.id } })).hours).toEqual(hours)
  })

  it('imports 开放时间 per weekday (周一至周五 08:00-20:00；周六 09:00-17:00；周日 休息); bad text is a Chinese row error', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const org = '青禾街道总工会'
    const good = [
      { name: '分日导入驿站', org, hours: '周一至周五 08:00-20:00；周六 09:00-17:00；周日 休息', days: '' },
      { name: '夜班导入驿站', org, hours: '工作日 22:00-06:00; 周末 24小时', days: '' },
      { name: '全天导入驿站', org, hours: '24小时', days: '' },
      { name: '工作日全天驿站', org, hours: '全天', days: '工作日' },
    ]
    const badLines = [
      { name: '坏行一', org, hours: '周一至周五 早八晚八', days: '' },
      { name: '坏行二', org, hours: '周一至周五 08:00-20:00；周五 09:00-12:00', days: '' },
      { name: '坏行三', org, hours: '周一至周五 08:00-20:00', days: '每天' },
      { name: '坏行四', org, hours: '周八 08:00-20:00', days: '' },
      { name: '坏行五', org, hours: '08:00-08:00', days: '' },
    ]
    const dry = await app.request('POST', '/api/stations/import/dry-run', { token: admin, raw: sheetForm(stationsCsv([...good, ...badLines])) })
    expect(dry.status).toBe(200)
    expect(dry.body.counts).toMatchObject({ total: 9, new: 4, rejected: 5 })
    expect(dry.body.problems).toEqual([
      { row: 6, column: '开放时间', message: expect.stringContaining('开放时间“周一至周五 早八晚八”无法识别') },
      { row: 7, column: '开放时间', message: '开放时间中周五出现了两次（“周一至周五 08:00-20:00”和“周五 09:00-12:00”）' },
      { row: 8, column: '开放日', message: '开放时间已按星期分段填写，开放日一栏请留空' },
      { row: 9, column: '开放时间', message: expect.stringContaining('开放时间中的“周八”无法识别为星期') },
      { row: 10, column: '开放时间', message: expect.stringContaining('开始与结束相同；全天开放请写“24小时”') },
    ])
    expect(dry.body.problems[0].message).toContain('周一至周五 08:00-20:00；周六 09:00-17:00；周日 休息')

    const done = await app.request('POST', '/api/stations/import', { token: admin, raw: sheetForm(stationsCsv(good)) })
    expect(done.body).toMatchObject({ committed: true, counts: { new: 4 } })
    const managed = await app.ok(stationsApi.manage, { token: admin, query: { limit: 100 } })
    const hoursOf = async (name: string) => (await app.ok(stationsApi.detail, { params: { id: managed.items.find((s) => s.name === name)!.id } })).hours
    const whole = w('00:00', '24:00')
    expect(await hoursOf('分日导入驿站')).toEqual({ allDay: false, days: [...Array(5).fill(w('08:00', '20:00')), w('09:00', '17:00'), null], closedDates: [] })
    expect(await hoursOf('夜班导入驿站')).toEqual({ allDay: false, days: [...Array(5).fill(w('22:00', '06:00')), whole, whole], closedDates: [] })
    expect(await hoursOf('全天导入驿站')).toEqual({ allDay: true, days: Array(7).fill(whole), closedDates: [] })
    expect(await hoursOf('工作日全天驿站')).toEqual({ allDay: false, days: [...Array(5).fill(whole), null, null], closedDates: [] })
    // the same file again changes nothing
    const again = await app.request('POST', '/api/stations/import', { token: admin, raw: sheetForm(stationsCsv(good)) })
    expect(again.body.counts).toMatchObject({ new: 0, updated: 0, unchanged: 4 })
  })
})

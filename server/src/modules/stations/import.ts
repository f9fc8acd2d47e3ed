/**
 * 驿站 import: an admin's .xlsx / .csv of stations (files/sheet, the union import's reader). The dry run and the
 * commit judge the file the same way: each cell, the union by name inside the admin's subtree (`stations.manage`),
 * duplicates in the file. A station is matched by its name under its union: equal rows are untouched, changed ones
 * updated (status, confirmations and photos kept), others inserted. The commit writes in ONE transaction, all or
 * nothing, and is audited.
 */
import { and, eq, inArray } from 'drizzle-orm'
import type { ImportProblem, ImportReport } from '@contract/imports'
import {
  FACILITIES,
  FACILITY_LABELS,
  STATION_IMPORT_COLUMNS,
  STATION_IMPORT_MAX_ROWS,
  STATION_IMPORT_OPTIONAL_COLUMNS,
  type Facility,
  type StationImportColumn,
} from '@contract/stations/labels'
import type { WeeklyHours } from '@contract/stations/hours'
import { StationReasons } from '@contract/stations/reasons'
import { audit } from '../../audit'
import { inSubtree, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { stations } from '../../db/schema/stations'
import { isIsoDate } from '../../db/paging'
import { cellText, readSheet, type SheetRow, type SheetSpec } from '../../files/sheet'
import { importReport } from '../../files/import-report'
import type { AppDeps } from '../../http/deps'
import { parseHours } from './import-hours'

export interface StationFile {
  bytes: Buffer
  fileName: string
}

const WORDS = { noun: '驿站名单', unit: '个驿站' }
const COL = STATION_IMPORT_COLUMNS

const SPEC: SheetSpec<StationImportColumn> = {
  columns: STATION_IMPORT_COLUMNS,
  optional: STATION_IMPORT_OPTIONAL_COLUMNS,
  maxRows: STATION_IMPORT_MAX_ROWS,
  refusals: {
    fileType: StationReasons.STATION_IMPORT_FILE_TYPE,
    unreadable: StationReasons.STATION_IMPORT_FILE_UNREADABLE,
    noRows: StationReasons.STATION_IMPORT_NO_ROWS,
    columnsMissing: StationReasons.STATION_IMPORT_COLUMNS_MISSING,
    tooManyRows: StationReasons.STATION_IMPORT_TOO_MANY_ROWS,
  },
}

interface Row {
  row: number
  name: string
  org: string
  address: string
  lat: number
  lng: number
  hours: WeeklyHours
  facilities: Facility[]
  keeperName: string
  keeperPhone: string
}

const FACILITY_BY_LABEL: Record<string, Facility> = {
  ...Object.fromEntries(FACILITIES.map((f) => [FACILITY_LABELS[f], f])),
  ...Object.fromEntries(FACILITIES.map((f) => [f, f])),
  热饭: 'microwave',
  微波炉: 'microwave',
  饮用水: 'water',
  厕所: 'toilet',
  卫生间: 'toilet',
}

function judgeRow(raw: SheetRow<StationImportColumn>): { ok: Row } | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = []
  const bad = (column: StationImportColumn, message: string) => problems.push({ row: raw.row, column: COL[column], message })
  const c = Object.fromEntries(Object.entries(raw.cells).map(([k, v]) => [k, cellText(v as never)])) as Record<StationImportColumn, string>
  if (c.name.length < 2 || c.name.length > 40) bad('name', '请填写驿站名称（2–40 个字）')
  if (c.org === '') bad('org', '请填写运营工会的名称')
  if (c.address.length < 4 || c.address.length > 120) bad('address', '请填写地址（4–120 个字）')
  const lat = Number(c.lat)
  const lng = Number(c.lng)
  if (c.lat === '' || !Number.isFinite(lat) || Math.abs(lat) > 90) bad('lat', `纬度“${c.lat}”不正确，应为 GCJ-02 坐标，如 30.2745`)
  if (c.lng === '' || !Number.isFinite(lng) || Math.abs(lng) > 180) bad('lng', `经度“${c.lng}”不正确，应为 GCJ-02 坐标，如 120.1557`)
  const hours = parseHours(c.hours, c.days)
  if (!hours.ok) bad(hours.column, hours.message)
  const closedDates = c.closedDates.split(/[\s,，、]+/).filter(Boolean)
  const wrongDate = closedDates.find((d) => !isIsoDate(d))
  if (wrongDate) bad('closedDates', `闭站日期“${wrongDate}”应写作 YYYY-MM-DD`)
  const facilities: Facility[] = []
  for (const part of c.facilities.split(/[、,，;；\s]+/).filter(Boolean)) {
    const f = FACILITY_BY_LABEL[part]
    if (!f) bad('facilities', `设施“${part}”不在列表中：${FACILITIES.map((x) => FACILITY_LABELS[x]).join('、')}`)
    else if (!facilities.includes(f)) facilities.push(f)
  }
  if (c.keeperName.length > 20) bad('keeperName', '站长姓名最多 20 个字')
  if (c.keeperPhone.length > 20) bad('keeperPhone', '站长电话最多 20 个字')
  if (problems.length > 0 || !hours.ok) return { problems }
  return {
    ok: {
      row: raw.row,
      name: c.name,
      org: c.org,
      address: c.address,
      lat,
      lng,
      hours: { allDay: hours.allDay, days: hours.days, closedDates },
      facilities: FACILITIES.filter((f) => facilities.includes(f)),
      keeperName: c.keeperName,
      keeperPhone: c.keeperPhone,
    },
  }
}

interface Planned extends Row {
  orgId: number
  matched: number | null
  status: 'new' | 'updated' | 'unchanged'
}

/** Unions by name inside the caller's scopes, matches by (union, name), duplicates: the whole file judged. */
async function plan(db: DbOrTx, scopes: readonly string[], file: StationFile) {
  const raw = await readSheet(file.bytes, SPEC)
  const problems: ImportProblem[] = []
  const rows: Row[] = []
  for (const r of raw) {
    const j = judgeRow(r)
    if ('ok' in j) rows.push(j.ok)
    else problems.push(...j.problems)
  }
  const names = [...new Set(rows.map((r) => r.org))]
  const orgRows = names.length ? await db.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(inArray(orgs.name, names)) : []
  const planned: Planned[] = []
  const seen = new Set<string>()
  for (const r of rows) {
    const inside = orgRows.filter((o) => o.name === r.org && scopes.some((s) => inSubtree(s, o.path)))
    if (inside.length !== 1) {
      problems.push({ row: r.row, column: COL.org, message: inside.length === 0 ? `运营工会“${r.org}”不存在或不在您的管辖范围内` : `有多个名为“${r.org}”的工会，请联系上级管理员` })
      continue
    }
    const key = `${inside[0].id}/${r.name}`
    if (seen.has(key)) {
      problems.push({ row: r.row, column: COL.name, message: `“${r.name}”在文件中重复出现` })
      continue
    }
    seen.add(key)
    planned.push({ ...r, orgId: inside[0].id, matched: null, status: 'new' })
  }
  const orgIds = [...new Set(planned.map((p) => p.orgId))]
  const existing = orgIds.length
    ? await db.select().from(stations).where(and(inArray(stations.orgId, orgIds), inArray(stations.name, [...new Set(planned.map((p) => p.name))])))
    : []
  for (const p of planned) {
    const m = existing.find((e) => e.orgId === p.orgId && e.name === p.name)
    if (!m) continue
    p.matched = m.id
    const same =
      m.address === p.address && m.lat === p.lat && m.lng === p.lng && sameHours(m.hours, p.hours) &&
      JSON.stringify(m.facilities) === JSON.stringify(p.facilities) && m.keeperName === p.keeperName && m.keeperPhone === p.keeperPhone
    p.status = same ? 'unchanged' : 'updated'
  }
  problems.sort((a, b) => a.row - b.row)
  const rejected = new Set(problems.map((x) => x.row)).size
  const counts = {
    total: raw.length,
    new: planned.filter((p) => p.status === 'new').length,
    updated: planned.filter((p) => p.status === 'updated').length,
    unchanged: planned.filter((p) => p.status === 'unchanged').length,
    rejected,
  }
  return { planned, problems, counts }
}

/** jsonb keeps its own key order: compare the values. */
function sameHours(a: WeeklyHours, b: WeeklyHours): boolean {
  const day = (d: WeeklyHours['days'][number]) => (d ? `${d.open}-${d.close}` : '')
  return (
    a.allDay === b.allDay &&
    a.days.length === b.days.length &&
    a.days.every((d, i) => day(d) === day(b.days[i])) &&
    a.closedDates.join() === b.closedDates.join()
  )
}

export class StationImport {
  constructor(private readonly deps: AppDeps) {}

  async dryRun(user: AuthUser, file: StationFile): Promise<ImportReport> {
    return importReport(file.fileName, await plan(this.deps.db, scopesFor(user, 'stations.manage'), file), false, WORDS)
  }

  async commit(user: AuthUser, file: StationFile): Promise<ImportReport> {
    return this.deps.db.transaction(async (tx) => {
      const p = await plan(tx, scopesFor(user, 'stations.manage'), file)
      const write = p.problems.length === 0
      if (write) {
        const now = new Date(this.deps.now())
        for (const r of p.planned) {
          const values = { orgId: r.orgId, name: r.name, address: r.address, lat: r.lat, lng: r.lng, hours: r.hours, facilities: r.facilities, keeperName: r.keeperName, keeperPhone: r.keeperPhone }
          if (r.status === 'new') await tx.insert(stations).values({ ...values, createdAt: now, updatedAt: now })
          else if (r.status === 'updated') await tx.update(stations).set({ ...values, updatedAt: now }).where(eq(stations.id, r.matched!))
        }
      }
      await audit(tx, {
        actorUserId: user.userId,
        action: write ? 'stations.import' : 'stations.import_refused',
        subjectType: 'station',
        detail: { fileName: file.fileName, counts: p.counts, problems: p.problems.length },
      })
      return importReport(file.fileName, p, write, WORDS)
    })
  }
}

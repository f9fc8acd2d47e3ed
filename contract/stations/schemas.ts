/** 爱心驿站: stations, the public nearest-first list, live status, problem reports, keepers' and admins' views. */
import { z } from 'zod'
import { nextCursor, PageQuery } from '../paging'
import { ImportReport } from '../imports'
import { FACILITIES, KEEPER_STATUSES, STATION_PHOTOS_MAX } from './labels'
import { HHMM } from './hours'

const id = z.coerce.number().int().positive()
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

export const Facility = z.enum(FACILITIES)
export const KeeperStatus = z.enum(KEEPER_STATUSES)
export const LiveStatus = z.enum([...KEEPER_STATUSES, 'unconfirmed'])

const hhmm = z.string().regex(HHMM, '时间格式应为 HH:mm，如 08:00')
/** One weekday's window; a close at or before the open runs past midnight. 00:00–24:00 = the whole day. */
export const DayWindow = z
  .object({ open: hhmm, close: hhmm })
  .refine((w) => w.open !== '24:00', { message: '开始时间应在 00:00–23:59 之间', path: ['open'] })
  .refine((w) => w.open !== w.close, { message: '开始与结束时间相同；全天开放请选“全天 24 小时”', path: ['close'] })
export const WeeklyHours = z.object({
  allDay: z.boolean(),
  days: z.array(DayWindow.nullable()).length(7, '请填写周一至周日的开放时间'),
  closedDates: z.array(isoDate).max(60).default([]),
})

export const StationInput = z.object({
  name: z.string().trim().min(2, '请填写驿站名称').max(40),
  address: z.string().trim().min(4, '请填写地址').max(120),
  /** GCJ-02, as WeChat's map uses. */
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  orgId: z.number().int(),
  hours: WeeklyHours,
  facilities: z.array(Facility).max(FACILITIES.length).default([]),
  /** The station's photos in display order (the first is the cover): ids from POST /api/stations/photos. */
  photoIds: z
    .array(z.string().min(1).max(64))
    .max(STATION_PHOTOS_MAX, `最多 ${STATION_PHOTOS_MAX} 张照片`)
    .refine((ids) => new Set(ids).size === ids.length, '同一张照片只能出现一次')
    .default([]),
  keeperName: z.string().trim().max(20).default(''),
  keeperPhone: z.string().trim().max(20).default(''),
})
export type StationInput = z.input<typeof StationInput>

export const StationSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  orgName: z.string(),
  facilities: z.array(Facility),
  /** By the hours, in China time, now. */
  openNow: z.boolean(),
  todayHours: z.string(),
  liveStatus: LiveStatus,
  /** ISO instant of the keeper's last confirmation; null = never. */
  confirmedAt: z.string().nullable(),
  openReports: z.number().int(),
  /** Null when no origin is known. */
  distanceMeters: z.number().nullable(),
})
export type StationSummary = z.infer<typeof StationSummary>

export const Photo = z.object({ id: z.string(), url: z.string() })

export const PublicReport = z.object({
  id: z.number().int(),
  description: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  /** The reporter's photo (signed link), unless content review holds or refused it (then only its reporter sees it). */
  photo: Photo.nullable(),
  /** To the reporter only: why others do not see the report or its photo (内容审核中 / 图片未通过审核 …); else null. */
  notice: z.string().nullable(),
})
export type PublicReport = z.infer<typeof PublicReport>

export const StationDetail = StationSummary.extend({
  orgId: z.number().int(),
  hours: WeeklyHours,
  photos: z.array(Photo),
  keeperName: z.string(),
  keeperPhone: z.string(),
  /** The keeper's own status (liveStatus is what people see). */
  status: KeeperStatus,
  /** Open problems, and those resolved in the last 7 days. */
  reports: z.array(PublicReport),
})
export type StationDetail = z.infer<typeof StationDetail>

export const StationQuery = PageQuery.extend({
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  /** A chosen area (a union with coordinates, from GET /api/stations/areas) when the location is refused. */
  areaId: z.coerce.number().int().positive().optional(),
  facility: Facility.optional(),
  openNow: z.enum(['1', '0']).optional(),
})
export const StationList = z.object({
  items: z.array(StationSummary),
  origin: z.object({ lat: z.number(), lng: z.number(), source: z.enum(['device', 'area']) }),
  nextCursor,
})
export type StationList = z.infer<typeof StationList>

export const Area = z.object({ id: z.number().int(), name: z.string(), lat: z.number(), lng: z.number() })
export const AreaList = z.object({ items: z.array(Area) })
export type AreaList = z.infer<typeof AreaList>

export const StationIdParams = z.object({ id })
export const CheckinResult = z.object({ ok: z.literal(true), checkinsToday: z.number().int() })

export const UploadedPhoto = z.object({ id: z.string(), mime: z.string(), size: z.number().int(), url: z.string() })
export type UploadedPhoto = z.infer<typeof UploadedPhoto>

export const ReportInput = z.object({
  description: z.string().trim().min(2, '请描述遇到的问题').max(200),
  photoId: z.string().min(1).max(64).optional(),
})

export const KeeperReport = PublicReport.extend({
  stationId: z.number().int(),
  stationName: z.string(),
  photo: Photo.nullable(),
})
export type KeeperReport = z.infer<typeof KeeperReport>
export const KeeperReportQuery = PageQuery.extend({ state: z.enum(['open', 'resolved']).default('open') })
export const KeeperReportList = z.object({ items: z.array(KeeperReport), nextCursor })
export type KeeperReportList = z.infer<typeof KeeperReportList>

export const StatusInput = z.object({ status: KeeperStatus })
export const ResolveInput = z.object({ note: z.string().trim().min(2, '请写明处理结果').max(200) })

/** The stations a keeper keeps (or an admin may keep), with their open problems. */
export const KeptStation = StationSummary.pick({ id: true, name: true, address: true, liveStatus: true, confirmedAt: true, openReports: true })
export const KeptList = z.object({ items: z.array(KeptStation) })
export type KeptList = z.infer<typeof KeptList>

export const ManageQuery = PageQuery.extend({ orgId: z.coerce.number().int().positive().optional() })
export const ManagedStation = StationSummary.extend({
  orgId: z.number().int(),
  usage: z.object({
    views: z.number().int(),
    checkins: z.number().int(),
    reports: z.number().int(),
    /** Median minutes from report to resolution; null before the first resolution. */
    medianResolveMinutes: z.number().nullable(),
  }),
})
export type ManagedStation = z.infer<typeof ManagedStation>
export const ManagedList = z.object({ items: z.array(ManagedStation), nextCursor })
export type ManagedList = z.infer<typeof ManagedList>

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const list = { query: StationQuery, response: StationList }
export const areas = { response: AreaList }
export const detail = { params: StationIdParams, response: StationDetail }
export const checkin = { params: StationIdParams, response: CheckinResult }
export const upload = { response: UploadedPhoto }
export const photoUpload = { response: UploadedPhoto }
export const report = { params: StationIdParams, body: ReportInput, response: PublicReport }
export const keeping = { response: KeptList }
export const setStatus = { params: StationIdParams, body: StatusInput, response: StationDetail }
export const reports = { params: StationIdParams, query: KeeperReportQuery, response: KeeperReportList }
export const resolve = { params: StationIdParams, body: ResolveInput, response: KeeperReport }
export const manage = { query: ManageQuery, response: ManagedList }
export const create = { body: StationInput, response: StationDetail }
export const update = { params: StationIdParams, body: StationInput, response: StationDetail }
export const importDryRun = { response: ImportReport }
export const importCommit = { response: ImportReport }

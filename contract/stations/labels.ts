/** 爱心驿站 / 户外劳动者服务站: facilities, live statuses, limits and message kinds shared by server and app. Zod-free. */

/** The fixed list of facilities a station may offer (issue 14), in display order. */
export const FACILITY_LABELS = {
  water: '饮水',
  charging: '充电',
  microwave: '热饭/微波炉',
  seating: '休息座椅',
  toilet: '如厕',
  first_aid: '医药箱',
  air_con: '空调',
  nursing: '母婴室',
  legal: '法律咨询',
  books: '图书',
  tools: '工具箱',
} as const
export type Facility = keyof typeof FACILITY_LABELS
export const FACILITIES = Object.keys(FACILITY_LABELS) as [Facility, ...Facility[]]

/** What the keeper sets. */
export const KEEPER_STATUS_LABELS = {
  open: '正常开放',
  paused: '暂停服务',
  full: '已满',
} as const
export type KeeperStatus = keyof typeof KEEPER_STATUS_LABELS
export const KEEPER_STATUSES = Object.keys(KEEPER_STATUS_LABELS) as [KeeperStatus, ...KeeperStatus[]]

/** What people see: the keeper's status, or 未确认 when nobody confirmed it for STALE_AFTER_DAYS. */
export const LIVE_STATUS_LABELS = { ...KEEPER_STATUS_LABELS, unconfirmed: '未确认' } as const
export type LiveStatus = keyof typeof LIVE_STATUS_LABELS

/** A status nobody confirmed for this many days shows as 未确认. */
export const STALE_AFTER_DAYS = 7

/** Problems people report most (chips on the report form; free text is accepted too). */
export const COMMON_PROBLEMS = ['饮水机坏了', '门锁着', '充电插座坏了', '微波炉坏了', '卫生需要打扫'] as const

/** A report photo: JPG / PNG / WebP, at most this many bytes. */
export const REPORT_PHOTO_MAX_BYTES = 5 * 1024 * 1024

/** A station's own photos (admins add them on the edit form): at most this many, each JPG / PNG / WebP of this size. */
export const STATION_PHOTOS_MAX = 6
export const STATION_PHOTO_MAX_BYTES = 5 * 1024 * 1024

/** In-app message kind sent to the reporter when the keeper resolves the problem. */
export const STATION_REPORT_RESOLVED = 'stations.report_resolved'

/** The columns of a station import (.xlsx / .csv), by their header titles. */
export const STATION_IMPORT_COLUMNS = {
  name: '名称',
  org: '运营工会',
  address: '地址',
  lat: '纬度',
  lng: '经度',
  hours: '开放时间',
  days: '开放日',
  closedDates: '闭站日期',
  facilities: '设施',
  keeperName: '站长',
  keeperPhone: '站长电话',
} as const
export type StationImportColumn = keyof typeof STATION_IMPORT_COLUMNS
export const STATION_IMPORT_OPTIONAL_COLUMNS: readonly StationImportColumn[] = ['days', 'closedDates', 'keeperName', 'keeperPhone']
/** How a station file writes different hours per weekday in 开放时间 (the import page's notice and its row errors). */
export const STATION_IMPORT_HOURS_EXAMPLE = '周一至周五 08:00-20:00；周六 09:00-17:00；周日 休息'
/** Largest station file accepted, and most data rows in one. */
export const STATION_IMPORT_MAX_BYTES = 2 * 1024 * 1024
export const STATION_IMPORT_MAX_ROWS = 2_000

import { endpoint } from '../endpoint'
import type * as s from './schemas'

/** 爱心驿站 / 户外劳动者服务站. */
export const stationsApi = {
  /** Anyone, no login: stations nearest first (device position or a chosen area), by facility and 开放中. */
  list: endpoint<typeof s.list>('GET', '/api/stations'),
  /** Anyone: the areas to measure from when the location is refused. */
  areas: endpoint<typeof s.areas>('GET', '/api/stations/areas'),
  /** Anyone: a station with its live status and problems (a printed QR opens its page). Counted as a view. */
  detail: endpoint<typeof s.detail>('GET', '/api/stations/:id'),
  /** Anyone: 打卡 (optional; a logged-in user's check-in is attributed). */
  checkin: endpoint<typeof s.checkin>('POST', '/api/stations/:id/checkins'),
  /** Logged-in: a photo for a problem report (multipart, `file`; JPG/PNG/WebP). */
  upload: endpoint<typeof s.upload>('POST', '/api/stations/uploads'),
  /** Logged-in: report a problem (饮水机坏了, 门锁着) with an optional photo. */
  report: endpoint<typeof s.report>('POST', '/api/stations/:id/reports'),
  /** Keepers: the stations I keep. */
  keeping: endpoint<typeof s.keeping>('GET', '/api/stations/keeping'),
  /** Keeper of the station: 正常开放 / 暂停服务 / 已满, confirming it now. */
  setStatus: endpoint<typeof s.setStatus>('POST', '/api/stations/:id/status'),
  /** Keeper of the station: its problem reports, open or resolved, with photos. */
  reports: endpoint<typeof s.reports>('GET', '/api/stations/:id/reports'),
  /** Keeper of the report's station: resolve it; the reporter gets a message. (`id` is the report's.) */
  resolve: endpoint<typeof s.resolve>('POST', '/api/stations/reports/:id/resolve'),
  /** Admins: the stations of their subtree with usage figures. */
  manage: endpoint<typeof s.manage>('GET', '/api/stations/manage'),
  create: endpoint<typeof s.create>('POST', '/api/stations'),
  update: endpoint<typeof s.update>('PUT', '/api/stations/:id'),
  /** Admins: a photo of a station (multipart, `file`; JPG/PNG/WebP ≤ 5 MB) to put in `photoIds` on create / update. */
  photoUpload: endpoint<typeof s.photoUpload>('POST', '/api/stations/photos'),
  /** Admins: check a station file (.xlsx / .csv; multipart `file`) row by row, writing nothing. */
  importDryRun: endpoint<typeof s.importDryRun>('POST', '/api/stations/import/dry-run'),
  /** Admins: import it, all or nothing (a station is matched by its name under its union; equal rows untouched). */
  importCommit: endpoint<typeof s.importCommit>('POST', '/api/stations/import'),
}

import { endpoint } from '../endpoint'
import type * as s from './schemas'

export const privacyApi = {
  /** 账号与安全: the caller's open (or just cancelled) 注销, their 退会 and their data copies. */
  overview: endpoint<typeof s.overview>('GET', '/api/privacy'),
  /** 注销账号: starts the cooling-off period and logs the caller out everywhere; logging in again cancels it. */
  requestErasure: endpoint<typeof s.requestErasure>('POST', '/api/privacy/erasure'),
  /** 退会: a member asks to leave, with an optional reason. */
  requestDeparture: endpoint<typeof s.requestDeparture>('POST', '/api/privacy/departure'),
  withdrawDeparture: endpoint<typeof s.withdrawDeparture>('POST', '/api/privacy/departure/withdraw'),
  /** Staff: 退会 requests waiting in the caller's unions. */
  departures: endpoint<typeof s.departures>('GET', '/api/privacy/departures'),
  confirmDeparture: endpoint<typeof s.confirmDeparture>('POST', '/api/privacy/departures/:id/confirm'),
  /** 更正: the member asks the union to correct their verified name and/or phone (one open request at a time). */
  requestCorrection: endpoint<typeof s.requestCorrection>('POST', '/api/privacy/correction'),
  withdrawCorrection: endpoint<typeof s.withdrawCorrection>('POST', '/api/privacy/correction/withdraw'),
  /** Staff: open 更正 requests in the caller's unions, with the requested values (the listing is audited). */
  corrections: endpoint<typeof s.corrections>('GET', '/api/privacy/corrections'),
  /** The membership's name / phone are changed in the same transaction; the member gets a message. */
  approveCorrection: endpoint<typeof s.approveCorrection>('POST', '/api/privacy/corrections/:id/approve'),
  rejectCorrection: endpoint<typeof s.rejectCorrection>('POST', '/api/privacy/corrections/:id/reject'),
  /** 下载我的数据: prepared in the background. */
  requestExport: endpoint<typeof s.requestExport>('POST', '/api/privacy/exports'),
  /** A copy of the caller's own, with short-lived signed links once prepared (audited). */
  exportDetail: endpoint<typeof s.exportDetail>('GET', '/api/privacy/exports/:id'),
}

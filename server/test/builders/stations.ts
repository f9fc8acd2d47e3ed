/** 爱心驿站 test inputs. */
import type { StationInput } from '@contract/stations/schemas'

const every = (open: string, close: string) => Array.from({ length: 7 }, () => ({ open, close }))

/** A station of `orgId`, open 08:00–20:00 every day, near 星河广场. */
export const stationInput = (orgId: number, over: Partial<StationInput> = {}): StationInput => ({
  name: '星河广场爱心驿站',
  address: '示例市云溪区星河路 66 号星河广场东门',
  lat: 30.2739,
  lng: 120.155,
  orgId,
  hours: { allDay: false, days: every('08:00', '20:00'), closedDates: [] },
  facilities: ['water', 'microwave', 'seating'],
  ...over,
})

/** A station import file (.csv, UTF-8 with BOM) with the columns of contract/stations/labels.ts. */
export interface StationLine {
  name: string
  org: string
  address?: string
  lat?: string
  lng?: string
  hours?: string
  days?: string
  closedDates?: string
  facilities?: string
  keeperName?: string
  keeperPhone?: string
}

const IMPORT_HEADER = ['名称', '运营工会', '地址', '纬度', '经度', '开放时间', '开放日', '闭站日期', '设施', '站长', '站长电话']

export function stationsCsv(lines: StationLine[]): Buffer {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  const cells = (l: StationLine) => [
    l.name, l.org, l.address ?? `${l.name}门口`, l.lat ?? '30.2750', l.lng ?? '120.1560', l.hours ?? '08:00-20:00',
    l.days ?? '每天', l.closedDates ?? '', l.facilities ?? '饮水、充电', l.keeperName ?? '', l.keeperPhone ?? '',
  ]
  return Buffer.from('\ufeff' + [IMPORT_HEADER, ...lines.map(cells)].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8')
}

export function sheetForm(bytes: Buffer, name = 'stations.csv'): FormData {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), name)
  return fd
}

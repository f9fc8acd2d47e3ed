/**
 * Demo 爱心驿站 (dev seed only, part of seed.ts): a dozen invented stations around 云溪区总工会 (GCJ-02), one open
 * 24 hours (the keeper persona's, with 热饭), one closed at the time of day the demo runs, one 暂停服务, one with an
 * open problem report, one nobody confirmed for 10 days (未确认).
 */
import type { WeeklyHours } from '@contract/stations/hours'
import type { Facility, KeeperStatus } from '@contract/stations/labels'
import type { Tx } from './db'
import { stationReports, stations } from './db/schema'
import type { DemoOrgKey } from './personas'

const CITY = '示例市云溪区'
const DAY = 86_400_000
const hhmm = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, '0')}:00`
const every = (open: string, close: string) => Array.from({ length: 7 }, () => ({ open, close }))
const weekdays = (open: string, close: string) => [...every(open, close).slice(0, 5), null, null]

export interface StationDef {
  name: string
  org: DemoOrgKey
  address: string
  lat: number
  lng: number
  hours: (seededAt: number) => WeeklyHours
  facilities: Facility[]
  status?: KeeperStatus
  /** Days before seeding the keeper last confirmed; null = never. Default: at seeding. */
  confirmedDaysAgo?: number | null
  keeperName?: string
  keeperPhone?: string
}

export const KEEPER_STATION = '云溪路骑手暖心驿站'
export const CLOSED_NOW_STATION = '星河广场爱心驿站'
export const PAUSED_STATION = '科技园区户外劳动者服务站'
export const REPORTED_STATION = '快递行业之家服务站'

export const DEMO_STATIONS: StationDef[] = [
  {
    name: KEEPER_STATION,
    org: 'district',
    address: `${CITY}云溪路 18 号（云溪区总工会一楼）`,
    lat: 30.2745,
    lng: 120.1557,
    hours: () => ({ allDay: true, days: every('00:00', '24:00'), closedDates: [] }),
    facilities: ['water', 'charging', 'microwave', 'seating', 'toilet', 'first_aid', 'air_con'],
    keeperName: '孙站长',
    keeperPhone: '0571-86001234',
  },
  {
    // Open two hours from the time of day the demo was seeded, for two hours: closed now, every day.
    name: CLOSED_NOW_STATION,
    org: 'logistics',
    address: `${CITY}星河路 66 号星河广场东门`,
    lat: 30.2739,
    lng: 120.155,
    hours: (at) => {
      const h = new Date(at + 8 * 3_600_000).getUTCHours()
      return { allDay: false, days: every(hhmm(h + 2), hhmm(h + 4)), closedDates: [] }
    },
    facilities: ['water', 'microwave', 'seating'],
  },
  {
    name: PAUSED_STATION,
    org: 'park',
    address: `${CITY}科技园区创新路 9 号`,
    lat: 30.2661,
    lng: 120.1411,
    hours: () => ({ allDay: false, days: every('07:00', '22:00'), closedDates: [] }),
    facilities: ['water', 'charging', 'microwave', 'books'],
    status: 'paused',
  },
  {
    name: REPORTED_STATION,
    org: 'express',
    address: `${CITY}青禾路 120 号快递驿站旁`,
    lat: 30.2791,
    lng: 120.1592,
    hours: () => ({ allDay: false, days: every('06:00', '23:00'), closedDates: [] }),
    facilities: ['water', 'charging', 'seating', 'tools'],
  },
  {
    name: '青禾街道户外劳动者港湾',
    org: 'street',
    address: `${CITY}青禾街道办事处西侧`,
    lat: 30.2815,
    lng: 120.1637,
    hours: () => ({ allDay: false, days: weekdays('08:30', '17:30'), closedDates: [] }),
    facilities: ['water', 'seating', 'toilet', 'legal'],
  },
  {
    name: '新业态劳动者夜间驿站',
    org: 'gig',
    address: `${CITY}云溪科技园区骑手之家`,
    lat: 30.2634,
    lng: 120.1461,
    hours: () => ({ allDay: false, days: every('20:00', '08:00'), closedDates: [] }),
    facilities: ['water', 'charging', 'microwave', 'seating'],
  },
  {
    name: '云溪公园环卫工人休息室',
    org: 'district',
    address: `${CITY}云溪公园北门`,
    lat: 30.2768,
    lng: 120.1509,
    hours: () => ({ allDay: false, days: every('05:00', '21:00'), closedDates: [] }),
    facilities: ['water', 'seating', 'toilet', 'first_aid'],
    confirmedDaysAgo: 10,
  },
  {
    name: '云溪银行网点爱心驿站',
    org: 'district',
    address: `${CITY}云溪路 200 号`,
    lat: 30.2712,
    lng: 120.1601,
    hours: () => ({ allDay: false, days: weekdays('09:00', '17:00'), closedDates: [] }),
    facilities: ['water', 'charging', 'seating', 'air_con'],
  },
  {
    name: '星河物流园职工驿站',
    org: 'logistics',
    address: `${CITY}星河物流园 3 号楼`,
    lat: 30.2869,
    lng: 120.1704,
    hours: () => ({ allDay: false, days: every('07:00', '21:00'), closedDates: [] }),
    facilities: ['water', 'microwave', 'seating', 'toilet', 'nursing'],
  },
  {
    name: '云溪图书馆分馆驿站',
    org: 'street',
    address: `${CITY}文化路 5 号`,
    lat: 30.2788,
    lng: 120.1525,
    hours: () => ({ allDay: false, days: every('09:00', '20:00'), closedDates: [] }),
    facilities: ['water', 'books', 'seating', 'air_con'],
    status: 'full',
  },
  {
    name: '科技园区便民服务站',
    org: 'park',
    address: `${CITY}科技园区南门`,
    lat: 30.2642,
    lng: 120.1389,
    hours: () => ({ allDay: false, days: every('08:00', '20:00'), closedDates: [] }),
    facilities: ['water', 'charging', 'toilet'],
    confirmedDaysAgo: null,
  },
  {
    name: '云溪社区卫生站驿站',
    org: 'district',
    address: `${CITY}健康路 12 号`,
    lat: 30.2702,
    lng: 120.1532,
    hours: () => ({ allDay: false, days: every('08:00', '18:00'), closedDates: [] }),
    facilities: ['water', 'first_aid', 'seating', 'nursing'],
  },
]

/** Inserts the demo stations; their ids by name (the keeper persona is bound by name). */
export async function seedStations(tx: Tx, orgIds: Record<DemoOrgKey, number>, seededAt: number): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const s of DEMO_STATIONS) {
    const ago = s.confirmedDaysAgo === undefined ? 0 : s.confirmedDaysAgo
    const [row] = await tx
      .insert(stations)
      .values({
        orgId: orgIds[s.org],
        name: s.name,
        address: s.address,
        lat: s.lat,
        lng: s.lng,
        hours: s.hours(seededAt),
        facilities: s.facilities,
        keeperName: s.keeperName ?? '',
        keeperPhone: s.keeperPhone ?? '',
        status: s.status ?? 'open',
        confirmedAt: ago === null ? null : new Date(seededAt - ago * DAY),
      })
      .returning({ id: stations.id })
    ids.set(s.name, row.id)
  }
  return ids
}

/** The open problem report of the demo (by the member persona). */
export async function seedStationReport(tx: Tx, stationIds: Map<string, number>, reporterId: number, seededAt: number): Promise<void> {
  await tx.insert(stationReports).values({
    stationId: stationIds.get(REPORTED_STATION)!,
    userId: reporterId,
    description: '门锁着，敲门没人应',
    createdAt: new Date(seededAt - 2 * 3_600_000),
  })
}

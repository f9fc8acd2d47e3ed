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

/** The station form's values ↔ the contract's StationInput (no Taro: tested in node). */
import type { Facility } from '@contract/stations/labels'
import type { StationDetail, StationInput } from '@contract/stations/schemas'

export interface StationForm {
  name: string
  address: string
  lat: string
  lng: string
  orgId: number | null
  allDay: boolean
  /** Monday first: open that weekday? */
  weekdays: boolean[]
  open: string
  close: string
  /** YYYY-MM-DD, separated by commas or spaces */
  closedDates: string
  facilities: Facility[]
  keeperName: string
  keeperPhone: string
}

export const emptyForm = (orgId: number | null): StationForm => ({
  name: '',
  address: '',
  lat: '',
  lng: '',
  orgId,
  allDay: false,
  weekdays: [true, true, true, true, true, true, true],
  open: '08:00',
  close: '20:00',
  closedDates: '',
  facilities: [],
  keeperName: '',
  keeperPhone: '',
})

export function formOf(s: StationDetail): StationForm {
  const first = s.hours.days.find((d) => d !== null) ?? { open: '08:00', close: '20:00' }
  return {
    name: s.name,
    address: s.address,
    lat: String(s.lat),
    lng: String(s.lng),
    orgId: s.orgId,
    allDay: s.hours.allDay,
    weekdays: s.hours.days.map((d) => d !== null),
    open: first.open,
    close: first.close,
    closedDates: s.hours.closedDates.join(', '),
    facilities: s.facilities,
    keeperName: s.keeperName,
    keeperPhone: s.keeperPhone,
  }
}

/** One window for every open weekday (a close at or before the open runs past midnight). */
export function inputOf(f: StationForm, photoIds: string[] = []): StationInput {
  const window = { open: f.open.trim(), close: f.close.trim() }
  return {
    name: f.name,
    address: f.address,
    lat: Number(f.lat),
    lng: Number(f.lng),
    orgId: f.orgId ?? 0,
    hours: {
      allDay: f.allDay,
      days: f.weekdays.map((on) => (on ? window : null)),
      closedDates: f.closedDates.split(/[\s,，、]+/).filter(Boolean),
    },
    facilities: f.facilities,
    photoIds,
    keeperName: f.keeperName,
    keeperPhone: f.keeperPhone,
  }
}

/** Whether the station's hours differ by weekday (the form would make them one window). */
export function hoursDiffer(s: StationDetail): boolean {
  const open = s.hours.days.filter((d) => d !== null)
  return open.some((d) => d!.open !== open[0]!.open || d!.close !== open[0]!.close)
}

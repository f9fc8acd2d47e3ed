import type { StationDetail } from '@contract/stations/schemas'
import { StationInput } from '@contract/stations/schemas'
import { acrossMidnight, checkDays, copyMondayToAll, emptyForm, formOf, inputOf, movePhoto, type DayForm } from './form'

const range = (open: string, close: string): DayForm => ({ mode: 'range', open, close })
const closed: DayForm = { mode: 'closed', open: '08:00', close: '20:00' }
const allDay: DayForm = { mode: 'allDay', open: '08:00', close: '20:00' }
const base = { ...emptyForm(4), name: '驿站', address: '示例路 1 号', lat: '30.27', lng: '120.15' }

describe('station form: hours per weekday', () => {
  it('turns each weekday (休息 / 全天 / from–to, past midnight) into the week’s hours the contract accepts', () => {
    const f = {
      ...base,
      days: [range('8:00', '20:00'), range('08:00', '20:00'), range('22:00', '06:00'), allDay, range('08:00', '24:00'), range('09:00', '17:00'), closed],
      closedDates: '2026-10-01，2026-10-02',
    }
    const input = inputOf(f, ['p1'])
    expect(input.hours).toEqual({
      allDay: false,
      days: [
        { open: '08:00', close: '20:00' },
        { open: '08:00', close: '20:00' },
        { open: '22:00', close: '06:00' },
        { open: '00:00', close: '24:00' },
        { open: '08:00', close: '24:00' },
        { open: '09:00', close: '17:00' },
        null,
      ],
      closedDates: ['2026-10-01', '2026-10-02'],
    })
    expect(input.photoIds).toEqual(['p1'])
    expect(StationInput.safeParse(input).success).toBe(true)
  })

  it('every day 全天 is 24 小时开放; a station read back gives the same weekdays (round trip)', () => {
    const f = { ...base, days: copyMondayToAll([allDay, closed, closed, closed, closed, closed, closed]) }
    expect(inputOf(f).hours.allDay).toBe(true)
    const week = [range('07:00', '19:00'), closed, range('22:00', '06:00'), allDay, range('07:00', '19:00'), range('09:00', '12:00'), closed]
    const input = inputOf({ ...base, days: week })
    const back = formOf({ ...input, id: 1, orgName: '', photos: [], keeperName: '', keeperPhone: '' } as unknown as StationDetail)
    expect(back.days.map((d) => (d.mode === 'range' ? `${d.open}-${d.close}` : d.mode))).toEqual(['07:00-19:00', 'closed', '22:00-06:00', 'allDay', '07:00-19:00', '09:00-12:00', 'closed'])
    // a station saved as 24 小时开放 opens with every day 全天
    const always = formOf({ ...input, hours: { allDay: true, days: Array(7).fill(null), closedDates: [] } } as unknown as StationDetail)
    expect(always.days.every((d) => d.mode === 'allDay')).toBe(true)
  })

  it('copies Monday to every day, marks windows past midnight, and says in Chinese which weekday is wrong', () => {
    const days = copyMondayToAll([range('22:00', '06:00'), closed, closed, closed, closed, closed, closed])
    expect(days.every((d) => d.mode === 'range' && d.open === '22:00' && d.close === '06:00')).toBe(true)
    days[0].open = '23:00' // copies, not the same object
    expect(days[1].open).toBe('22:00')
    expect(acrossMidnight(range('22:00', '06:00'))).toBe(true)
    expect(acrossMidnight(range('08:00', '20:00'))).toBe(false)
    expect(acrossMidnight(allDay)).toBe(false)
    expect(checkDays([range('8点', '20:00'), range('08:00', '08:00'), range('24:00', '06:00'), range('08:00', '25:00'), closed, allDay, range('8:00', '24:00')])).toEqual({
      'hours.days.0.open': '周一开始时间应写作 HH:mm，如 08:00',
      'hours.days.1.close': '周二开始与结束时间相同；全天开放请选“全天 24 小时”',
      'hours.days.2.open': '周三开始时间应写作 HH:mm，如 08:00',
      'hours.days.3.close': '周四结束时间应写作 HH:mm，如 20:00（全天结束写 24:00）',
    })
  })
})

describe('station form: photos', () => {
  it('moves a photo one place (the first is the cover), never out of the list', () => {
    expect(movePhoto(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(movePhoto(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(movePhoto(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(movePhoto(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })
})

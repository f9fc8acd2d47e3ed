import { parseHours } from './import-hours'

const w = (open: string, close: string) => ({ open, close })
const WHOLE = w('00:00', '24:00')

describe('station import: 开放时间 / 开放日 as people write them', () => {
  it.each([
    ['24小时', '', { allDay: true, days: Array(7).fill(WHOLE) }],
    ['全天', '', { allDay: true, days: Array(7).fill(WHOLE) }],
    ['24小时', '工作日', { allDay: false, days: [...Array(5).fill(WHOLE), null, null] }],
    ['08:00-20:00', '', { allDay: false, days: Array(7).fill(w('08:00', '20:00')) }],
    ['8:00 – 20:00', '每天', { allDay: false, days: Array(7).fill(w('08:00', '20:00')) }],
    ['22:00至06:00', '周一至周五', { allDay: false, days: [...Array(5).fill(w('22:00', '06:00')), null, null] }],
    [
      '周一至周五 08:00-20:00；周六 09:00-17:00；周日 休息',
      '',
      { allDay: false, days: [...Array(5).fill(w('08:00', '20:00')), w('09:00', '17:00'), null] },
    ],
    // a weekday nobody names is 休息; ASCII semicolons, full-width colons, line breaks and 星期 work too
    ['星期一：08：00-12:00; 星期三 22:00-06:00\n周六 24小时', '', { allDay: false, days: [w('08:00', '12:00'), null, w('22:00', '06:00'), null, null, WHOLE, null] }],
    ['工作日 07:30-19:30；周末 全天', '', { allDay: false, days: [...Array(5).fill(w('07:30', '19:30')), WHOLE, WHOLE] }],
    ['周一至周日 00:00-24:00', '', { allDay: true, days: Array(7).fill(WHOLE) }],
    ['周一、周三、周五 10:00-16:00', '', { allDay: false, days: [w('10:00', '16:00'), null, w('10:00', '16:00'), null, w('10:00', '16:00'), null, null] }],
  ])('%j (开放日 %j) is read', (hours, days, expected) => {
    expect(parseHours(hours, days)).toEqual({ ok: true, ...expected })
  })

  it.each([
    ['', '', 'hours', '请填写开放时间'],
    ['早八晚八', '', 'hours', '开放时间“早八晚八”无法识别'],
    ['周一至周五 早上八点', '', 'hours', '开放时间“周一至周五 早上八点”无法识别'],
    ['25:00-06:00', '', 'hours', '开放时间“25:00-06:00”不是有效的时间'],
    ['08:00-08:00', '', 'hours', '开始与结束相同；全天开放请写“24小时”'],
    ['周八 08:00-20:00', '', 'hours', '开放时间中的“周八”无法识别为星期'],
    ['周五至周一 08:00-20:00', '', 'hours', '开放时间中的“周五至周一”无法识别为星期'],
    ['周一至周五 08:00-20:00；周五 09:00-12:00', '', 'hours', '开放时间中周五出现了两次（“周一至周五 08:00-20:00”和“周五 09:00-12:00”）'],
    ['周一至周五 08:00-20:00；09:00-17:00', '', 'hours', '开放时间“09:00-17:00”缺少星期'],
    ['08:00-12:00；14:00-18:00', '', 'hours', '有多段，请在每段前写明星期'],
    ['周一至周五 08:00-20:00', '每天', 'days', '开放时间已按星期分段填写，开放日一栏请留空'],
    ['08:00-20:00', '礼拜一', 'days', '开放日“礼拜一”无法识别'],
  ])('%j (开放日 %j) is refused beside %s, in Chinese', (hours, days, column, message) => {
    const r = parseHours(hours, days)
    expect(r).toMatchObject({ ok: false, column })
    expect(r.ok ? '' : r.message).toContain(message)
  })
})

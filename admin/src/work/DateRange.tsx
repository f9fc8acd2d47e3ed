/**
 * A date-range filter as two date pickers (开始日期 / 结束日期). antd's RangePicker traps the keyboard while its range
 * is empty: Tab from one of its fields closes the panel and moves focus to the other field, so a filter bar's Tab
 * order never gets past it (the 1280×800 keyboard journey, console-roster.e2e.ts). Two single pickers let Tab move on.
 * The range reaches the page only when both ends are chosen (ends in either order); clearing one clears the filter.
 */
import { useState } from 'react'
import { DatePicker, Space } from 'antd'
import type { Dayjs } from 'dayjs'

export function DateRange({ label, value, onChange }: { label: string; value: [Dayjs, Dayjs] | null; onChange: (v: [Dayjs, Dayjs] | null) => void }) {
  const [start, setStart] = useState<Dayjs | null>(value?.[0] ?? null)
  const [end, setEnd] = useState<Dayjs | null>(value?.[1] ?? null)
  const emit = (s: Dayjs | null, e: Dayjs | null) => onChange(s && e ? (s.isAfter(e, 'day') ? [e, s] : [s, e]) : null)
  return (
    <Space.Compact role="group" aria-label={label}>
      <DatePicker
        aria-label={`${label}：开始日期`}
        placeholder="开始日期"
        value={start}
        disabledDate={(d) => !!end && d.isAfter(end, 'day')}
        onChange={(d) => {
          setStart(d)
          emit(d, end)
        }}
      />
      <DatePicker
        aria-label={`${label}：结束日期`}
        placeholder="结束日期"
        value={end}
        disabledDate={(d) => !!start && d.isBefore(start, 'day')}
        onChange={(d) => {
          setEnd(d)
          emit(start, d)
        }}
      />
    </Space.Compact>
  )
}

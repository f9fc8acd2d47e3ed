/** The queues' 是否超时 filter: '1' overdue now, '0' not, undefined either (the `overdue` query of the review queues). */
import { Select } from 'antd'

export type OverdueFilter = '1' | '0' | undefined

export function OverdueSelect({ value, onChange }: { value: OverdueFilter; onChange: (v: OverdueFilter) => void }) {
  return (
    <Select aria-label="是否超时" allowClear placeholder="是否超时" style={{ width: 120 }} value={value} onChange={onChange}
      options={[{ value: '1', label: '已超时' }, { value: '0', label: '未超时' }]} />
  )
}

/**
 * The queues' 排序: oldest first or newest first by the queue's time key (the `sort` query of the keyset-paged
 * queues; changing it starts the list again from its first page). Each page names the two orders in its own words.
 */
import { Select } from 'antd'
import type { SortOrder } from '@contract/paging'

export function SortSelect({ value, onChange, oldest, newest, width = 160 }: {
  value: SortOrder
  onChange: (v: SortOrder) => void
  /** The option for `oldest`, e.g. 最早提交在前. */
  oldest: string
  /** The option for `newest`, e.g. 最新提交在前. */
  newest: string
  width?: number
}) {
  return (
    <Select aria-label="排序" style={{ width }} value={value} onChange={onChange}
      options={[{ value: 'oldest', label: oldest }, { value: 'newest', label: newest }]} />
  )
}

/**
 * A console queue's table over a cursor list (useCursorTable): the load error with 重试, the rows, and below them
 * 加载更多 or 已显示全部 n 条. The page gives its columns, empty text and any other antd Table props.
 */
import { Alert, Button, Table, Typography, type TableProps } from 'antd'
import type { CursorList } from './cursor'

type CursorTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'rowKey' | 'locale'> & {
  list: CursorList<T>
  emptyText: string
  /** what the count is of: 条 (default), 个活动 … */
  unit?: string
}

export function CursorTable<T extends { id: number | string }>({ list, emptyText, unit = '条', ...table }: CursorTableProps<T>) {
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error} action={<Button size="small" onClick={list.reload}>重试</Button>} style={{ marginBottom: 12 }} />}
      <Table<T> rowKey="id" size="middle" dataSource={list.items} loading={list.loading} pagination={false} locale={{ emptyText }} {...table} />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {list.hasMore ? (
          <Button onClick={list.more} loading={list.loading}>加载更多</Button>
        ) : (
          list.items.length > 0 && <Typography.Text type="secondary">已显示全部 {list.items.length} {unit}</Typography.Text>
        )}
      </div>
    </>
  )
}

/**
 * 移动到…: the new parent of a union, found by browsing my tree or by name. Only unions that may take this kind
 * (contract UNION_CHILD_KINDS), open, and neither the union itself nor its present parent offer 移到这里; the union's
 * own sub-unions are never browsed into, and the server refuses any cycle all the same.
 */
import { Button, Text, View } from '@tarojs/components'
import type { UnionDetail, UnionNode } from '@contract/unions/schemas'
import { UNION_CHILD_KINDS } from '@contract/unions/labels'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoadMore } from '../../../components/LoadMore'
import { browsable, useUnionBrowser } from '../browse'
import { Breadcrumb, SearchBox } from '../UnionRows'

export function MovePicker({ union, busy, onPick, onCancel }: { union: UnionDetail; busy: boolean; onPick: (to: UnionNode) => void; onCancel: () => void }) {
  const b = useUnionBrowser({ includeClosed: false })
  const { list } = b
  const fits = (to: UnionNode) => to.id !== union.id && to.id !== union.parentId && !to.closedAt && UNION_CHILD_KINDS[to.kind].includes(union.kind)
  const why = (to: UnionNode) => (to.id === union.id ? '当前工会' : to.id === union.parentId ? '现在的上级' : null)

  return (
    <View className='union-move'>
      <Text className='form-label'>把「{union.name}」（{union.kindLabel}）连同其下级工会移到：</Text>
      <SearchBox value={b.q} onChange={b.setQ} placeholder='搜索新的上级工会' />
      {b.searching ? null : <Breadcrumb trail={b.trail} onUp={b.up} />}
      {b.here && !b.searching && fits(b.here) ? (
        <Button className='btn btn-primary btn-block union-move-here' loading={busy || undefined} disabled={busy || undefined} onClick={() => b.here && onPick(b.here)}>
          移到「{b.here.name}」之下
        </Button>
      ) : null}
      {!b.fresh || list.items === null ? (
        list.error && b.fresh ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState title={b.searching ? '没有找到该工会' : '这里没有下级工会'} hint='新的上级工会须在您管理的范围内，且类型允许设立该工会' />
      ) : (
        list.items.map((u) => {
          const note = why(u)
          const into = u.id !== union.id && browsable(u)
          return (
            <View key={u.id} className='union-row union-move-row' data-id={u.id}>
              <View
                className='union-row-main'
                role={into ? 'button' : undefined}
                aria-label={into ? `${u.name}，点击查看其下级工会` : undefined}
                onClick={() => into && void b.enter(u)}
              >
                <Text className='union-row-name'>{u.name}</Text>
                <Text className='union-row-sub'>
                  {u.kindLabel}
                  {note ? ` · ${note}` : ''}
                  {b.searching && u.parentName ? ` · 上级：${u.parentName}` : ''}
                </Text>
              </View>
              {fits(u) ? (
                <View className='union-row-detail union-move-pick' role='button' aria-label={`移到这里：${u.name}之下`} onClick={() => !busy && onPick(u)}>
                  移到这里
                </View>
              ) : null}
            </View>
          )
        })
      )}
      {b.fresh ? <LoadMore list={list} /> : null}
      <Button className='btn btn-plain btn-block union-move-cancel' onClick={onCancel}>取消移动</Button>
    </View>
  )
}

/**
 * 内容审核 (admins, content.moderate over their unions): user content others would see — problem reports, team
 * names, nicknames, images — that WeChat's content security or the local word list held back. 通过 shows it (a
 * held nickname or team name applies); 不通过 keeps it hidden and tells its author. Decided items under 未通过 / 已通过.
 */
import { useEffect, useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { moderationApi } from '@contract/moderation/api'
import { MODERATION_SOURCE_LABELS, MODERATION_STATUS_LABELS } from '@contract/moderation/labels'
import type { ModerationItem } from '@contract/moderation/schemas'
import { useStores } from '../../../stores/context'
import { toast } from '../../../platform/ui'
import { useCursorList } from '../../../hooks/useCursorList'
import { Chips } from '../../../components/Chips'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { Loading } from '../../../components/Loading'
import { LoadMore } from '../../../components/LoadMore'
import { LoginRequired } from '../../../components/LoginRequired'
import { formatDateTime } from '../../../utils/date'
import { PageRoot } from '../../../components/PageRoot'
import '../moderation-staff.css'

type Filter = 'held' | 'rejected' | 'approved'
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'held', label: '待审核' },
  { value: 'rejected', label: '未通过' },
  { value: 'approved', label: '已通过' },
]
const EMPTY: Record<Filter, string> = {
  held: '会员发布的内容被微信内容安全或敏感词拦下时，会出现在这里',
  rejected: '没有未通过的内容',
  approved: '没有已通过的内容',
}

function ItemsPage() {
  const root = useStores()
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='工会管理员登录后可审核会员发布的内容' />
  return <Items />
}

const Items = observer(function Items() {
  const root = useStores()
  const [filter, setFilter] = useState<Filter>('held')
  const list = useCursorList((cursor) => root.api.send(moderationApi.list, { query: { cursor, status: filter } }))
  useEffect(() => void list.refresh(), [filter]) // eslint-disable-line react-hooks/exhaustive-deps
  useDidShow(() => void list.refresh())
  useReachBottom(() => void list.loadMore())
  return (
    <PageRoot className='page moderation-items'>
      <Chips<Filter> label='筛选' options={FILTERS} value={filter} onChange={setFilter} />
      <View className='card'>
        {list.items === null ? (
          list.error ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : <Loading />
        ) : list.items.length === 0 ? (
          <EmptyState title={filter === 'held' ? '暂无待审核内容' : '暂无记录'} hint={EMPTY[filter]} />
        ) : (
          list.items.map((item) => <ItemRow key={item.id} item={item} onDecided={() => void list.refresh()} />)
        )}
        <LoadMore list={list} />
      </View>
    </PageRoot>
  )
})

function ItemRow({ item, onDecided }: { item: ModerationItem; onDecided: () => void }) {
  const root = useStores()
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null)
  const [error, setError] = useState<unknown>(null)
  const decide = async (how: 'approve' | 'reject') => {
    setBusy(how)
    setError(null)
    try {
      if (how === 'approve') await root.api.send(moderationApi.approve, { params: { id: item.id } })
      else await root.api.send(moderationApi.reject, { params: { id: item.id }, body: {} })
      toast(how === 'approve' ? '已通过' : '已设为不通过', 'success')
      onDecided()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(null)
    }
  }
  const why = item.source === 'wordlist' ? `${MODERATION_SOURCE_LABELS.wordlist}：${item.label ?? ''}` : MODERATION_SOURCE_LABELS.wechat
  return (
    <View className='moderation-item' aria-label={`${item.kindLabel}：${item.ownerName}`}>
      <View className='moderation-item-head'>
        <Text className='moderation-kind'>{item.kindLabel}</Text>
        <Text className='moderation-status'>{MODERATION_STATUS_LABELS[item.status]}</Text>
      </View>
      {item.text !== null ? <Text className='moderation-text'>{item.text}</Text> : null}
      {item.photo ? <Image className='moderation-photo' src={item.photo.url} mode='aspectFill' aria-label={`${item.kindLabel}图片`} nativeProps={{ alt: `${item.kindLabel}图片` }} /> : null}
      <Text className='moderation-meta'>
        {item.ownerName}
        {item.orgName ? ` · ${item.orgName}` : ''} · {formatDateTime(item.createdAt)} · {why}
      </Text>
      {item.note ? <Text className='moderation-meta'>说明：{item.note}</Text> : null}
      <ErrorMessage error={error} />
      {item.status === 'held' ? (
        <View className='moderation-actions'>
          <Button className='btn btn-primary moderation-approve' loading={busy === 'approve' || undefined} disabled={busy !== null} onClick={() => void decide('approve')}>
            通过
          </Button>
          <Button className='btn btn-ghost moderation-reject' loading={busy === 'reject' || undefined} disabled={busy !== null} onClick={() => void decide('reject')}>
            不通过
          </Button>
        </View>
      ) : null}
    </View>
  )
}

export default observer(ItemsPage)

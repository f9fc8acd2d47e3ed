import { pages } from '@contract/pages'
import { useCallback, useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { eventsApi } from '@contract/events/api'
import type { VolunteerRecord } from '@contract/events/schemas'
import { useStores } from '../../../stores/context'
import { useCursorList } from '../../../hooks/useCursorList'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { formatDateTime } from '../../../utils/date'
import { hoursText } from '../format'
import { PageRoot } from '../../../components/PageRoot'
import '../events.css'

/** 志愿服务时长: the member's total and each volunteer activity (check-in → check-out). */
function VolunteerHoursPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const [total, setTotal] = useState<{ minutes: number; activities: number } | null>(null)
  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const page = await root.api.send(eventsApi.volunteerHours, { query: { cursor } })
      setTotal({ minutes: page.totalMinutes, activities: page.activities })
      return { items: page.items.map((x) => ({ ...x, id: x.registrationId })), nextCursor: page.nextCursor }
    },
    [root],
  )
  const list = useCursorList<VolunteerRecord & { id: number }>(fetchPage)
  const { refresh, loadMore } = list
  useEffect(() => {
    if (authed) void refresh()
  }, [authed, refresh])
  useReachBottom(() => void loadMore())

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可查看您的志愿服务时长' />
  if (!list.items) return list.error ? <PageRoot className='page'><ErrorMessage error={list.error} onRetry={() => void refresh()} /></PageRoot> : <Loading />

  return (
    <PageRoot className='page volunteer-page'>
      <View className='card volunteer-summary' aria-label={`累计志愿服务 ${hoursText(total?.minutes ?? 0)}`}>
        <Text className='muted'>累计志愿服务</Text>
        <Text className='volunteer-total'>{hoursText(total?.minutes ?? 0)}</Text>
        <Text className='muted'>共 {total?.activities ?? 0} 次活动（签到至签退计时）</Text>
      </View>
      {list.items.length === 0 ? (
        <View className='card'>
          <EmptyState title='还没有志愿服务记录' hint='报名“志愿服务”类活动，到场签到、离场签退后计入时长' actionText='去看看活动' onAction={() => go(pages.events.list.path)} />
        </View>
      ) : (
        list.items.map((x) => (
          <View key={x.id} className='card volunteer-item' data-id={x.eventId} role='link' onClick={() => go(pages.events.detail.url({ id: x.eventId }))}>
            <Text className='event-item-title'>{x.title}</Text>
            <Text className='event-item-line'>{x.orgName}</Text>
            <Text className='event-item-line'>
              {formatDateTime(x.checkedInAt)} 至 {formatDateTime(x.checkedOutAt)}
            </Text>
            <Text className='tag volunteer-minutes'>{hoursText(x.minutes)}</Text>
          </View>
        ))
      )}
      {list.hasMore ? (
        <Button className='btn btn-plain btn-block' loading={list.loadingMore || undefined} onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : null}
    </PageRoot>
  )
}

export default observer(VolunteerHoursPage)

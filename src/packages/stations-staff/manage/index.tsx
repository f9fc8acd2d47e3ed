/** 驿站管理 (admins): the stations of my unions with usage figures (浏览, 打卡, 反馈, 处理用时中位数). */
import { useCallback, useEffect } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { pages } from '@contract/pages'
import { stationsApi } from '@contract/stations/api'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoadMore } from '../../../components/LoadMore'
import { useCursorList } from '../../../hooks/useCursorList'
import { liveStatusText } from '../../stations/shared'
import { PageRoot } from '../../../components/PageRoot'
import '../staff.css'

function minutesText(m: number | null): string {
  if (m === null) return '—'
  return m < 60 ? `${m} 分钟` : `${(m / 60).toFixed(1)} 小时`
}

function ManagePage() {
  const root = useStores()
  const fetchPage = useCallback((cursor: string | undefined) => root.api.send(stationsApi.manage, { query: { cursor } }), [root])
  const list = useCursorList(fetchPage)
  const { refresh, loadMore } = list
  const authed = root.session.isAuthenticated
  useEffect(() => {
    if (authed) void refresh()
  }, [authed, refresh])
  useReachBottom(() => void loadMore())
  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='工会管理员登录后可管理驿站' />
  return (
    <PageRoot className='page manage-page'>
      <Button className='btn btn-primary btn-block' onClick={() => go(pages.stationsStaff.edit.path)}>
        登记新驿站
      </Button>
      <Button className='btn btn-ghost btn-block station-import-btn' onClick={() => go(pages.stationsStaff.import.path)}>
        导入驿站名单
      </Button>
      <ErrorMessage error={list.error} onRetry={() => void refresh()} />
      {list.items === null ? (
        list.error ? null : <Loading />
      ) : list.items.length === 0 ? (
        <View className='card'>
          <EmptyState title='暂无驿站' hint='所辖工会尚未登记驿站' />
        </View>
      ) : (
        list.items.map((s) => (
          <View key={s.id} className='card kept-station' onClick={() => go(pages.stations.station.url({ id: s.id }))} role='link'>
            <Text className='kept-name'>{s.name}</Text>
            <Text className='muted'>
              {s.orgName} · {liveStatusText(s.liveStatus)} · {s.todayHours}
            </Text>
            <View className='usage'>
              <Text>浏览 {s.usage.views}</Text>
              <Text>打卡 {s.usage.checkins}</Text>
              <Text>反馈 {s.usage.reports}</Text>
              <Text>处理用时中位数 {minutesText(s.usage.medianResolveMinutes)}</Text>
            </View>
            <Button
              className='btn btn-ghost btn-small'
              onClick={(e) => {
                e.stopPropagation()
                go(pages.stationsStaff.edit.url({ id: s.id }))
              }}
            >
              编辑
            </Button>
          </View>
        ))
      )}
      <LoadMore list={list} />
    </PageRoot>
  )
}

export default observer(ManagePage)

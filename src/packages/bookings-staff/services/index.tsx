import { pages } from '@contract/pages'
import { useCallback, useEffect } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import { bookingsApi } from '@contract/bookings/api'
import { BOOKING_SERVICE_KINDS } from '@contract/bookings/labels'
import { useStores } from '../../../stores/context'
import { useCursorList } from '../../../hooks/useCursorList'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoadMore } from '../../../components/LoadMore'
import { formatDateTime } from '../../../utils/date'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'
import '../bookings-staff.css'

/** 预约服务管理: the services of the caller's subtree, closed ones too (admins publish; check-in staff open a slot). */
function StaffServicesPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const isAdmin = root.session.hasRole('admin')
  const fetchPage = useCallback((cursor: string | undefined) => root.api.send(bookingsApi.manageServices, { query: { cursor } }), [root])
  const list = useCursorList(fetchPage)
  const { refresh, loadMore } = list
  useEffect(() => {
    if (authed) void refresh()
  }, [authed, refresh])
  // Back from 发布预约服务 or a service page: the figures may have changed.
  useDidShow(() => {
    if (list.items) void refresh()
  })
  useReachBottom(() => void loadMore())

  const publish = isAdmin ? (
    <Button className='btn btn-primary btn-block new-service-btn' aria-label='发布新的预约服务' onClick={() => go(pages.bookingsStaff.create.path)}>
      发布预约服务
    </Button>
  ) : null

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录工作人员账号后可管理预约服务' />
  if (!list.items) return list.error ? <PageRoot className='page'><ErrorMessage error={list.error} onRetry={() => void refresh()} /></PageRoot> : <Loading />
  return (
    <PageRoot className='page bookings-staff-services'>
      {publish}
      <ErrorMessage error={list.error} onRetry={() => void refresh()} />
      {list.items.length === 0 ? (
        <View className='card'>
          <EmptyState
            title='还没有预约服务'
            hint={isAdmin ? '点“发布预约服务”，如法律咨询面谈、心理咨询、流动体检车' : '所在工会发布预约服务后会显示在这里'}
          />
        </View>
      ) : (
        list.items.map((s) => (
          <View
            key={s.id}
            className='card bs-card staff-service-item'
            data-id={s.id}
            role='link'
            aria-label={`${s.title}，${BOOKING_SERVICE_KINDS[s.kind]}${s.closed ? '，已停止预约' : ''}`}
            onClick={() => go(pages.bookingsStaff.service.url({ id: s.id }))}
          >
            <Text className='bs-title'>{s.title}</Text>
            <Text className='bs-line'>{s.orgName}</Text>
            <Text className='bs-line'>{s.nextSlotAt ? `下一时段 ${formatDateTime(s.nextSlotAt)}` : '暂无即将开始的时段'}</Text>
            <View className='bs-tags'>
              <Text className='tag'>{BOOKING_SERVICE_KINDS[s.kind]}</Text>
              {s.closed ? <Text className='tag service-closed'>已停止预约</Text> : <Text className='tag'>{`${s.openSlots} 个时段有余位`}</Text>}
            </View>
          </View>
        ))
      )}
      <LoadMore list={list} />
    </PageRoot>
  )
}

export default observer(StaffServicesPage)

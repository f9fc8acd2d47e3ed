import { pages } from '@contract/pages'
import { useEffect } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { APPLICATION_STATUSES, EMPLOYMENT_TYPES } from '@contract/membership/labels'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { LoginRequired } from '../../../components/LoginRequired'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { dayjs, formatDateTime } from '../../../utils/date'
import { membershipStoreOf } from '../stores'
import '../membership.css'

/** 预计 11月26日（周三）前完成 */
export function expectedText(iso: string): string {
  return `预计 ${dayjs(iso).format('M月D日（ddd）')}前完成`
}

function StatusPage() {
  const root = useStores()
  const store = membershipStoreOf(root)
  const authed = root.session.isAuthenticated

  useEffect(() => {
    if (authed) void store.load()
  }, [authed, store])
  useDidShow(() => {
    if (authed && store.loaded) void store.load()
  })

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) {
    return <LoginRequired hint='登录后可查看入会申请进度' />
  }
  if (!store.loaded) {
    return store.loadError ? (
      <View className='page'>
        <ErrorMessage error={store.loadError} onRetry={() => void store.load()} />
      </View>
    ) : (
      <Loading />
    )
  }

  const app = store.application
  const membership = store.membership
  if (!app && !membership) {
    return (
      <View className='page'>
        <View className='card'>
          <EmptyState title='您还没有提交入会申请' hint='填写几项基本信息即可申请，约 3 分钟' actionText='去申请入会' onAction={() => go(pages.membership.join.path)} />
        </View>
      </View>
    )
  }

  return (
    <View className='page status-page'>
      <ErrorMessage error={store.loadError} onRetry={() => void store.load()} />
      {app ? (
        <View className='card'>
          <View className='kv'>
            <Text className='kv-key'>审核状态</Text>
            <Text className='status-badge application-status' data-status={app.status}>
              {APPLICATION_STATUSES[app.status]}
            </Text>
          </View>
          {app.status === 'submitted' ? <Text className='expected-by muted'>{expectedText(app.expectedBy)}</Text> : null}
          <View className='kv'>
            <Text className='kv-key'>所属工会</Text>
            <Text className='kv-value'>{app.org.name}</Text>
          </View>
          <View className='kv'>
            <Text className='kv-key'>就业形态</Text>
            <Text className='kv-value'>{EMPLOYMENT_TYPES[app.employmentType]}</Text>
          </View>
        </View>
      ) : null}

      {app?.status === 'rejected' ? (
        <View className='notice reject-notice'>
          <Text className='notice-title'>未通过原因</Text>
          <Text className='reject-reason-text'>{app.rejectReason ?? '未说明'}</Text>
          <Button className='btn btn-primary btn-block resubmit-btn' onClick={() => go(pages.membership.join.path)}>
            修改后重新提交
          </Button>
        </View>
      ) : null}

      {membership ? (
        <View className='card member-summary'>
          <Text className='notice-title'>您已成为工会会员</Text>
          <View className='kv'>
            <Text className='kv-key'>会员号</Text>
            <Text className='kv-value member-no'>{membership.memberNo}</Text>
          </View>
          <Button className='btn btn-primary btn-block' onClick={() => go(pages.membership.card.path)}>
            查看电子会员卡
          </Button>
        </View>
      ) : null}

      {app && app.timeline.length > 0 ? (
        <>
          <Text className='section-title'>办理进度</Text>
          <View className='card'>
            <View className='timeline'>
              {app.timeline.map((t, i) => (
                <View key={`${t.at}-${i}`} className='timeline-item' data-kind={t.kind}>
                  <Text className='timeline-title'>{t.title}</Text>
                  <Text className='timeline-time'>{formatDateTime(t.at)}</Text>
                  {t.note ? <Text className='timeline-note'>{t.note}</Text> : null}
                </View>
              ))}
            </View>
          </View>
        </>
      ) : null}
    </View>
  )
}

export default observer(StatusPage)

import { useMemo } from 'react'
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { usePullDownRefresh, useReachBottom, stopPullDownRefresh } from '@tarojs/taro'
import { useStores } from '../../../stores/context'
import { useSignedInLoad } from '../../../hooks/useSignedInLoad'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { ResourceView } from '../../../components/ResourceView'
import { LoginRequired } from '../../../components/LoginRequired'
import { fromNow } from '../../../utils/date'
import { MessagesStore } from '../stores/MessagesStore'
import { PageRoot } from '../../../components/PageRoot'
import './index.css'

function MessagesPage() {
  const root = useStores()
  const store = useMemo(() => new MessagesStore(root.api), [root])
  const authed = root.session.isAuthenticated

  useSignedInLoad(authed, store.loaded, () => store.load())
  usePullDownRefresh(() => {
    void store.load().finally(() => stopPullDownRefresh())
  })
  useReachBottom(() => void store.loadMore())

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可查看审核进度、候补成功等消息' />
  return (
    <ResourceView
      resource={store.list}
      empty={
        <PageRoot className='page'>
          <View className='card'>
            <EmptyState title='暂无消息' hint='申请审核进度、候补成功、活动报名结果会在这里通知您' />
          </View>
        </PageRoot>
      }
    >
      {(items) => (
        <PageRoot className='page messages-page'>
          <View className='card'>
            {items.map((m) => (
              <View
                key={m.id}
                className={`message${m.readAt ? '' : ' message-unread'}`}
                role={m.link ? 'button' : undefined}
                onClick={m.link ? () => go(m.link!) : undefined}
              >
                <View className='message-head'>
                  <Text className='message-title'>{m.title}</Text>
                  <Text className='message-time muted'>{fromNow(m.createdAt)}</Text>
                </View>
                <Text className='message-body'>{m.body}</Text>
                {m.link ? <Text className='link'>查看详情</Text> : null}
              </View>
            ))}
            <ErrorMessage error={store.moreError} onRetry={() => void store.loadMore()} />
            <View className='message-more muted'>
              {store.loading ? <Text>加载中…</Text> : store.hasMore ? <Text onClick={() => void store.loadMore()}>加载更多</Text> : <Text>没有更早的消息了</Text>}
            </View>
          </View>
        </PageRoot>
      )}
    </ResourceView>
  )
}

export default observer(MessagesPage)

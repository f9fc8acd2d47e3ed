import { pages } from '@contract/pages'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { APPLICATION_KINDS } from '@contract/applications/labels'
import type { MyApplicationItem } from '@contract/applications/schemas'
import { useStores } from '../../../stores/context'
import { useSignedInLoad } from '../../../hooks/useSignedInLoad'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { Progress } from '../../../components/Progress'
import { StageChip } from '../../../components/StageChip'
import { Timeline } from '../../../components/Timeline'
import { expectedText, fromNow } from '../../../utils/date'
import { yuanText } from '../../../utils/money'
import { myApplicationsOf } from '../stores'
import { FILTERS, type MyApplicationsStore } from '../stores/MyApplicationsStore'
import { STATE_TONE, progressOf } from '../progress'
import '../applications.css'
import { focusable } from '../../../utils/a11y'
import { PageRoot } from '../../../components/PageRoot'

/**
 * Where a card leads: a relief draft → straight back into its form; other relief → its detail; joining → the
 * membership status page (its timeline lives there).
 */
export function linkOf(item: MyApplicationItem): string {
  if (item.kind === 'membership') return pages.membership.status.path
  if (item.kind === 'relief' && item.state === 'draft') return pages.relief.apply.url({ id: item.id })
  return item.link
}

const ApplicationCard = observer(function ApplicationCard({ item, store }: { item: MyApplicationItem; store: MyApplicationsStore }) {
  const key = `${item.kind}-${item.id}`
  const open = store.expanded === key
  const p = progressOf(item)
  const expected = expectedText(item.expectedBy)
  return (
    <View className={`card app-card app-${key}`} data-state={item.state} data-kind={item.kind}>
      <View className='app-head' onClick={() => go(linkOf(item))}>
        <View className='app-title'>
          <Text className='app-kind'>{APPLICATION_KINDS[item.kind]}</Text>
          <Text>{item.title}</Text>
        </View>
        <StageChip tone={STATE_TONE[item.state]} label={item.stageLabel} className='app-stage' />
      </View>
      <Progress steps={p.steps} current={p.current} ended={p.ended} />
      {item.state === 'action_required' ? <Text className='app-line app-todo'>需要您处理：请补充后重新提交</Text> : null}
      {expected ? <Text className='app-line app-expected'>{expected}</Text> : null}
      {item.lastDecisionReason ? <Text className='app-reason'>{item.lastDecisionReason}</Text> : null}
      {item.amount !== null ? (
        <Text className='app-line'>
          {item.state === 'completed' ? '已发放 ' : '金额 '}
          <Text className='app-amount'>{yuanText(item.amount)}</Text>
        </Text>
      ) : null}
      <View className='app-foot'>
        {item.timeline.length > 0 ? (
          <Text className='app-toggle' onClick={() => store.toggle(key)}>
            {open ? '收起进度' : `办理进度（${item.timeline.length}）`}
          </Text>
        ) : (
          <Text className='muted'>尚未提交</Text>
        )}
        <Text className='muted'>{fromNow(Math.min(Date.parse(item.updatedAt), Date.now()))}更新</Text>
        <Text className='app-open' onClick={() => go(linkOf(item))}>
          {item.state === 'draft' ? '继续填写 ›' : item.state === 'action_required' ? '去处理 ›' : '详情 ›'}
        </Text>
      </View>
      {open ? (
        <View className='app-timeline'>
          {item.timeline.length > 0 ? <Timeline items={item.timeline} newestFirst /> : <Text className='muted'>尚未提交</Text>}
        </View>
      ) : null}
    </View>
  )
})

function ApplicationsPage() {
  const root = useStores()
  const store = myApplicationsOf(root)
  const authed = root.session.isAuthenticated

  useSignedInLoad(authed, store.loaded, () => store.load())

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可查看入会、帮扶救助等所有申请的进度' />
  if (!store.loaded) {
    return store.error ? (
      <PageRoot className='page'>
        <ErrorMessage error={store.error} onRetry={() => void store.load()} />
      </PageRoot>
    ) : (
      <Loading />
    )
  }

  if (store.items.length === 0) {
    return (
      <PageRoot className='page my-applications-page'>
        <View className='card'>
          <EmptyState title='您还没有提交过申请' hint='入会、帮扶救助等申请提交后，进度都会显示在这里' actionText='申请帮扶救助' onAction={() => go(pages.relief.types.path)} />
        </View>
        {!root.session.isMember ? (
          <Button className='btn btn-ghost btn-block' onClick={() => go(pages.membership.join.path)}>
            申请入会
          </Button>
        ) : null}
      </PageRoot>
    )
  }

  return (
    <PageRoot className='page my-applications-page'>
      {store.fromCache ? <ErrorMessage error='网络不给力，显示的是上次加载的进度' onRetry={() => void store.load()} /> : null}
      {store.error && !store.fromCache ? <ErrorMessage error={store.error} onRetry={() => void store.load()} /> : null}
      <View className='card apps-summary'>
        {FILTERS.slice(1).map((f) => (
          <View key={f.key} className={`apps-summary-item summary-${f.key}`} onClick={() => store.setFilter(f.key)}>
            <Text className='apps-summary-num'>{store.count(f.key)}</Text>
            <Text className='apps-summary-label'>{f.label}</Text>
          </View>
        ))}
      </View>
      <View className='tabs' role='group' ariaLabel='申请分类' {...focusable}>
        {FILTERS.map((f) => (
          <Text key={f.key} className={`tab filter-${f.key}`} data-active={store.filter === f.key ? 'true' : 'false'} onClick={() => store.setFilter(f.key)}>
            {f.label}
          </Text>
        ))}
      </View>
      {store.visible.length === 0 ? (
        <View className='card'>
          <EmptyState title='这里没有申请' hint='换个分类看看' actionText='查看全部' onAction={() => store.setFilter('all')} />
        </View>
      ) : (
        store.visible.map((item) => <ApplicationCard key={`${item.kind}-${item.id}`} item={item} store={store} />)
      )}
      <View className='list-row link' onClick={() => go(pages.relief.types.path)}>
        <Text>申请帮扶救助</Text>
        <Text className='arrow'>›</Text>
      </View>
    </PageRoot>
  )
}

export default observer(ApplicationsPage)

import { pages } from '@contract/pages'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { APPLICATION_STATUSES, EMPLOYMENT_TYPES } from '@contract/membership/labels'
import type { MyMembership } from '@contract/membership/schemas'
import { useStores } from '../../../stores/context'
import { useSignedInLoad } from '../../../hooks/useSignedInLoad'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { LoginRequired } from '../../../components/LoginRequired'
import { ResourceView } from '../../../components/ResourceView'
import { Row } from '../../../components/Row'
import { Timeline } from '../../../components/Timeline'
import { dayjs } from '../../../utils/date'
import { membershipStoreOf } from '../stores'
import { PageRoot } from '../../../components/PageRoot'
import '../membership.css'

/** 预计 11月26日（周三）前完成 */
export function expectedText(iso: string): string {
  return `预计 ${dayjs(iso).format('M月D日（ddd）')}前完成`
}

function StatusPage() {
  const root = useStores()
  const store = membershipStoreOf(root)
  const authed = root.session.isAuthenticated

  useSignedInLoad(authed, store.loaded, () => store.load())

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) {
    return <LoginRequired hint='登录后可查看入会申请进度' />
  }
  return <ResourceView resource={store.mine}>{(mine) => <Progress mine={mine} />}</ResourceView>
}

/** The application's state, why it was refused, the membership once approved, and every step so far. */
function Progress({ mine }: { mine: MyMembership }) {
  const app = mine.application
  const membership = mine.membership
  if (!app && !membership) {
    return (
      <PageRoot className='page'>
        <View className='card'>
          <EmptyState title='您还没有提交入会申请' hint='填写几项基本信息即可申请，约 3 分钟' actionText='去申请入会' onAction={() => go(pages.membership.join.path)} />
        </View>
      </PageRoot>
    )
  }

  return (
    <PageRoot className='page status-page'>
      {app ? (
        <View className='card'>
          <View className='kv'>
            <Text className='kv-key'>审核状态</Text>
            <Text className='status-badge application-status' data-status={app.status}>
              {APPLICATION_STATUSES[app.status]}
            </Text>
          </View>
          {app.status === 'submitted' ? <Text className='expected-by muted'>{expectedText(app.expectedBy)}</Text> : null}
          <Row k='所属工会' v={app.org.name} />
          <Row k='就业形态' v={EMPLOYMENT_TYPES[app.employmentType]} />
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
          <Row k='会员号' v={membership.memberNo} className='member-no' />
          <Button className='btn btn-primary btn-block' onClick={() => go(pages.membership.card.path)}>
            查看电子会员卡
          </Button>
        </View>
      ) : null}

      {app && app.timeline.length > 0 ? (
        <>
          <Text className='section-title'>办理进度</Text>
          <View className='card'>
            <Timeline items={app.timeline} />
          </View>
        </>
      ) : null}
    </PageRoot>
  )
}

export default observer(StatusPage)

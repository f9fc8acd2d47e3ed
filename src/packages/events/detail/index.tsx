import { pages } from '@contract/pages'
import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { eventsApi } from '@contract/events/api'
import { APPROVAL_MODES, ENTRY_MODES, INDUSTRIES } from '@contract/events/labels'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import type { MemberEvent } from '@contract/events/schemas'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ResourceView } from '../../../components/ResourceView'
import { useResource } from '../../../hooks/useResource'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { Row } from '../../../components/Row'
import { KindTag, PhaseTag, StatusBadge } from '../components/bits'
import { countdownText, deadlineText, eventDateTime, eventSpan } from '../format'
import { PageRoot } from '../../../components/PageRoot'
import '../events.css'

/** Who may register, in one line. */
function eligibility(e: MemberEvent): string {
  const parts = [`${e.orgName}及下属工会会员`]
  if (e.eligibleEmploymentTypes) parts.push(`限${e.eligibleEmploymentTypes.map((t) => EMPLOYMENT_TYPES[t]).join('、')}`)
  if (e.eligibleIndustries) parts.push(`面向${e.eligibleIndustries.map((i) => INDUSTRIES[i]).join('、')}`)
  return parts.join('，')
}

function EventDetailPage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录后可查看活动详情并报名' />
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少活动编号，请从活动列表进入' /></PageRoot>
  return <EventDetail id={id} />
}

/** Loaded when shown and again on coming back (from the form or a cancellation: counts and my registration changed). */
const EventDetail = observer(function EventDetail({ id }: { id: number }) {
  const root = useStores()
  const resource = useResource(() => root.api.send(eventsApi.detail, { params: { id } }), [root, id])
  return <ResourceView resource={resource}>{(res) => <EventDetailView event={res.event} serverTime={res.serverTime} />}</ResourceView>
})

function EventDetailView({ event, serverTime }: { event: MemberEvent; serverTime: string }) {
  const e = event
  const now = serverTime
  const mine = e.myRegistration && e.myRegistration.status !== 'cancelled' && e.myRegistration.status !== 'rejected' ? e.myRegistration : null
  const hint = e.registerHint

  return (
    <PageRoot className='page event-detail-page'>
      <View className='card'>
        <Text className='event-title'>{e.title}</Text>
        <View className='event-item-tags'>
          <KindTag kind={e.kind} />
          <PhaseTag phase={e.phase} />
          {e.approvalMode === 'manual' ? <Text className='tag'>需审核</Text> : null}
          {e.entryMode === 'team' ? <Text className='tag'>团队报名</Text> : null}
        </View>
        <Row k='时间' v={eventSpan(e.startsAt, e.endsAt, now)} className='detail-when' />
        <Row k={e.phase === 'ongoing' || e.phase === 'ended' ? '进度' : '距开始'} v={countdownText(e.startsAt, e.endsAt, now)} className='detail-countdown' />
        <Row k='地点' v={`${e.place.name}（${e.place.address}）`} />
        <Row k='主办' v={e.orgName} />
        <Row k='报名对象' v={eligibility(e)} />
        <Row
          k='名额'
          v={e.placesLeft > 0 ? `${e.capacity}${e.entryMode === 'team' ? ' 队' : ' 人'}，余 ${e.placesLeft}` : `${e.capacity}，已满（候补 ${e.counts.waitlisted}）`}
          className='detail-seats'
        />
        <Row k='报名方式' v={e.entryMode === 'team' ? `${ENTRY_MODES.team}（每队 ${e.teamMinSize}–${e.teamMaxSize} 人）` : ENTRY_MODES.individual} />
        <Row k='审核' v={APPROVAL_MODES[e.approvalMode]} />
        <Row k='报名时间' v={`${eventDateTime(e.registrationOpensAt, now)} 起`} />
        <Row k='报名截止' v={deadlineText(e.registrationClosesAt, now)} />
        <Row k='取消报名' v={`${eventDateTime(e.cancelUntil, now)} 前可取消`} />
        {e.description ? <Text className='event-desc'>{e.description}</Text> : null}
      </View>

      {e.approvalMode === 'manual' && !mine ? (
        <View className='notice approval-notice'>
          <Text className='notice-title'>本活动需主办方审核</Text>
          <Text>提交报名后请留意审核结果，通过后会在站内消息通知您，并生成签到二维码。</Text>
        </View>
      ) : null}

      <View className='bottom-bar'>
        {mine ? (
          <View className='card my-reg-card' onClick={() => go(pages.events.registration.url({ id: mine.id }))}>
            <View className='status-line'>
              <Text>我的报名</Text>
              <StatusBadge status={mine.status} position={mine.waitlistPosition} />
            </View>
            <Button className='btn btn-primary btn-block view-reg-btn'>查看报名与签到码</Button>
          </View>
        ) : e.myTeam ? (
          <View className='card my-team-card' onClick={() => go(pages.events.team.url({ id: e.myTeam!.registrationId }))}>
            <View className='status-line'>
              <Text>我的队伍「{e.myTeam.name}」</Text>
              {e.myTeam.complete ? <StatusBadge status={e.myTeam.status} /> : <Text className='reg-status' data-status='forming'>组队中</Text>}
            </View>
            <Button className='btn btn-primary btn-block view-team-btn'>查看我的队伍</Button>
          </View>
        ) : hint.allowed ? (
          <Button className='btn btn-primary btn-block register-btn' onClick={() => go(pages.events.register.url({ id: e.id }))}>
            {hint.waitlist ? '名额已满，加入候补' : e.approvalMode === 'manual' ? '报名（需审核）' : '立即报名'}
          </Button>
        ) : (
          <View className='card register-closed'>
            <Text className='muted register-reason'>{hint.reason ?? '当前不可报名'}</Text>
          </View>
        )}
        {e.entryMode === 'team' && !mine && !e.myTeam ? (
          <Button className='btn btn-plain btn-block join-by-code-btn' onClick={() => go(pages.events.invite.path)}>
            收到队长的邀请？输入邀请码加入队伍
          </Button>
        ) : null}
      </View>
    </PageRoot>
  )
}

export default observer(EventDetailPage)

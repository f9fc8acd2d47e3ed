import { pages } from '@contract/pages'
import { useEffect, useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro'
import { teamShortfallText } from '@contract/events/labels'
import type { TeamView } from '@contract/events/schemas'
import { useStores } from '../../../stores/context'
import { share } from '../../../platform/share'
import { go, replaceWith, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ResourceView } from '../../../components/ResourceView'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { EmptyState } from '../../../components/EmptyState'
import { formatDateTime } from '../../../utils/date'
import { Row } from '../../../components/Row'
import { KindTag, StatusBadge } from '../components/bits'
import { eventSpan } from '../format'
import { qrDataUrl } from '../../../utils/qr'
import { TeamStore } from '../stores/TeamStore'
import '../events.css'
import { QrImage } from '../../../components/QrImage'
import { PageRoot } from '../../../components/PageRoot'

/** While the team is forming, look again now and then (someone may have accepted). */
const POLL_MS = 15_000

function shareCard(view: TeamView | null, code: string | undefined) {
  const title = view ? `邀请您加入「${view.team.name}」，一起参加「${view.event.title}」` : '邀请您加入队伍'
  return { title, path: code ? pages.events.invite.url({ code: code }) : pages.events.list.path }
}

function TeamPage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  const authed = root.session.isAuthenticated
  const [store] = useState(() => new TeamStore(root.api, id))
  const view = store.view

  useEffect(() => {
    if (!authed || !(id > 0)) return undefined
    void store.load()
    const t = setInterval(() => {
      if (store.view?.open && !store.view.team.complete) void store.load()
    }, POLL_MS)
    return () => clearInterval(t)
  }, [authed, id, store])
  useDidShow(() => {
    if (authed && store.view) void store.load()
  })

  // weapp: 分享给队友 (a share button carrying data-code) or the menu's 转发 send the newest invitation.
  useShareAppMessage((res) => {
    const dataset = (res.target as { dataset?: { code?: string } } | undefined)?.dataset
    return shareCard(store.view, dataset?.code ?? store.latestInvite?.code)
  })

  const latest = store.latestInvite
  const qr = useMemo(() => (latest ? qrDataUrl(pages.events.invite.url({ code: latest.code }), 5) : null), [latest])

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后查看您的队伍' />
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少队伍编号，请从活动页进入' /></PageRoot>
  if (!view && store.gone) {
    return (
      <PageRoot className='page'>
        <View className='card'>
          <EmptyState title='您已不在该队伍中' hint='可能已退出或被队长移出队伍' actionText='返回活动列表' onAction={() => replaceWith(pages.events.list.path)} />
        </View>
      </PageRoot>
    )
  }
  return <ResourceView resource={store.resource}>{(v) => <TeamContent store={store} v={v} qr={qr} />}</ResourceView>
}

const TeamContent = observer(function TeamContent({ store, v, qr }: { store: TeamStore; v: TeamView; qr: string | null }) {
  const latest = store.latestInvite
  const now = v.serverTime
  const captain = v.role === 'captain'
  const shortfall = teamShortfallText(v.team)

  const copy = async (code: string) => {
    const ok = await share.copy(code)
    toast(ok ? '邀请码已复制，发给队友即可' : `请长按选择邀请码 ${code} 复制`)
  }
  const invite = async () => {
    if (await store.invite()) toast('已生成新的邀请', 'success')
  }
  const withdraw = async (inviteId: number, code: string) => {
    const ok = await Taro.showModal({ title: '撤回邀请', content: `撤回后邀请码 ${code} 将失效。`, confirmText: '撤回', cancelText: '保留' })
    if (ok.confirm && (await store.withdraw(inviteId))) toast('已撤回')
  }
  const remove = async (memberId: number, name: string) => {
    const ok = await Taro.showModal({ title: '移出队员', content: `确定将 ${name} 移出队伍吗？对方会收到通知。`, confirmText: '移出', cancelText: '取消' })
    if (ok.confirm && (await store.remove(memberId))) toast('已移出')
  }
  const leave = async () => {
    const ok = await Taro.showModal({ title: '退出队伍', content: '确定退出该队伍吗？队长会收到通知。', confirmText: '退出', cancelText: '再想想' })
    if (ok.confirm && (await store.leave())) toast('已退出队伍')
  }

  if (store.gone) {
    return (
      <PageRoot className='page'>
        <View className='card'>
          <EmptyState title='已退出队伍' hint={`您已退出「${v.team.name}」`} actionText='返回活动' onAction={() => replaceWith(pages.events.detail.url({ id: v.eventId }))} />
        </View>
      </PageRoot>
    )
  }

  return (
    <PageRoot className='page team-page'>
      <View className='card'>
        <Text className='event-title' onClick={() => go(pages.events.detail.url({ id: v.eventId }))}>
          {v.event.title}
        </Text>
        <View className='status-line'>
          <KindTag kind={v.event.kind} />
          {shortfall && v.status === 'pending' ? (
            <Text className='reg-status team-status' data-status='forming'>
              {shortfall}
            </Text>
          ) : (
            <StatusBadge status={v.status} position={v.waitlistPosition} />
          )}
        </View>
        <Row k='队名' v={v.team.name} className='team-name' />
        <Row k='人数' v={`${v.team.size} 人（每队 ${v.team.minSize}–${v.team.maxSize} 人）`} className='team-size' />
        <Row k='时间' v={eventSpan(v.event.startsAt, v.event.endsAt, now)} />
        <Row k='组队截止' v={formatDateTime(v.closesAt)} />
      </View>

      <View className={`notice team-notice ${v.team.complete ? '' : 'waitlist-notice'}`}>
        <Text className='team-notice-text'>{v.notice}</Text>
      </View>

      <View className='card team-members'>
        <Text className='section-title'>队员（{v.team.size}）</Text>
        {v.team.members.map((m) => (
          <View key={m.id} className='kv team-member' data-captain={m.captain ? 'true' : 'false'}>
            <Text className='team-member-name'>
              {m.name}
              {m.captain ? '（队长）' : ''}
              {m.me ? '（我）' : ''}
            </Text>
            {captain && !m.captain && v.open ? (
              <Text className='file-remove remove-member' onClick={() => void remove(m.id, m.name)}>
                移出
              </Text>
            ) : (
              <Text className='muted'>{formatDateTime(m.joinedAt)} 加入</Text>
            )}
          </View>
        ))}
      </View>

      {captain && latest && v.open ? (
        <View className='card qr-box invite-box'>
          <Text className='section-title'>邀请队友</Text>
          <Text className='muted'>把邀请发给队友，对方打开并确认后才会加入。每个邀请只能用一次。</Text>
          <Text className='invite-code' userSelect selectable>
            {latest.code}
          </Text>
          {qr ? <QrImage className='invite-qr' src={qr} label={`组队邀请二维码，邀请码：${latest.code}`} /> : null}
          <Text className='muted'>队友在「活动报名 → 输入邀请码」中输入，{formatDateTime(latest.expiresAt)} 前有效</Text>
          <View className='actions-row'>
            {share.canShareToChat ? (
              <Button className='btn btn-primary btn-small share-invite-btn' openType='share' data-code={latest.code}>
                分享给队友
              </Button>
            ) : null}
            <Button className='btn btn-ghost btn-small copy-invite-btn' onClick={() => void copy(latest.code)}>
              复制邀请码
            </Button>
          </View>
        </View>
      ) : null}

      {captain && v.invites.length > 0 ? (
        <View className='card pending-invites'>
          <Text className='section-title'>待接受的邀请（{v.invites.length}）</Text>
          {v.invites.map((i) => (
            <View key={i.id} className='kv pending-invite'>
              <Text className='pending-invite-code'>{i.code}</Text>
              {v.open ? (
                <Text className='file-remove withdraw-invite' onClick={() => void withdraw(i.id, i.code)}>
                  撤回
                </Text>
              ) : (
                <Text className='muted'>已截止</Text>
              )}
            </View>
          ))}
        </View>
      ) : null}

      <ErrorMessage error={store.actionError} />
      {captain && v.canInvite ? (
        <Button className='btn btn-plain btn-block new-invite-btn' loading={store.busy === 'invite' || undefined} disabled={store.busy !== null || undefined} onClick={() => void invite()}>
          再邀请一位队友
        </Button>
      ) : null}
      {captain ? (
        <Button className='btn btn-ghost btn-block' onClick={() => go(pages.events.registration.url({ id: v.registrationId }))}>
          查看报名与签到码
        </Button>
      ) : v.open ? (
        <Button className='btn btn-plain btn-block leave-team-btn' loading={store.busy === 'leave' || undefined} disabled={store.busy !== null || undefined} onClick={() => void leave()}>
          退出队伍
        </Button>
      ) : null}
    </PageRoot>
  )
})

export default observer(TeamPage)

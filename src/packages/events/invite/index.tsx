import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { INVITE_CODE_LENGTH } from '@contract/events/labels'
import { useStores } from '../../../stores/context'
import { scan } from '../../../platform/scan'
import { go, replaceWith, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { LoginRequired } from '../../../components/LoginRequired'
import { formatDateTime } from '../../../utils/date'
import { Row } from '../../../components/Row'
import { KindTag } from '../components/bits'
import { eventSpan } from '../format'
import { codeFromScan, InviteStore } from '../stores/InviteStore'
import { PageRoot } from '../../../components/PageRoot'
import '../events.css'

function InvitePage() {
  const root = useStores()
  const linked = useRouter().params.code
  const authed = root.session.isAuthenticated
  const [store] = useState(() => new InviteStore(root.api))

  useEffect(() => {
    if (authed && linked) void store.open(decodeURIComponent(linked))
  }, [authed, linked, store])

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后查看组队邀请' />

  const p = store.preview
  const accept = async () => {
    const team = await store.accept()
    if (!team) return
    toast('已加入队伍', 'success')
    replaceWith(pages.events.team.url({ id: team.registrationId }))
  }
  const scanCode = async () => {
    const r = await scan.scan()
    if (!r.ok) return toast(r.message)
    await store.open(codeFromScan(r.code))
  }

  return (
    <PageRoot className='page invite-page'>
      {!p ? (
        <View className='card field-invite-code'>
          <Text className='form-label'>邀请码</Text>
          <Input
            className='form-input invite-code-input'
            value={store.code}
            maxlength={INVITE_CODE_LENGTH + 4}
            placeholder={`队长发给您的 ${INVITE_CODE_LENGTH} 位邀请码`}
            onInput={(e) => store.setCode(e.detail.value)}
          />
          <FieldError message={store.codeError} />
          <Button className='btn btn-primary btn-block open-invite-btn' loading={store.loading || undefined} disabled={store.loading || undefined} onClick={() => void store.open()}>
            查看邀请
          </Button>
          {scan.supported ? (
            <Button className='btn btn-ghost btn-block' onClick={() => void scanCode()}>
              扫描队长的邀请二维码
            </Button>
          ) : null}
          <ErrorMessage error={store.loadError} />
        </View>
      ) : (
        <View>
          <View className='card invite-preview'>
            <Text className='muted'>队长 {p.team.captain} 邀请您加入</Text>
            <Text className='event-title invite-team-name'>「{p.team.name}」</Text>
            <Row k='活动' v={p.event.title} className='invite-event-title' />
            <View className='status-line'>
              <KindTag kind={p.event.kind} />
            </View>
            <Row k='时间' v={eventSpan(p.event.startsAt, p.event.endsAt, root.now())} />
            <Row k='地点' v={`${p.event.place.name}（${p.event.place.address}）`} />
            <Row k='主办' v={p.event.orgName} />
            <Row k='队伍人数' v={`现有 ${p.team.size} 人，每队 ${p.team.minSize}–${p.team.maxSize} 人`} className='invite-team-size' />
            <Row k='邀请有效期至' v={formatDateTime(p.expiresAt)} />
          </View>
          {p.myTeamRegistrationId ? (
            <View className='card'>
              <Text className='notice-title'>您已在该队伍中</Text>
              <Button className='btn btn-primary btn-block' onClick={() => replaceWith(pages.events.team.url({ id: p.myTeamRegistrationId! }))}>
                查看我的队伍
              </Button>
            </View>
          ) : p.canAccept ? (
            <View>
              <Text className='draft-hint'>接受后您将出现在队伍名单中，队长和主办方可以看到您的姓名。</Text>
              <ErrorMessage error={store.acceptError} />
              <Button className='btn btn-primary btn-block accept-invite-btn' loading={store.accepting || undefined} disabled={store.accepting || undefined} onClick={() => void accept()}>
                接受邀请，加入队伍
              </Button>
            </View>
          ) : (
            <View className='notice reject-notice invite-refused'>
              <Text className='notice-title'>不能加入</Text>
              <Text className='invite-reason'>{p.reason ?? '该邀请已失效'}</Text>
              <ErrorMessage error={store.acceptError} />
            </View>
          )}
          <Button className='btn btn-ghost btn-block' onClick={() => go(pages.events.detail.url({ id: p.event.id }))}>
            查看活动详情
          </Button>
        </View>
      )}
    </PageRoot>
  )
}

export default observer(InvitePage)

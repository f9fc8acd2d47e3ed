import { pages } from '@contract/pages'
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Image, Text, View } from '@tarojs/components'
import { notificationsApi } from '@contract/notifications/api'
import { eventsApi } from '@contract/events/api'
import { useStores } from '../../stores/context'
import { careModeClass } from '../../utils/a11y'
import { useResource } from '../../hooks/useResource'
import { media } from '../../platform/media'
import { go, restartAtLogin, toast, toLogin } from '../../platform/ui'
import { Loading } from '../../components/Loading'
import { EmptyState } from '../../components/EmptyState'
import { ErrorMessage } from '../../components/ErrorMessage'
import NicknameField from './NicknameField'
import CareModeSwitch from '../../components/CareModeSwitch'
import { PrivacyPopup } from '../../components/PrivacyPopup'
import './index.css'

function MinePage() {
  const root = useStores()
  const { session } = root
  const me = session.me
  const [avatarBusy, setAvatarBusy] = useState(false)
  const [avatarError, setAvatarError] = useState<unknown>(null)
  const [loggingOut, setLoggingOut] = useState(false)

  // The 消息 badge: refreshed whenever 我的 is shown; a failure just leaves the last count.
  const authed = session.isAuthenticated
  const unreadCount = useResource(() => (authed ? root.api.send(notificationsApi.unreadCount) : Promise.resolve({ unread: 0 })), [authed, root])
  const unread = unreadCount.data?.unread ?? 0
  // 志愿服务: the member's total hours (the list is on the volunteer page).
  const volunteer = useResource(
    () => (authed && session.isMember ? root.api.send(eventsApi.volunteerHours, { query: { limit: 1 } }) : Promise.resolve({ totalMinutes: 0 })),
    [authed, session.isMember, root],
  )
  const volunteerMinutes = volunteer.data?.totalMinutes ?? 0
  const volunteerText = volunteerMinutes >= 60 ? `${Math.round((volunteerMinutes / 60) * 10) / 10} 小时` : `${volunteerMinutes} 分钟`

  if (session.status === 'unknown') return <Loading />

  const isAdmin = session.hasRole('admin')
  const isReviewer = session.hasRole('reviewer') || isAdmin
  const workbench = [
    ...(isReviewer ? [{ key: 'review', name: '入会审核', url: pages.membershipStaff.review.path }] : []),
    ...(isReviewer ? [{ key: 'relief-review', name: '帮扶救助审核', url: pages.reliefStaff.review.path }] : []),
    ...(isReviewer || session.hasRole('venue_staff') ? [{ key: 'verify', name: '会员卡核验', url: pages.membershipStaff.verify.path }] : []),
    // relief.manage (admins): the aid types of the unions they manage
    ...(isAdmin ? [{ key: 'aid-types', name: '救助类型管理', url: pages.reliefStaff.types.path }] : []),
    ...(isAdmin || session.hasRole('legal_staff') ? [{ key: 'legal', name: '法律援助受理', url: pages.legalStaff.cases.path }] : []),
    ...(isAdmin ? [{ key: 'staff', name: '工作人员管理', url: pages.staffAdmin.list.path }] : []),
    ...(isAdmin ? [{ key: 'roster', name: '会员台账导入', url: pages.membershipStaff.roster.path }] : []),
    ...(isAdmin ? [{ key: 'unions', name: '工会组织管理', url: pages.unionsAdmin.tree.path }] : []),
    // content.moderate (admins): user content held by content security in their unions
    ...(isAdmin ? [{ key: 'moderation', name: '内容审核', url: pages.moderationStaff.items.path }] : []),
    ...(isAdmin ? [{ key: 'merchants', name: '商户管理', url: pages.membershipStaff.merchants.path }] : []),
    ...(isAdmin || session.hasRole('venue_staff') ? [{ key: 'redeem', name: '券核销', url: pages.vouchersStaff.redeem.path }] : []),
    ...(isAdmin ? [{ key: 'campaigns', name: '福利活动管理', url: pages.vouchersStaff.campaigns.path }] : []),
    ...(isAdmin || session.hasRole('venue_staff') ? [{ key: 'events', name: isAdmin ? '活动管理' : '活动签到', url: pages.eventsStaff.list.path }] : []),
    ...(isAdmin || session.hasRole('station_keeper') ? [{ key: 'stations-keep', name: '驿站值守', url: pages.stationsStaff.keep.path }] : []),
    ...(isAdmin ? [{ key: 'stations-manage', name: '驿站管理', url: pages.stationsStaff.manage.path }] : []),
    // 在线预约: admins publish services and slots (services.manage); they and venue staff (events.checkin) check bookings in.
    ...(isAdmin || session.hasRole('venue_staff') ? [{ key: 'bookings', name: isAdmin ? '预约服务管理' : '预约签到', url: pages.bookingsStaff.services.path }] : []),
    // 扫码登录 the office console (any staff role; the page also holds 退出电脑登录)
    ...(me?.roles.some((g) => g.role !== 'member') ? [{ key: 'console', name: '扫一扫 · 电脑登录', url: pages.consoleLogin.confirm.path }] : []),
  ]

  if (!session.isAuthenticated || !me) {
    return (
      <View className='page mine-page'>
        <View className='card'>
          <EmptyState
            title='您还没有登录'
            hint='登录后可查看会员信息、领取福利、报名活动'
            actionText='去登录'
            onAction={toLogin}
          />
        </View>
        <View className='card'>
          <View className='list-row' onClick={() => go(pages.account.privacy.path)}>
            <Text>隐私保护指引</Text>
            <Text className='arrow'>›</Text>
          </View>
        </View>
      </View>
    )
  }

  const uploadAvatar = async (filePath: string) => {
    setAvatarBusy(true)
    setAvatarError(null)
    try {
      await session.uploadAvatar(filePath)
      toast('头像已更新', 'success')
    } catch (err) {
      setAvatarError(err)
    } finally {
      setAvatarBusy(false)
    }
  }

  const pickAvatar = async () => {
    const res = await media.pickImage()
    if (res.ok) await uploadAvatar(res.filePath)
  }

  const logout = async () => {
    setLoggingOut(true)
    await session.logout()
    setLoggingOut(false)
    restartAtLogin()
  }

  const avatar = me.avatarUrl ? (
    <Image className='avatar-img' src={me.avatarUrl} mode='aspectFill' ariaLabel='头像' nativeProps={{ alt: '头像' }} />
  ) : (
    <View className='avatar-placeholder'>{me.nickname.slice(0, 1) || '会'}</View>
  )

  return (
    <View className={careModeClass('page mine-page', session)}>
      <View className='card mine-header'>
        {media.canPickAvatar ? (
          <View className='avatar-btn' onClick={pickAvatar} ariaLabel='更换头像'>
            {avatar}
          </View>
        ) : (
          <Button
            className='avatar-btn'
            openType='chooseAvatar'
            onChooseAvatar={(e) => void uploadAvatar((e.detail as { avatarUrl: string }).avatarUrl)}
          >
            {avatar}
          </Button>
        )}
        <View className='mine-names'>
          <Text className='mine-nickname'>{me.nickname}</Text>
          <Text className='mine-avatar-hint'>{avatarBusy ? '头像上传中…' : '点击头像可更换'}</Text>
          {me.avatarNotice ? <Text className='mine-avatar-notice'>{me.avatarNotice}</Text> : null}
        </View>
      </View>
      <ErrorMessage error={avatarError} />

      <NicknameField key={me.id} />

      <CareModeSwitch />

      <Text className='section-title'>我的身份</Text>
      <View className='card'>
        {session.roleTags.length > 0 ? (
          <View className='role-tags'>
            {session.roleTags.map((t) => (
              <Text key={t.key} className='tag role-tag' data-role={t.role}>
                {t.text}
              </Text>
            ))}
          </View>
        ) : (
          <EmptyState
            title='您还不是工会会员'
            hint='入会后可领取会员福利、报名工会活动'
            actionText='申请入会'
            onAction={() => go(pages.membership.join.path)}
          />
        )}
      </View>

      <View className='card'>
        <View className='list-row mine-applications-row' onClick={() => go(pages.applications.mine.path)}>
          <Text>我的申请</Text>
          <Text className='arrow'>›</Text>
        </View>
        {session.isMember ? (
          <View className='list-row mine-card-row' onClick={() => go(pages.membership.card.path)}>
            <Text>我的会员卡</Text>
            <Text className='arrow'>›</Text>
          </View>
        ) : (
          <View className='list-row mine-join-row' onClick={() => go(pages.membership.status.path)}>
            <Text>入会申请进度</Text>
            <Text className='arrow'>›</Text>
          </View>
        )}
        <View className='list-row' onClick={() => go(pages.membership.merchants.path)}>
          <Text>工会卡优惠</Text>
          <Text className='arrow'>›</Text>
        </View>
        {session.isMember ? (
          <View className='list-row mine-vouchers-row' onClick={() => go(pages.vouchers.mine.path)}>
            <Text>我的券</Text>
            <Text className='arrow'>›</Text>
          </View>
        ) : null}
        {session.isMember ? (
          <View className='list-row mine-bookings-row' onClick={() => go(pages.bookings.mine.path)}>
            <Text>我的预约</Text>
            <Text className='arrow'>›</Text>
          </View>
        ) : null}
        {session.isMember ? (
          <View className='list-row mine-volunteer-row' aria-label={`志愿服务时长 ${volunteerText}`} onClick={() => go(pages.events.volunteer.path)}>
            <Text>志愿服务时长</Text>
            <Text className='muted mine-volunteer-hours'>{volunteerText}</Text>
            <Text className='arrow'>›</Text>
          </View>
        ) : null}
        <View
          className='list-row mine-messages-row'
          role='button'
          aria-label={unread > 0 ? `消息，${unread} 条未读消息` : '消息，没有未读消息'}
          onClick={() => go(pages.account.messages.path)}
        >
          <Text>消息</Text>
          {unread > 0 ? (
            <Text className='badge mine-unread' aria-label={`${unread} 条未读消息`}>
              {unread > 99 ? '99+' : unread}
            </Text>
          ) : null}
          <Text className='arrow'>›</Text>
        </View>
        <View className='list-row mine-message-settings-row' role='button' onClick={() => go(pages.account.messageSettings.path)}>
          <Text>消息设置</Text>
          <Text className='muted mine-row-hint'>微信通知、推广通知</Text>
          <Text className='arrow'>›</Text>
        </View>
        <View className='list-row mine-security-row' role='button' onClick={() => go(pages.account.security.path)}>
          <Text>账号与安全</Text>
          <Text className='muted mine-row-hint'>下载我的数据、退会、注销账号</Text>
          <Text className='arrow'>›</Text>
        </View>
      </View>

      {workbench.length > 0 ? (
        <>
          <Text className='section-title'>工作台</Text>
          <View className='card workbench'>
            {workbench.map((w) => (
              <View key={w.key} className={`list-row workbench-${w.key}`} onClick={() => go(w.url)}>
                <Text>{w.name}</Text>
                <Text className='arrow'>›</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}

      <View className='card'>
        <View className='list-row mine-staff-entry-row' onClick={() => go(pages.staff.invite.path)}>
          <Text>工作人员入口</Text>
          <Text className='muted mine-row-hint'>输入邀请码</Text>
          <Text className='arrow'>›</Text>
        </View>
        <View className='list-row' onClick={() => go(pages.account.privacy.path)}>
          <Text>隐私保护指引</Text>
          <Text className='arrow'>›</Text>
        </View>
      </View>

      <Button className='btn btn-ghost btn-block logout-btn' loading={loggingOut || undefined} disabled={loggingOut || undefined} onClick={logout}>
        退出登录
      </Button>

      <PrivacyPopup />
    </View>
  )
}

export default observer(MinePage)

/**
 * 我的 → 消息设置: for each kind of WeChat notice (a subscription template), whether the member wants it in WeChat and
 * how many more WeChat can still deliver (one per acceptance), with 再次订阅 asking WeChat from the tap; and 关闭 for
 * marketing-like notices. The message centre keeps every notice about the member's own affairs whatever is set here.
 * In the browser there is no WeChat notice at all: the page says so and offers no 再次订阅.
 */
import { useMemo } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import type { TemplateSetting } from '@contract/notifications/schemas'
import { pages } from '@contract/pages'
import { useStores } from '../../../stores/context'
import { useSignedInLoad } from '../../../hooks/useSignedInLoad'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ResourceView } from '../../../components/ResourceView'
import { LoginRequired } from '../../../components/LoginRequired'
import { MessageSettingsStore, type SettingKey } from '../stores/MessageSettingsStore'
import { PageRoot } from '../../../components/PageRoot'
import './index.css'

interface ToggleProps {
  on: boolean
  label: string
  busy: boolean
  onChange: (on: boolean) => void
  className?: string
}

/** A switch with a large tap target, read out as “<label>，开/关”. */
function Toggle({ on, label, busy, onChange, className }: ToggleProps) {
  return (
    <View
      className={`toggle ${on ? 'toggle-on' : ''} ${className ?? ''}`}
      role='switch'
      aria-checked={on}
      aria-label={label}
      aria-busy={busy || undefined}
      aria-disabled={busy || undefined}
      data-on={on ? 'true' : 'false'}
      onClick={() => !busy && onChange(!on)}
    >
      <View className='toggle-knob' />
    </View>
  )
}

const Note = observer(function Note({ store, at }: { store: MessageSettingsStore; at: SettingKey }) {
  const pending = store.busy.get(at)
  if (pending) {
    return (
      <View className='setting-note muted' role='status'>
        {pending}
      </View>
    )
  }
  const note = store.notes.get(at)
  if (!note) return null
  return (
    <View className={`setting-note setting-note-${note.kind}`} role={note.kind === 'error' ? 'alert' : 'status'}>
      {note.text}
    </View>
  )
})

const TemplateRow = observer(function TemplateRow({ t, store }: { t: TemplateSetting; store: MessageSettingsStore }) {
  const busy = store.busy.has(t.key)
  return (
    <View className={`setting setting-${t.key}`}>
      <View className='setting-head'>
        <View className='setting-names'>
          <Text className='setting-label'>{t.label}</Text>
          <Text className='setting-hint muted'>{t.hint}</Text>
        </View>
        {t.templateId ? <Toggle on={t.wechat} busy={busy} label={`${t.label}微信通知`} onChange={(on) => void store.setWechat(t.key, on)} /> : null}
      </View>
      {!t.templateId ? (
        <Text className='setting-state muted'>暂未开通微信通知，请在“消息”中查看</Text>
      ) : !t.wechat ? (
        <Text className='setting-state muted'>已关闭微信通知{t.credits > 0 ? `，已订阅的 ${t.credits} 次为您保留` : ''}</Text>
      ) : (
        <View className='setting-credits'>
          <Text className='setting-state' aria-label={`${t.label}还可接收 ${t.credits} 次微信通知`}>
            {t.credits > 0 ? `还可接收 ${t.credits} 次` : '暂无可接收次数'}
          </Text>
          {store.wechatSupported ? (
            <Button
              className='btn btn-ghost resubscribe-btn'
              aria-label={`再次订阅${t.label}`}
              disabled={busy || undefined}
              onClick={() => void store.resubscribe(t)}
            >
              再次订阅
            </Button>
          ) : null}
        </View>
      )}
      <Note store={store} at={t.key} />
    </View>
  )
})

function MessageSettingsPage() {
  const root = useStores()
  const store = useMemo(() => new MessageSettingsStore(root.api, root.subscriptions), [root])
  const authed = root.session.isAuthenticated
  useSignedInLoad(authed, store.settings.data !== null, () => store.load())

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可设置哪些消息通过微信通知您' />
  return (
    <ResourceView resource={store.settings}>
      {(s) => (
        <PageRoot className='page message-settings-page'>
          {store.wechatSupported ? (
            <View className='card settings-intro'>
              <Text className='p-para'>
                微信每次只允许发送一条您同意过的通知：每同意一次，可收到一次。提交申请、领券、报名时我们会请您同意，也可以在这里随时“再次订阅”。
              </Text>
            </View>
          ) : (
            <View className='card settings-intro settings-h5' role='note'>
              <Text className='p-para'>微信通知只在微信小程序中可用：网页版不会收到微信通知，所有通知都在“我的 → 消息”中查看。</Text>
            </View>
          )}

          <Text className='section-title'>微信通知</Text>
          <View className='card'>
            {s.templates.map((t) => (
              <TemplateRow key={t.key} t={t} store={store} />
            ))}
          </View>

          <Text className='section-title'>推广通知</Text>
          <View className='card'>
            <View className='setting setting-marketing'>
              <View className='setting-head'>
                <View className='setting-names'>
                  <Text className='setting-label'>新福利活动、新活动上线</Text>
                  <Text className='setting-hint muted'>
                    {s.marketing ? '开启中。关闭后不再收到此类推广通知；' : '已关闭。'}您自己的申请、券、报名和预约的消息不受影响。
                  </Text>
                </View>
                <Toggle
                  className='marketing-toggle'
                  on={s.marketing}
                  busy={store.busy.has('marketing')}
                  label='新福利活动、新活动上线的推广通知'
                  onChange={(on) => void store.setMarketing(on)}
                />
              </View>
              <Note store={store} at='marketing' />
            </View>
          </View>

          <View className='list-row settings-messages-link' role='button' onClick={() => go(pages.account.messages.path)}>
            <Text>查看消息</Text>
            <Text className='arrow'>›</Text>
          </View>
        </PageRoot>
      )}
    </ResourceView>
  )
}

export default observer(MessageSettingsPage)

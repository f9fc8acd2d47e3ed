import { AuthReasons } from '@contract/auth/reasons'
import { pages } from '@contract/pages'
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { authApi } from '@contract/auth/api'
import { useStores } from '../../stores/context'
import { useResource } from '../../hooks/useResource'
import { hasReason } from '../../api/errors'
import { privacy } from '../../platform/privacy'
import { go, leaveLogin, toast } from '../../platform/ui'
import { Loading } from '../../components/Loading'
import { ErrorMessage } from '../../components/ErrorMessage'
import { PrivacyPopup } from '../../components/PrivacyPopup'
import './index.css'

function LoginPage() {
  const { api, session } = useStores()
  // How this server lets people in (演示登录 in dev mode, with its personas).
  const options = useResource(() => api.send(authApi.options), [api])
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  const done = () => {
    toast('登录成功', 'success')
    leaveLogin()
  }

  // The platform's own WeChat login, or — on a Cloud Hosting server — the gateway's identity (H5 inside WeChat).
  const canWechat = session.loginMethod !== 'none'
  const viaGateway = !canWechat && options.data?.mode === 'cloudhosting'

  const wechatLogin = async () => {
    setError(null)
    setBusy('wechat')
    try {
      // WeChat first asks for privacy consent (our PrivacyPopup) if the user has not agreed yet.
      if (!(await privacy.requireAuthorization())) {
        setError('需要同意《隐私保护指引》后才能登录')
        return
      }
      if (canWechat) await session.login()
      else await session.gatewayLogin()
      done()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(null)
    }
  }

  const personaLogin = async (persona: string) => {
    setError(null)
    setBusy(persona)
    try {
      await session.devLogin(persona)
      done()
    } catch (err) {
      setError(err)
      // The server no longer offers 演示登录 (its mode changed since this page asked): show what it offers now.
      if (hasReason(err, AuthReasons.LOGIN_MODE_DISABLED)) void options.reload()
    } finally {
      setBusy(null)
    }
  }

  const ready = options.data

  return (
    <View className='page login-page'>
      <View className='login-hero'>
        <Text className='login-title'>工会会员服务</Text>
        <Text className='login-subtitle'>登录后可申请入会、领取福利、报名活动</Text>
      </View>

      {session.notice ? <View className='login-notice'>{session.notice}</View> : null}

      {session.isAuthenticated && session.me ? (
        <View className='card'>
          <Text>您已登录：{session.me.nickname}</Text>
          <Button className='btn btn-primary btn-block' onClick={leaveLogin}>
            返回
          </Button>
        </View>
      ) : null}

      <ErrorMessage error={error} />

      {canWechat || viaGateway ? (
        <View className='card'>
          <Button
            className='btn btn-primary btn-block wechat-login-btn'
            loading={busy === 'wechat' || undefined}
            disabled={busy !== null || undefined}
            onClick={wechatLogin}
          >
            {busy === 'wechat' ? '正在登录…' : '微信一键登录'}
          </Button>
        </View>
      ) : null}

      {options.data === null && (options.loading || options.pending) ? <Loading text='正在获取登录方式…' /> : null}

      {options.error && !options.loading ? (
        <ErrorMessage error={options.error} onRetry={() => void options.reload()} retryText='重新获取' />
      ) : null}

      {ready && ready.devLogin ? (
        <View className='dev-login'>
          <Text className='section-title'>演示登录</Text>
          <View className='muted dev-login-hint'>当前为演示环境，选择一个身份即可体验（不会收集真实信息）。</View>
          <View className='persona-list'>
            {ready.personas.map((p) => (
              // A View, not a Button: the whole card is the tap target and its texts stay clickable (e2e: `text=李晓梅`).
              // Named by its own visible text (name + description), so what a screen reader says is what is shown.
              <View
                key={p.key}
                id={`persona-${p.key}`}
                className={`persona-btn${busy !== null ? ' is-disabled' : ''}`}
                data-persona={p.key}
                ariaRole='button'
                hoverClass='persona-btn-hover'
                onClick={() => {
                  if (busy === null) void personaLogin(p.key)
                }}
              >
                <Text className='persona-name'>{p.nickname}</Text>
                <Text className='persona-desc'>{p.description}</Text>
                {busy === p.key ? <Text className='persona-busy'>正在登录…</Text> : null}
              </View>
            ))}
          </View>
        </View>
      ) : null}

      {ready && !ready.devLogin && !canWechat && !viaGateway ? (
        <View className='card h5-unsupported'>
          <Text className='state-title'>请在微信中使用</Text>
          <View className='muted'>网页版暂不支持登录。请在微信中搜索“工会会员服务”小程序，使用微信一键登录。</View>
        </View>
      ) : null}

      <View className='login-footer'>
        <Text className='muted'>登录即表示您已阅读并同意</Text>
        <Text className='link privacy-link' onClick={() => go(pages.account.privacy.path)}>
          《隐私保护指引》
        </Text>
      </View>

      <PrivacyPopup />
    </View>
  )
}

export default observer(LoginPage)

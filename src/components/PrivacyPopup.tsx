import { pages } from '@contract/pages'
import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { privacy } from '../platform/privacy'
import { go } from '../platform/ui'

/**
 * WeChat's privacy authorisation sheet. Mounted on pages that use privacy APIs (login, 我的):
 * when WeChat reports onNeedPrivacyAuthorization, this shows the guide summary and an agree button
 * (<Button openType="agreePrivacyAuthorization">). Renders nothing on H5.
 */
export function PrivacyPopup() {
  const [open, setOpen] = useState(false)
  const resolver = useRef<((r: 'agree' | 'disagree') => void) | null>(null)

  useEffect(() => {
    if (!privacy.supported) return undefined
    return privacy.onNeedAuthorization((resolve) => {
      resolver.current = resolve
      setOpen(true)
    })
  }, [])

  if (!open) return null

  const finish = (result: 'agree' | 'disagree') => {
    resolver.current?.(result)
    resolver.current = null
    setOpen(false)
  }

  return (
    <View className='sheet-mask privacy-popup' catchMove>
      <View className='sheet'>
        <Text className='sheet-title'>隐私保护提示</Text>
        <View className='sheet-body'>
          <Text>
            为了识别您的会员身份、展示个人资料和为您办理工会服务，我们需要使用您的微信登录信息、昵称与头像等。
            未经您同意，我们不会把这些信息提供给第三方。
          </Text>
          <View>
            <Text className='link' onClick={() => go(pages.account.privacy.path)}>
              查看《隐私保护指引》
            </Text>
          </View>
        </View>
        <View className='sheet-actions'>
          <Button className='btn btn-plain' onClick={() => finish('disagree')}>
            不同意
          </Button>
          <Button
            id='privacy-agree'
            className='btn btn-primary'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => finish('agree')}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}

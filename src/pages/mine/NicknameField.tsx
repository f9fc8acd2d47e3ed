import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Input, Text, View } from '@tarojs/components'
import { NICKNAME_MAX } from '@contract/auth/limits'
import { useStores } from '../../stores/context'
import { errorMessage, isApiError } from '../../api/errors'
import { toast } from '../../platform/ui'
import { FieldError } from '../../components/FieldError'

/**
 * The nickname editor (weapp: WeChat's nickname keyboard via type='nickname').
 * Mounted only once the user is known, with that nickname as its first value: Taro's H5 Input
 * throws if its value changes before it has loaded, which blanked 我的 right after login.
 * What the user typed stays in the field when saving fails; the reason shows beside it.
 */
function NicknameField() {
  const { session } = useStores()
  const saved = session.me?.nickname ?? ''
  // A nickname held for content review (内容审核): others keep seeing `saved` until staff approve it.
  const pending = session.me?.pendingNickname ?? null
  const [nickname, setNickname] = useState(saved)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const save = async (value: string) => {
    const next = value.trim()
    if (next === saved || next === pending || saving) return
    if (!next) return setError('昵称不能为空')
    if (next.length > NICKNAME_MAX) return setError(`昵称最多 ${NICKNAME_MAX} 个字`)
    setSaving(true)
    setError(null)
    try {
      await session.updateNickname(next)
      toast(session.me?.pendingNickname === next ? '昵称已提交审核' : '昵称已保存', 'success')
    } catch (err) {
      setError(isApiError(err) ? (err.field('nickname') ?? err.message) : errorMessage(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='card'>
      <View className='nickname-field'>
        <Text className='nickname-label'>昵称</Text>
        <Input
          className='nickname-input'
          type='nickname'
          value={nickname}
          maxlength={NICKNAME_MAX}
          placeholder='请输入昵称'
          confirmType='done'
          disabled={saving || undefined}
          onInput={(e) => setNickname(e.detail.value)}
          onBlur={(e) => void save(e.detail.value)}
          onConfirm={(e) => void save(e.detail.value)}
        />
        {saving ? <Text className='muted'>保存中…</Text> : null}
      </View>
      <FieldError message={error} />
      {pending ? <Text className='muted nickname-pending'>新昵称“{pending}”审核中，通过后他人可见</Text> : null}
    </View>
  )
}

export default observer(NicknameField)

import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { useStores } from '../stores/context'
import { toast } from '../platform/ui'
import { ErrorMessage } from './ErrorMessage'
import { focusable } from '../utils/a11y'

/** 关怀模式 on 我的 (issue 18): one switch; the choice is kept on the server and follows the person to any phone. */
function CareModeSwitch() {
  const { session } = useStores()
  const [error, setError] = useState<unknown>(null)
  const on = session.careMode
  const flip = async () => {
    setError(null)
    try {
      await session.setCareMode(!on)
      toast(on ? '已关闭关怀模式' : '已开启关怀模式', 'success')
    } catch (err) {
      setError(err)
    }
  }
  return (
    <View className='card care-card'>
      <View
        className='list-row care-mode-row'
        role='switch'
        aria-checked={on}
        ariaLabel={`关怀模式，大字体、高对比度、简洁首页，${on ? '已开启' : '已关闭'}`}
        {...focusable}
        data-on={on ? 'true' : 'false'}
        onClick={flip}
      >
        <View className='care-mode-text'>
          <Text className='care-mode-title'>关怀模式</Text>
          <Text className='muted care-mode-hint'>大字体、高对比度、简洁首页</Text>
        </View>
        <View className={`care-toggle${on ? ' care-toggle-on' : ''}`} aria-hidden>
          <View className='care-toggle-knob' />
        </View>
      </View>
      <ErrorMessage error={error} />
    </View>
  )
}

export default observer(CareModeSwitch)

/** 12351 职工维权热线: one tap calls it (weapp: the dialer; H5: a tel: link). */
import { Button, Text, View } from '@tarojs/components'
import { LEGAL_HOTLINE } from '@contract/legal/labels'
import { phoneCall } from '../../platform/call'
import { toast } from '../../platform/ui'

export function Hotline() {
  const call = async () => {
    const r = await phoneCall.call(LEGAL_HOTLINE)
    if (!r.ok) toast(r.message)
  }
  return (
    <View className='card hotline'>
      <View>
        <Text className='hotline-text'>全国总工会职工维权热线</Text>
        <Text className='hotline-number'>{LEGAL_HOTLINE}</Text>
      </View>
      <Button className='btn btn-primary btn-small call-btn' aria-label={`拨打职工维权热线 ${LEGAL_HOTLINE}`} onClick={() => void call()}>
        一键拨打
      </Button>
    </View>
  )
}

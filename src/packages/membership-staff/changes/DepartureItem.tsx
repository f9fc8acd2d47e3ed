/** One 退会 request in the reviewer's queue: who, since when, why; 确认退会 after a second tap (the card stops at once). */
import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { privacyApi } from '@contract/privacy/api'
import type { StaffDeparture } from '@contract/privacy/schemas'
import type { ApiClient } from '../../../api/client'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { Row } from '../../../components/Row'
import { formatDateTime } from '../../../utils/date'

export function DepartureItem({ d, api, onDone }: { d: StaffDeparture; api: ApiClient; onDone: (text: string) => void }) {
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      await api.send(privacyApi.confirmDeparture, { params: { id: d.id } })
      onDone(`已确认 ${d.name} 退会，其电子会员卡已失效`)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card departure-item' data-id={d.id}>
      <View className='kv'>
        <Text className='review-name'>{d.name}</Text>
        <Text className='tag'>会员编号 {d.memberNo}</Text>
      </View>
      <Text className='muted'>{d.orgName}</Text>
      <Row k='申请时间' v={formatDateTime(d.requestedAt)} />
      <Row k='自动生效' v={formatDateTime(d.dueAt)} />
      <Row k='退会原因' v={d.reason || '未填写'} />
      <ErrorMessage error={error} />
      {confirming ? <Text className='muted departure-warning'>确认后会籍立即终止，电子会员卡失效，会员会收到通知。</Text> : null}
      {confirming ? (
        <View className='actions-row'>
          <Button className='btn btn-ghost' disabled={busy || undefined} onClick={() => setConfirming(false)}>
            取消
          </Button>
          <Button className='btn btn-primary departure-confirm-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void confirm()}>
            确认退会
          </Button>
        </View>
      ) : (
        <View className='actions-row'>
          <Button className='btn btn-primary departure-confirm' onClick={() => setConfirming(true)}>
            确认退会…
          </Button>
        </View>
      )}
    </View>
  )
}

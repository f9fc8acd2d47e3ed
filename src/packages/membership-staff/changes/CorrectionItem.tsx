/**
 * One 更正 request in the reviewer's queue: what is on file beside what the member asks for (the full new phone: the
 * reviewer verifies it; the listing is audited), and 同意更正 / 不予更正 with a reason the member reads.
 */
import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { privacyApi } from '@contract/privacy/api'
import type { StaffCorrection } from '@contract/privacy/schemas'
import type { ApiClient } from '../../../api/client'
import { isApiError } from '../../../api/errors'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { Row } from '../../../components/Row'
import { formatDateTime } from '../../../utils/date'

export function CorrectionItem({ c, api, onDone }: { c: StaffCorrection; api: ApiClient; onDone: (text: string) => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [note, setNote] = useState('')
  const [noteError, setNoteError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null)
  const [error, setError] = useState<unknown>(null)

  const decide = async (kind: 'approve' | 'reject') => {
    setError(null)
    if (kind === 'reject' && !note.trim()) return setNoteError('请填写不予更正的原因')
    setBusy(kind)
    try {
      if (kind === 'approve') await api.send(privacyApi.approveCorrection, { params: { id: c.id } })
      else await api.send(privacyApi.rejectCorrection, { params: { id: c.id }, body: { note: note.trim() } })
      onDone(kind === 'approve' ? `已为会员 ${c.memberNo} 更正信息` : `已告知会员 ${c.memberNo} 不予更正的原因`)
    } catch (err) {
      if (isApiError(err) && err.field('note')) setNoteError(err.field('note') ?? null)
      else setError(err)
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='card correction-item' data-id={c.id}>
      <View className='kv'>
        <Text className='review-name'>{c.currentName}</Text>
        <Text className='tag'>会员编号 {c.memberNo}</Text>
      </View>
      <Text className='muted'>{c.orgName} · {formatDateTime(c.requestedAt)} 申请</Text>
      {c.newName ? <Row k='姓名' v={`${c.currentName} → ${c.newName}`} className='correction-name' /> : null}
      {c.newPhone ? <Row k='手机号' v={`${c.currentPhoneMasked ?? '未登记'} → ${c.newPhone}`} className='correction-phone' /> : null}
      <Row k='更正说明' v={c.reason || '未填写'} />
      <Text className='muted'>姓名和手机号属于实名信息，请核对会员的身份证件或单位证明后再同意。</Text>
      {rejecting ? (
        <View className='field-reason'>
          <Text className='form-label'>不予更正的原因（会员可见）</Text>
          <Textarea
            className='form-textarea correction-note'
            nativeProps={{ 'aria-label': '不予更正的原因（会员可见）' }}
            value={note}
            maxlength={200}
            placeholder='如：与身份证上的姓名不一致'
            onInput={(e) => {
              setNote(e.detail.value)
              setNoteError(null)
            }}
          />
          <FieldError message={noteError} />
        </View>
      ) : null}
      <ErrorMessage error={error} />
      <View className='actions-row'>
        {rejecting ? (
          <>
            <Button className='btn btn-ghost' disabled={busy !== null || undefined} onClick={() => setRejecting(false)}>
              取消
            </Button>
            <Button className='btn btn-primary correction-reject-confirm' loading={busy === 'reject' || undefined} disabled={busy !== null || undefined} onClick={() => void decide('reject')}>
              确认不予更正
            </Button>
          </>
        ) : (
          <>
            <Button className='btn btn-ghost correction-reject' disabled={busy !== null || undefined} onClick={() => setRejecting(true)}>
              不予更正
            </Button>
            <Button className='btn btn-success correction-approve' loading={busy === 'approve' || undefined} disabled={busy !== null || undefined} onClick={() => void decide('approve')}>
              同意更正
            </Button>
          </>
        )}
      </View>
    </View>
  )
}

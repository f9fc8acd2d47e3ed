import { Row } from '../../../components/Row'
import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { APPLICATION_STATUSES, EMPLOYMENT_TYPES } from '@contract/membership/labels'
import { membershipApi } from '@contract/membership/api'
import type { ReviewDetail } from '@contract/membership/schemas'
import { useStores } from '../../../stores/context'
import { back, toast } from '../../../platform/ui'
import { ResourceView } from '../../../components/ResourceView'
import { useResource } from '../../../hooks/useResource'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { isApiError } from '../../../api/errors'
import { formatDate, formatDateTime } from '../../../utils/date'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'


export default function ReviewDetailPage() {
  const id = Number(useRouter().params.id)
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少申请编号，请从审核列表进入' /></PageRoot>
  return <Detail id={id} />
}

function Detail({ id }: { id: number }) {
  const root = useStores()
  const detail = useResource(() => root.api.send(membershipApi.reviewDetail, { params: { id } }), [root, id])
  return <ResourceView resource={detail}>{(d) => <Review d={d} />}</ResourceView>
}

/** The application in full (ID number and phone unmasked: this view is audited), and 通过 / 不通过 while pending. */
function Review({ d }: { d: ReviewDetail }) {
  const root = useStores()
  const id = d.id
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null)
  const [actionError, setActionError] = useState<unknown>(null)

  const decide = async (kind: 'approve' | 'reject') => {
    setActionError(null)
    if (kind === 'reject') {
      const r = reason.trim()
      if (r.length < 2) return setReasonError('请填写不通过的原因')
      if (r.length > 200) return setReasonError('原因最多 200 字')
    }
    setBusy(kind)
    try {
      if (kind === 'approve') await root.api.send(membershipApi.approve, { params: { id } })
      else await root.api.send(membershipApi.reject, { params: { id }, body: { reason: reason.trim() } })
    } catch (err) {
      if (isApiError(err) && err.field('reason')) setReasonError(err.field('reason') ?? null)
      else setActionError(err)
      setBusy(null)
      return
    }
    setBusy(null)
    toast(kind === 'approve' ? '已通过' : '已退回申请人', 'success')
    back()
  }

  return (
    <PageRoot className='page review-detail-page'>
      <View className='card'>
        <Row k='状态' v={APPLICATION_STATUSES[d.status]} className='detail-status' />
        <Row k='姓名' v={d.name} className='detail-name' />
        <Row k='身份证号' v={d.idNumber} className='detail-id-number' />
        <Row k='出生日期' v={formatDate(d.birthDate)} />
        <Row k='性别' v={d.gender === 'male' ? '男' : '女'} />
        <Row k='手机号' v={d.phone} className='detail-phone' />
        <Row k='工作单位' v={d.employer ?? '无固定单位'} />
        <Row k='就业形态' v={EMPLOYMENT_TYPES[d.employmentType]} />
        <Row k='所属工会' v={d.districtFallback ? `${d.org.name}（区总工会兜底）` : d.org.name} />
        <Row k='提交时间' v={formatDateTime(d.submittedAt)} />
        {d.rejectReason ? <Row k='上次退回原因' v={d.rejectReason} /> : null}
        <Text className='muted'>身份证号仅用于入会核验，查看记录已留存备查。</Text>
      </View>

      {d.status === 'submitted' ? (
        <>
          {rejecting ? (
            <View className='card field-reason'>
              <Text className='form-label'>不通过原因（申请人可见）</Text>
              <Textarea
                className='form-textarea reject-reason'
                value={reason}
                maxlength={200}
                placeholder='如：工作单位名称不完整，请填写单位全称'
                onInput={(e) => {
                  setReason(e.detail.value)
                  setReasonError(null)
                }}
              />
              <FieldError message={reasonError} />
            </View>
          ) : null}
          <ErrorMessage error={actionError} />
          <View className='actions-row'>
            {rejecting ? (
              <>
                <Button className='btn btn-ghost' disabled={busy !== null || undefined} onClick={() => setRejecting(false)}>
                  取消
                </Button>
                <Button
                  className='btn btn-primary reject-confirm-btn'
                  loading={busy === 'reject' || undefined}
                  disabled={busy !== null || undefined}
                  onClick={() => void decide('reject')}
                >
                  确认不通过
                </Button>
              </>
            ) : (
              <>
                <Button className='btn btn-ghost reject-btn' disabled={busy !== null || undefined} onClick={() => setRejecting(true)}>
                  不通过
                </Button>
                <Button
                  className='btn btn-success approve-btn'
                  loading={busy === 'approve' || undefined}
                  disabled={busy !== null || undefined}
                  onClick={() => void decide('approve')}
                >
                  通过
                </Button>
              </>
            )}
          </View>
        </>
      ) : null}
    </PageRoot>
  )
}

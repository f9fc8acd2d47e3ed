/**
 * 工作人员邀请: the code from the link an admin shared (or the bootstrap code, or typed), what it asks — the role, the
 * union, the venues or stations, who invites, until when — and 接受. The server decides; refusals are its Chinese messages.
 */
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { staffApi } from '@contract/staff/api'
import type { Accepted, InvitationPreview } from '@contract/staff/schemas'
import { STAFF_CODE_LENGTH } from '@contract/staff/labels'
import { useStores } from '../../../stores/context'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { Row } from '../../../components/Row'
import { formatDateTime } from '../../../utils/date'
import { PageRoot } from '../../../components/PageRoot'

function StaffInvitePage() {
  const root = useStores()
  const linked = useRouter().params.code
  const authed = root.session.isAuthenticated
  const [code, setCode] = useState(linked ? decodeURIComponent(linked) : '')
  const [preview, setPreview] = useState<InvitationPreview | null>(null)
  const [accepted, setAccepted] = useState<Accepted | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  const open = (c = code) => run(async () => setPreview(await root.api.send(staffApi.preview, { body: { code: c } })))
  const accept = () =>
    run(async () => {
      setAccepted(await root.api.send(staffApi.accept, { body: { code } }))
      await root.session.refreshMe()
    })

  useEffect(() => {
    if (authed && linked) void open(decodeURIComponent(linked))
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per code and login
  }, [authed, linked])

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后查看工作人员邀请' />
  if (accepted) {
    return (
      <PageRoot className='page card staff-accepted'>
        <Text>您已成为{accepted.orgName}的{accepted.roleLabel}。</Text>
        {preview && preview.stations.length > 0 ? <View className='muted staff-accepted-stations'>值守驿站：{preview.stations.map((s) => s.name).join('、')}</View> : null}
      </PageRoot>
    )
  }
  return (
    <PageRoot className='page staff-invite-page'>
      {!preview ? (
        <View className='card'>
          <Text className='form-label'>邀请码</Text>
          <Input className='form-input staff-code-input' value={code} maxlength={STAFF_CODE_LENGTH + 6} placeholder={`${STAFF_CODE_LENGTH} 位邀请码`} onInput={(e) => setCode(e.detail.value)} />
          <Button className='btn btn-primary btn-block' disabled={busy || undefined} onClick={() => void open()}>
            查看邀请
          </Button>
        </View>
      ) : (
        <View className='card staff-invite-preview'>
          <Text className='muted'>{preview.invitedBy} 邀请您担任</Text>
          <Row k='角色' v={preview.roleLabel} className='staff-invite-role' />
          <Row k='工会' v={preview.orgName} />
          {preview.venues.length > 0 ? <Row k='场馆' v={preview.venues.map((v) => v.name).join('、')} /> : null}
          {preview.stations.length > 0 ? <Row k='驿站' v={preview.stations.map((s) => s.name).join('、')} className='staff-invite-stations' /> : null}
          <Row k='说明' v={preview.note} />
          <Row k='有效期至' v={formatDateTime(preview.expiresAt)} />
          {preview.canAccept ? (
            <Button className='btn btn-primary btn-block staff-accept-btn' disabled={busy || undefined} onClick={() => void accept()}>
              接受
            </Button>
          ) : (
            <Text className='staff-invite-reason'>{preview.reason ?? '该邀请已失效'}</Text>
          )}
        </View>
      )}
      <ErrorMessage error={error} />
    </PageRoot>
  )
}

export default observer(StaffInvitePage)

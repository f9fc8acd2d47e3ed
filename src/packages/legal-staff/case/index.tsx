/** 咨询处理: the whole case (audited on the server), take it, reply or ask for more, schedule a session, close it. */
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { legalApi } from '@contract/legal/api'
import {
  LEGAL_CONTACT_PREFS,
  LEGAL_CONTACT_TIMES,
  LEGAL_DISPUTE_KINDS,
  LEGAL_MESSAGE_MAX,
  LEGAL_OUTCOMES,
  LEGAL_SESSION_MODES,
  LEGAL_STAFF_OUTCOME_KEYS,
  type LegalSessionMode,
  type LegalStaffOutcome,
} from '@contract/legal/labels'
import type { LegalStaffCaseView } from '@contract/legal/schemas'
import { useStores } from '../../../stores/context'
import { toast } from '../../../platform/ui'
import { ApiError } from '../../../api/errors'
import { Chips } from '../../../components/Chips'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { LoginRequired } from '../../../components/LoginRequired'
import { ResourceView } from '../../../components/ResourceView'
import { StageChip } from '../../../components/StageChip'
import { useResource } from '../../../hooks/useResource'
import { formatDateTime } from '../../../utils/date'
import { Attachments, STAFF_STATUS_LABELS, STATUS_TONE, Thread } from '../../legal/shared'
import { PageRoot } from '../../../components/PageRoot'
import '../legal-staff.css'

/**
 * 2026-11-23 19:00 typed by the staff, read as China time whatever the device's zone (the member is told the time in
 * China time too); null when it is not such a time.
 */
function chinaInstant(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2})[:：](\d{2})$/.exec(text.trim())
  if (!m) return null
  const [y, mo, d, h, mi] = m.slice(1).map(Number)
  const utc = Date.UTC(y, mo - 1, d, h - 8, mi)
  const back = new Date(utc + 8 * 3_600_000)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return null
  return new Date(utc).toISOString()
}

function Handle({ c, onChange }: { c: LegalStaffCaseView; onChange: (v: LegalStaffCaseView) => void }) {
  const root = useStores()
  const [text, setText] = useState('')
  const [mode, setMode] = useState<LegalSessionMode>('phone')
  const [when, setWhen] = useState('')
  const [place, setPlace] = useState('')
  const [outcome, setOutcome] = useState<LegalStaffOutcome>('answered')
  const [recovered, setRecovered] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const act = async (f: () => Promise<LegalStaffCaseView>, done: string, clear?: () => void) => {
    setBusy(true)
    setError(null)
    setErrors({})
    try {
      onChange(await f())
      clear?.()
      toast(done, 'success')
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) setErrors(err.fields)
      else setError(err)
    } finally {
      setBusy(false)
    }
  }
  const id = c.id
  const message = (kind: 'reply' | 'request_info') => {
    if (!text.trim()) return setErrors({ text: '请填写内容' })
    void act(() => root.api.send(legalApi.reply, { params: { id }, body: { kind, text: text.trim(), attachments: [] } }), kind === 'reply' ? '已答复' : '已请会员补充', () => setText(''))
  }
  const schedule = () => {
    const at = chinaInstant(when)
    if (!at) return setErrors({ at: '请按 2026-11-23 19:00 的格式填写预约时间' })
    void act(() => root.api.send(legalApi.schedule, { params: { id }, body: { mode, at, place: place.trim() || null } }), '已预约')
  }
  const close = () => {
    if (!text.trim()) return setErrors({ note: '请在上方填写结案说明' })
    void act(
      () =>
        root.api.send(legalApi.close, {
          params: { id },
          body: { outcome, amountRecovered: outcome === 'mediated' && recovered.trim() ? Number(recovered) : null, note: text.trim() },
        }),
      '已结案',
      () => setText(''),
    )
  }
  if (c.status === 'closed') return null
  if (!c.handlerName) {
    return (
      <View className='card staff-actions'>
        <ErrorMessage error={error} />
        <Button className='btn btn-primary take-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void act(() => root.api.send(legalApi.take, { params: { id } }), '已受理')}>
          受理
        </Button>
      </View>
    )
  }
  return (
    <View className='card staff-actions'>
      <Text className='section-title'>答复会员</Text>
      <Textarea className='form-textarea' aria-label='答复内容' maxlength={LEGAL_MESSAGE_MAX} placeholder='答复、需要补充的情况或结案说明' value={text} onInput={(e) => setText(e.detail.value)} />
      <FieldError message={errors.text ?? errors.note} />
      <Button className='btn btn-primary reply-btn' disabled={busy || undefined} onClick={() => message('reply')}>
        发送答复
      </Button>
      <Button className='btn btn-ghost ask-more-btn' disabled={busy || undefined} onClick={() => message('request_info')}>
        请会员补充
      </Button>

      <Text className='section-title'>预约咨询</Text>
      <Chips<LegalSessionMode> variant='choice' label='咨询方式' options={Object.entries(LEGAL_SESSION_MODES).map(([value, label]) => ({ value: value as LegalSessionMode, label }))} value={mode} onChange={setMode} />
      <Input className='form-input session-at' aria-label='预约时间' placeholder='例如 2026-11-23 19:00' value={when} onInput={(e) => setWhen(e.detail.value)} />
      <FieldError message={errors.at} />
      {mode === 'in_person' ? <Input className='form-input session-place' aria-label='面谈地点' placeholder='面谈地点' value={place} onInput={(e) => setPlace(e.detail.value)} /> : null}
      <FieldError message={errors.place} />
      <Button className='btn btn-ghost schedule-btn' disabled={busy || undefined} onClick={schedule}>
        预约
      </Button>

      <Text className='section-title'>结案</Text>
      <Chips<LegalStaffOutcome> variant='choice' label='结案结果' options={LEGAL_STAFF_OUTCOME_KEYS.map((value) => ({ value, label: LEGAL_OUTCOMES[value] }))} value={outcome} onChange={setOutcome} />
      {outcome === 'mediated' ? <Input className='form-input recovered' aria-label='追回金额（元）' type='number' placeholder='追回金额（元）' value={recovered} onInput={(e) => setRecovered(e.detail.value)} /> : null}
      <FieldError message={errors.amountRecovered} />
      <Button className='btn btn-ghost close-btn' disabled={busy || undefined} onClick={close}>
        结案
      </Button>
      <ErrorMessage error={error} />
    </View>
  )
}

function StaffCasePage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录后处理法律援助咨询' />
  return <StaffCase id={id} />
}

const StaffCase = observer(function StaffCase({ id }: { id: number }) {
  const root = useStores()
  const [override, setOverride] = useState<LegalStaffCaseView | null>(null)
  const resource = useResource(() => root.api.send(legalApi.manageDetail, { params: { id } }), [root, id])
  return (
    <ResourceView resource={resource}>
      {(loaded) => {
        const c = override && override.updatedAt >= loaded.updatedAt ? override : loaded
        return (
          <PageRoot className='page legal-staff-case'>
            <View className='card'>
              {c.overdue ? <Text className='overdue-banner'>已超过承诺答复时间（{formatDateTime(c.firstResponseDue)}）</Text> : null}
              <View className='legal-item-head'>
                <Text className='legal-item-title'>
                  {LEGAL_DISPUTE_KINDS[c.kind]} · {c.employer}
                </Text>
                <StageChip tone={STATUS_TONE[c.status]} label={c.outcome ? LEGAL_OUTCOMES[c.outcome] : STAFF_STATUS_LABELS[c.status]} />
              </View>
              <Text className='legal-item-meta'>
                {c.memberName} · {c.orgName} · {formatDateTime(c.createdAt)}
              </Text>
              <Text className='legal-item-meta'>
                {LEGAL_CONTACT_PREFS[c.contactPref]} · {LEGAL_CONTACT_TIMES[c.contactTime]}
                {c.phone ? ` · ${c.phone}` : ''}
              </Text>
              {c.amount !== null ? <Text className='legal-item-meta'>涉及金额：¥{c.amount}</Text> : null}
              <Text className='legal-entry-text'>{c.description}</Text>
              <Attachments files={c.attachments} />
            </View>
            <View className='card'>
              <Text className='section-title'>处理记录</Text>
              <Thread entries={c.entries} />
            </View>
            <Handle c={c} onChange={setOverride} />
          </PageRoot>
        )
      }}
    </ResourceView>
  )
})

export default observer(StaffCasePage)

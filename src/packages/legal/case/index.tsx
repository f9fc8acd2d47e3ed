/** One consultation: status, the promise, the next step, the thread; answer or follow up, withdraw, rate when closed. */
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { legalApi } from '@contract/legal/api'
import { LEGAL_CONTACT_PREFS, LEGAL_DISPUTE_KINDS, LEGAL_MESSAGE_MAX, LEGAL_OUTCOMES, LEGAL_RATING_COMMENT_MAX, LEGAL_STATUSES } from '@contract/legal/labels'
import type { LegalCaseView } from '@contract/legal/schemas'
import { useStores } from '../../../stores/context'
import { toast } from '../../../platform/ui'
import { ApiError } from '../../../api/errors'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { LoginRequired } from '../../../components/LoginRequired'
import { ResourceView } from '../../../components/ResourceView'
import { StageChip } from '../../../components/StageChip'
import { useResource } from '../../../hooks/useResource'
import { formatDateTime } from '../../../utils/date'
import { Hotline } from '../Hotline'
import { Attachments, STATUS_TONE, Thread } from '../shared'
import { PageRoot } from '../../../components/PageRoot'
import '../legal.css'

function Rate({ onRate }: { onRate: (stars: number, comment: string) => Promise<void> }) {
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const send = async () => {
    if (stars === 0) return setError('请选择评分')
    setBusy(true)
    try {
      await onRate(stars, comment)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card rate-card'>
      <Text className='section-title'>为这次服务评分</Text>
      <View className='stars' role='radiogroup' aria-label='评分'>
        {[1, 2, 3, 4, 5].map((n) => (
          <View
            key={n}
            className={`star star-${n}`}
            data-on={n <= stars}
            role='radio'
            aria-checked={n === stars}
            aria-label={`${n} 星`}
            onClick={() => {
              setStars(n)
              setError(null)
            }}
          >
            ★
          </View>
        ))}
      </View>
      <FieldError message={error} />
      <Textarea className='form-textarea' aria-label='评价（选填）' placeholder='说说您的感受（选填）' maxlength={LEGAL_RATING_COMMENT_MAX} value={comment} onInput={(e) => setComment(e.detail.value)} />
      <Button className='btn btn-primary rate-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void send()}>
        提交评价
      </Button>
    </View>
  )
}

function CaseBody({ c, onChange }: { c: LegalCaseView; onChange: (next: LegalCaseView) => void }) {
  const root = useStores()
  const [text, setText] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const act = async (f: () => Promise<LegalCaseView>, done: string) => {
    setBusy(true)
    setError(null)
    try {
      onChange(await f())
      toast(done, 'success')
      return true
    } catch (err) {
      if (err instanceof ApiError && err.fields.text) setFieldError(err.fields.text)
      else setError(err)
      return false
    } finally {
      setBusy(false)
    }
  }
  const send = async () => {
    if (!text.trim()) return setFieldError('请填写内容')
    // The text stays in the box until the server has it.
    if (await act(() => root.api.send(legalApi.message, { params: { id: c.id }, body: { text: text.trim(), attachments: [] } }), '已发送')) setText('')
  }
  const open = c.status !== 'closed'
  return (
    <PageRoot className='page legal-case'>
      <View className='card'>
        <View className='legal-item-head'>
          <Text className='legal-item-title'>
            {LEGAL_DISPUTE_KINDS[c.kind]} · {c.employer}
          </Text>
          <StageChip tone={STATUS_TONE[c.status]} label={c.outcome ? LEGAL_OUTCOMES[c.outcome] : LEGAL_STATUSES[c.status]} />
        </View>
        <Text className='next-step' aria-live='polite'>
          下一步：{c.nextStep}
        </Text>
        <Text className='legal-item-meta'>
          {c.orgName} · 提交于 {formatDateTime(c.createdAt)}
          {c.handlerName ? ` · 专员 ${c.handlerName}` : ''}
        </Text>
        {c.firstResponseAt ? (
          <Text className='legal-item-meta'>首次答复：{formatDateTime(c.firstResponseAt)}</Text>
        ) : (
          <Text className='legal-item-meta'>承诺 {formatDateTime(c.firstResponseDue)} 前答复{c.overdue ? '（已超时，工会已督办）' : ''}</Text>
        )}
        {c.amount !== null ? <Text className='legal-item-meta'>涉及金额：¥{c.amount}</Text> : null}
        {c.amountRecovered !== null ? <Text className='legal-item-meta'>追回金额：¥{c.amountRecovered}</Text> : null}
        <Text className='legal-item-meta'>
          联系方式：{LEGAL_CONTACT_PREFS[c.contactPref]}
          {c.phone ? ` ${c.phone}` : ''}
        </Text>
        <Text className='legal-entry-text'>{c.description}</Text>
        <Attachments files={c.attachments} />
      </View>
      <View className='card'>
        <Text className='section-title'>处理记录</Text>
        <Thread entries={c.entries} />
      </View>
      <ErrorMessage error={error} />
      {open ? (
        <View className='card reply-card'>
          <Text className='section-title'>{c.status === 'awaiting_member' ? '补充情况' : '留言'}</Text>
          <Textarea
            className='form-textarea'
            aria-label={c.status === 'awaiting_member' ? '补充情况' : '留言'}
            placeholder='写给法律援助专员'
            maxlength={LEGAL_MESSAGE_MAX}
            value={text}
            onInput={(e) => {
              setText(e.detail.value)
              setFieldError(null)
            }}
          />
          <FieldError message={fieldError} />
          <Button className='btn btn-primary send-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void send()}>
            发送
          </Button>
          <Button
            className='btn btn-ghost withdraw-btn'
            disabled={busy || undefined}
            onClick={() => void act(() => root.api.send(legalApi.withdraw, { params: { id: c.id } }), '已撤回')}
          >
            撤回咨询
          </Button>
        </View>
      ) : null}
      {c.status === 'closed' && c.outcome !== 'withdrawn' && !c.rating ? (
        <Rate
          onRate={async (stars, comment) => {
            await act(() => root.api.send(legalApi.rate, { params: { id: c.id }, body: { stars, comment: comment.trim() || null } }), '感谢您的评价')
          }}
        />
      ) : null}
      {c.rating ? (
        <View className='card'>
          <Text className='section-title'>我的评价</Text>
          <Text className='legal-entry-text'>
            {'★'.repeat(c.rating.stars)}
            {c.rating.comment ? ` ${c.rating.comment}` : ''}
          </Text>
        </View>
      ) : null}
      <Hotline />
    </PageRoot>
  )
}

function CasePage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  // Loaded once somebody is signed in (before that the request could only be refused).
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录后查看您的咨询' />
  return <CaseLoader id={id} />
}

const CaseLoader = observer(function CaseLoader({ id }: { id: number }) {
  const root = useStores()
  const [override, setOverride] = useState<LegalCaseView | null>(null)
  const resource = useResource(() => root.api.send(legalApi.detail, { params: { id } }), [root, id])
  return (
    <ResourceView resource={resource}>
      {(c) => <CaseBody c={override && override.updatedAt >= c.updatedAt ? override : c} onChange={setOverride} />}
    </ResourceView>
  )
})

export default observer(CasePage)

import { Chips } from '../../../components/Chips'
import { Row } from '../../../components/Row'
import { useCallback, useEffect, useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { reliefApi } from '@contract/relief/api'
import { PAYOUT_METHODS, PAYOUT_METHOD_KEYS, REVIEW_LEVELS, type PayoutMethod } from '@contract/relief/labels'
import { chinaDate, isSensitiveField } from '@contract/relief/rules'
import type { AidField, Objection, ReviewDetail } from '@contract/relief/schemas'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import { useStores } from '../../../stores/context'
import { media } from '../../../platform/media'
import { back, toast } from '../../../platform/ui'
import { isApiError } from '../../../api/errors'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { Timeline } from '../../../components/Timeline'
import { formatDate, formatDateTime } from '../../../utils/date'
import './relief-staff.css'

type Action = 'approve' | 'reject' | 'return'


function shown(f: AidField, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  if (f.kind === 'choice') return f.options?.find((o) => o.value === v)?.label ?? String(v)
  if (f.kind === 'money') return `¥${v}`
  return String(v)
}


function ObjectionAnswer({ o, onDone }: { o: Objection; onDone: (d: ReviewDetail | null) => void }) {
  const root = useStores()
  const [answer, setAnswer] = useState('')
  const [upheld, setUpheld] = useState<'no' | 'yes'>('no')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const send = async () => {
    if (answer.trim().length < 2) return setError('请填写答复内容')
    setBusy(true)
    try {
      await root.api.send(reliefApi.answerObjection, { params: { id: o.id }, body: { answer: answer.trim(), upheld: upheld === 'yes' } })
      toast('已答复', 'success')
      onDone(null)
    } catch (err) {
      setError(isApiError(err) ? (err.field('answer') ?? err.message) : '提交失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='objection-answer'>
      <Textarea className='form-textarea' value={answer} maxlength={500} placeholder='核实情况与答复（异议人可见）' onInput={(e) => setAnswer(e.detail.value)} />
      <Chips variant='choice' options={[{ value: 'no', label: '异议不成立，维持' }, { value: 'yes', label: '异议成立，撤销救助' }]} value={upheld} onChange={(v) => setUpheld(v)} />
      <FieldError message={error} />
      <Button className='btn btn-primary btn-block' loading={busy || undefined} disabled={busy || undefined} onClick={() => void send()}>
        提交答复
      </Button>
    </View>
  )
}

export default function ReliefReviewDetailPage() {
  const root = useStores()
  const router = useRouter()
  const id = Number(router.params.id)
  const [d, setD] = useState<ReviewDetail | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [action, setAction] = useState<Action | null>(null)
  const [amount, setAmount] = useState('')
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState<string[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [actionError, setActionError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [visit, setVisit] = useState({ visitedOn: chinaDate(new Date()), visitors: '', findings: '' })
  const [pay, setPay] = useState<{ paidOn: string; method: PayoutMethod | ''; reference: string }>({ paidOn: chinaDate(new Date()), method: '', reference: '' })
  const [showVersions, setShowVersions] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      setD(await root.api.send(reliefApi.reviewDetail, { params: { id } }))
    } catch (err) {
      setError(err)
    }
  }, [root, id])

  useEffect(() => {
    if (id > 0) void load()
  }, [id, load])

  if (!(id > 0)) return <View className='page'><ErrorMessage error='缺少申请编号，请从审核列表进入' /></View>
  if (!d) return error ? <View className='page'><ErrorMessage error={error} onRetry={() => void load()} /></View> : <Loading />

  const rule = d.type.amount
  const level = d.actingLevel

  const run = async (fn: () => Promise<ReviewDetail>, done: string, leave = false) => {
    setActionError(null)
    setBusy(true)
    try {
      const next = await fn()
      setD(next)
      setAction(null)
      toast(done, 'success')
      if (leave) back()
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) setErrors(err.fields)
      else setActionError(err)
    } finally {
      setBusy(false)
    }
  }

  const confirm = () => {
    const e: Record<string, string> = {}
    if (action === 'reject' && note.trim().length < 2) e.reason = '请填写不通过的原因'
    if (action === 'return' && missing.length === 0 && note.trim().length < 2) e.note = '请选择需要补充的材料，或写明需要补充的信息'
    let amt: number | undefined
    if (action === 'approve' && level === 'district') {
      if (rule.kind === 'reviewer_set') {
        amt = Number(amount)
        if (!amount.trim() || !Number.isInteger(amt)) e.amount = '请填写核定金额（整数，元）'
        else if (amt < rule.min || amt > rule.max) e.amount = `金额须在 ¥${rule.min}–¥${rule.max} 之间`
      } else amt = d.ruleAmount ?? undefined
    }
    setErrors(e)
    if (Object.keys(e).length) return
    const params = { id }
    if (action === 'approve') void run(() => root.api.send(reliefApi.approve, { params, body: { amount: amt, note: note.trim() || undefined } }), level === 'district' ? '复核通过' : '初审通过', true)
    if (action === 'reject') void run(() => root.api.send(reliefApi.reject, { params, body: { reason: note.trim() } }), '已作出不通过决定', true)
    if (action === 'return') void run(() => root.api.send(reliefApi.returnForInfo, { params, body: { missingDocuments: missing, note: note.trim() || undefined } }), '已退回申请人补充', true)
  }

  const recordVisit = () => {
    const e: Record<string, string> = {}
    if (!/^\d{4}-\d{2}-\d{2}$/.test(visit.visitedOn)) e.visitedOn = '日期格式应为 YYYY-MM-DD'
    if (visit.visitors.trim().length < 2) e.visitors = '请填写走访人员'
    if (visit.findings.trim().length < 5) e.findings = '请填写走访情况（至少 5 个字）'
    setErrors(e)
    if (Object.keys(e).length) return
    void run(() => root.api.send(reliefApi.homeVisit, { params: { id }, body: { visitedOn: visit.visitedOn, visitors: visit.visitors.trim(), findings: visit.findings.trim() } }), '走访记录已保存')
  }

  const recordPayout = () => {
    const e: Record<string, string> = {}
    if (!/^\d{4}-\d{2}-\d{2}$/.test(pay.paidOn)) e.paidOn = '日期格式应为 YYYY-MM-DD'
    if (!pay.method) e.method = '请选择发放方式'
    if (pay.reference.trim().length < 2) e.reference = '请填写转账流水号或凭证号'
    setErrors(e)
    if (Object.keys(e).length || !pay.method) return
    const method = pay.method
    void run(() => root.api.send(reliefApi.payout, { params: { id }, body: { paidOn: pay.paidOn, method, reference: pay.reference.trim() } }), '已登记发放')
  }

  const openDoc = async (url: string, mime: string) => {
    const r = await media.openDocument(url, mime)
    if (!r.ok) toast(r.message)
  }

  return (
    <View className='page relief-review-detail-page'>
      <View className='card'>
        <Row k='状态' v={d.stageLabel} className='detail-stage' />
        <Row k='救助类型' v={d.typeName} />
        <Row k='申请人' v={d.applicant.name} className='detail-applicant' />
        <Row k='会员号' v={d.applicant.memberNo} />
        <Row k='就业形态' v={EMPLOYMENT_TYPES[d.applicant.employmentType]} />
        <Row k='所属工会' v={d.org.name} />
        {d.submittedAt ? <Row k='提交时间' v={`${formatDateTime(d.submittedAt)}（第 ${d.submissionCount} 次提交）`} /> : null}
        <Row k='金额规则' v={d.type.amountLabel} />
        {d.ruleAmount !== null ? <Row k='按标准应发' v={`¥${d.ruleAmount}`} /> : null}
        {d.amount !== null ? <Row k='核定金额' v={`¥${d.amount}`} className='detail-amount' /> : null}
      </View>

      <Text className='section-title'>申请内容（含敏感信息，仅审核使用，查看已留痕）</Text>
      <View className='card detail-fields'>
        {d.type.fields.map((f) => (
          <Row key={f.key} k={`${f.label}${isSensitiveField(f) ? '（敏感）' : ''}`} v={shown(f, d.fields[f.key])} className={`field-value-${f.key}`} />
        ))}
      </View>

      <Text className='section-title'>材料</Text>
      <View className='card'>
        {d.documents.map((slot) => (
          <View key={slot.key} className={`doc-row doc-${slot.key}`}>
            <Row k={`${slot.name}${slot.required ? '' : '（选交）'}`} v={slot.files.length ? `${slot.files.length} 个文件` : '未提交'} />
            {slot.files.map((f, i) => (
              <Text key={f.id} className='link' onClick={() => void openDoc(f.url, f.mime)}>
                查看{f.mime === 'application/pdf' ? ' PDF' : '照片'} {i + 1}
              </Text>
            ))}
          </View>
        ))}
      </View>

      {d.versions.length > 1 ? (
        <View className='card versions'>
          <Text className='link' onClick={() => setShowVersions(!showVersions)}>
            {showVersions ? '收起历次提交' : `查看历次提交（${d.versions.length} 次）`}
          </Text>
          {showVersions
            ? d.versions.map((v) => (
                <View key={v.no}>
                  <Text className='notice-title'>
                    第 {v.no} 次 · {formatDateTime(v.submittedAt)}
                  </Text>
                  {v.documents.map((s) => (
                    <Text key={s.key} className='muted' style={{ display: 'block' }}>
                      {s.name}：{s.files.length} 个文件
                    </Text>
                  ))}
                </View>
              ))
            : null}
        </View>
      ) : null}

      {d.type.requiresHomeVisit ? (
        <>
          <Text className='section-title'>入户走访</Text>
          <View className='card home-visit'>
            {d.homeVisit ? (
              <>
                <Row k='走访日期' v={formatDate(d.homeVisit.visitedOn)} />
                <Row k='走访人员' v={d.homeVisit.visitors} />
                <Text className='muted'>{d.homeVisit.findings}</Text>
              </>
            ) : level === 'base' ? (
              <>
                <Text className='muted'>困难职工帮扶须先记录入户走访，才能初审通过。</Text>
                <View className='form-field field-visitedOn'>
                  <Text className='form-label'>走访日期</Text>
                  <Input className='form-input' value={visit.visitedOn} maxlength={10} onInput={(e) => setVisit({ ...visit, visitedOn: e.detail.value })} />
                  <FieldError message={errors.visitedOn} />
                </View>
                <View className='form-field field-visitors'>
                  <Text className='form-label'>走访人员</Text>
                  <Input className='form-input' value={visit.visitors} maxlength={60} onInput={(e) => setVisit({ ...visit, visitors: e.detail.value })} />
                  <FieldError message={errors.visitors} />
                </View>
                <View className='form-field field-findings'>
                  <Text className='form-label'>走访情况</Text>
                  <Textarea className='form-textarea' value={visit.findings} maxlength={1000} onInput={(e) => setVisit({ ...visit, findings: e.detail.value })} />
                  <FieldError message={errors.findings} />
                </View>
                <Button className='btn btn-ghost btn-block home-visit-btn' disabled={busy || undefined} onClick={recordVisit}>
                  保存走访记录
                </Button>
              </>
            ) : (
              <Text className='muted'>尚未走访</Text>
            )}
          </View>
        </>
      ) : null}

      {d.objections.length > 0 ? (
        <>
          <Text className='section-title'>公示异议</Text>
          {d.objections.map((o) => (
            <View key={o.id} className='card objection'>
              <Text>{o.content}</Text>
              <Text className='muted' style={{ display: 'block' }}>
                {formatDateTime(o.createdAt)}
              </Text>
              {o.answeredAt ? (
                <Text className='muted'>
                  已答复（{o.upheld ? '异议成立' : '异议不成立'}）：{o.answer}
                </Text>
              ) : d.canAnswerObjections ? (
                <ObjectionAnswer o={o} onDone={() => void load()} />
              ) : (
                <Text className='muted objection-readonly'>待答复：由负责复核的工会核实后答复</Text>
              )}
            </View>
          ))}
        </>
      ) : null}

      {d.payoutBlockedReason ? <View className='notice payout-blocked'>{d.payoutBlockedReason}</View> : null}
      {d.payable ? (
        <View className='card payout-form'>
          <Text className='notice-title'>登记发放（¥{d.amount}）</Text>
          <View className='form-field field-paidOn'>
            <Text className='form-label'>发放日期</Text>
            <Input className='form-input' value={pay.paidOn} maxlength={10} onInput={(e) => setPay({ ...pay, paidOn: e.detail.value })} />
            <FieldError message={errors.paidOn} />
          </View>
          <View className='form-field field-method'>
            <Text className='form-label'>发放方式</Text>
            <Chips variant='choice' options={PAYOUT_METHOD_KEYS.map((k) => ({ value: k, label: PAYOUT_METHODS[k] }))} value={pay.method} onChange={(m) => setPay({ ...pay, method: m })} />
            <FieldError message={errors.method} />
          </View>
          <View className='form-field field-reference'>
            <Text className='form-label'>流水号/凭证号</Text>
            <Input className='form-input' value={pay.reference} maxlength={60} onInput={(e) => setPay({ ...pay, reference: e.detail.value })} />
            <FieldError message={errors.reference} />
          </View>
          <ErrorMessage error={actionError} />
          <Button className='btn btn-success btn-block payout-btn' loading={busy || undefined} disabled={busy || undefined} onClick={recordPayout}>
            确认已发放
          </Button>
        </View>
      ) : null}

      <Text className='section-title'>办理记录</Text>
      <View className='card'>
        <Timeline items={[...d.timeline].reverse()} />
      </View>

      {level ? (
        <View className='card review-actions'>
          <Text className='notice-title'>{REVIEW_LEVELS[level]}</Text>
          {action === null ? (
            <View className='actions-row'>
              <Button className='btn btn-ghost return-btn' onClick={() => setAction('return')}>
                退回补充
              </Button>
              <Button className='btn btn-ghost reject-btn' onClick={() => setAction('reject')}>
                不通过
              </Button>
              <Button className='btn btn-success approve-btn' onClick={() => setAction('approve')}>
                通过
              </Button>
            </View>
          ) : (
            <View className={`action-form action-${action}`}>
              {action === 'return' ? (
                <View className='form-field field-missing'>
                  <Text className='form-label'>需要补充的材料</Text>
                  <Chips variant='choice' multi options={d.type.documents.map((x) => ({ value: x.key, label: x.name }))} value={missing} onChange={(k) => setMissing(missing.includes(k) ? missing.filter((m) => m !== k) : [...missing, k])} />
                </View>
              ) : null}
              {action === 'approve' && level === 'district' ? (
                rule.kind === 'reviewer_set' ? (
                  <View className='form-field field-amount'>
                    <Text className='form-label'>
                      核定金额（元，¥{rule.min}–¥{rule.max}）
                    </Text>
                    <Input className='form-input amount-input' type='number' value={amount} maxlength={7} onInput={(e) => {
                        setAmount(e.detail.value)
                        setErrors({})
                      }} />
                    <FieldError message={errors.amount} />
                  </View>
                ) : (
                  <Row k='按标准发放' v={d.ruleAmount !== null ? `¥${d.ruleAmount}` : '表单不完整，无法确定金额'} />
                )
              ) : null}
              <View className={`form-field ${action === 'reject' ? 'field-reason' : 'field-note'}`}>
                <Text className='form-label'>{action === 'reject' ? '不通过原因（申请人可见）' : action === 'return' ? '补充说明（申请人可见）' : '审核意见（选填）'}</Text>
                <Textarea className='form-textarea action-note' value={note} maxlength={200} onInput={(e) => {
                    setNote(e.detail.value)
                    setErrors({})
                  }} />
                <FieldError message={errors.reason || errors.note} />
              </View>
              <ErrorMessage error={actionError} />
              <View className='actions-row'>
                <Button className='btn btn-ghost' disabled={busy || undefined} onClick={() => { setAction(null); setErrors({}) }}>
                  取消
                </Button>
                <Button className='btn btn-primary confirm-btn' loading={busy || undefined} disabled={busy || undefined} onClick={confirm}>
                  {action === 'approve' ? '确认通过' : action === 'reject' ? '确认不通过' : '确认退回'}
                </Button>
              </View>
            </View>
          )}
        </View>
      ) : null}
    </View>
  )
}

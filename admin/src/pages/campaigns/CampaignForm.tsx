/**
 * 新建福利活动 and 编辑活动 at a desk: the mini-program's form (`contract/vouchers/campaign-form.ts` — the same fields, the same
 * check against the contract's schema, the same Chinese messages), laid out for a desktop: date-time pickers, the
 * venues picked from the registry (GET /api/vouchers/manage/venues for the chosen union), each message beside its
 * field, and the server's per-field refusals landing there too. Every change is kept as a draft in localStorage.
 * 编辑活动 (`editing`): the same form filled from the campaign, no draft; once the campaign has opened, the fields
 * that may no longer change are read-only with the one-line why (contract/vouchers/edit-rules.ts; the server refuses
 * the same per field).
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Radio, Select, Space, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { vouchersApi } from '@contract/vouchers/api'
import type { Campaign, StaffVenue } from '@contract/vouchers/schemas'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { CAMPAIGN_KINDS, CAMPAIGN_KIND_KEYS, CAMPAIGN_MODES, CAMPAIGN_MODE_KEYS, LIMIT_PERIODS, LIMIT_PERIOD_KEYS } from '@contract/vouchers/labels'
import { TIME_FORMAT, fromCampaign, initialForm, lockedInputs, stageOfPhase, toCampaignInput, venueSum, type FormKey, type FormState, type VenueForm } from '@contract/vouchers/campaign-form'
import { LOCKED_WHY } from '@contract/vouchers/edit-rules'
import { hasReason, isApiError } from '@/api/errors'
import { useConsole, useSessionState } from '../../console'
import { UnionSelect } from '../../work/UnionSelect'
import { clearDraft, loadDraft, saveDraft } from './draft'

type Errors = Record<string, string>

/** A field with its label and, beside it, its message (the form's own check or the server's). */
function Field({ label, name, error, children, extra }: { label: string; name: string; error?: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Form.Item label={label} htmlFor={`campaign-${name}`} validateStatus={error ? 'error' : undefined} help={error || undefined} extra={extra} className={`field-${name}`}>
      {children}
    </Form.Item>
  )
}

/** "2026-12-01 10:00" ↔ the picker's Dayjs (local time, as the mini-program's form). */
const toPicker = (v: string): Dayjs | null => {
  const d = dayjs(v.trim().replace(' ', 'T'))
  return v.trim() && d.isValid() ? d : null
}

export function CampaignForm({
  open,
  onClose,
  onCreated,
  editing = null,
}: {
  open: boolean
  onClose: () => void
  onCreated: (c: Campaign) => void
  /** 编辑活动: the campaign to change (null: 新建). */
  editing?: Campaign | null
}) {
  const { api } = useConsole()
  const { user } = useSessionState()
  const { message } = App.useApp()
  const uid = user?.id ?? 'anon'
  const firstPost = user?.roles.find((g) => g.role === 'admin')?.orgId ?? null

  const [restored, setRestored] = useState(false)
  const [f, setForm] = useState<FormState>(() => initialForm(firstPost))
  const [errors, setErrors] = useState<Errors>({})
  const [refusal, setRefusal] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [known, setKnown] = useState<StaffVenue[]>([])
  const [venuesError, setVenuesError] = useState<string | null>(null)
  const [venuesTick, setVenuesTick] = useState(0)
  const titleRef = useRef<HTMLInputElement>(null)

  const locked = editing ? lockedInputs(stageOfPhase(editing)) : new Set<FormKey>()
  const lockedWhy = (k: FormKey) => (locked.has(k) ? LOCKED_WHY : undefined)

  // Opening the form: editing, the campaign as it is; else the draft of an unfinished one, else a fresh form.
  useEffect(() => {
    if (!open) return
    const saved = editing ? null : loadDraft(uid)
    setForm(editing ? fromCampaign(editing) : saved ? saved.draft : initialForm(firstPost))
    setRestored(saved !== null)
    setErrors({})
    setRefusal(null)
  }, [open, uid, firstPost, editing])

  const orgId = f.orgId ?? firstPost
  useEffect(() => {
    if (!open || orgId === null) return
    let live = true
    setVenuesError(null)
    api
      .send(vouchersApi.manageVenues, { query: { orgId } })
      .then((r) => live && setKnown(r.items))
      .catch((err: unknown) => live && setVenuesError(isApiError(err) ? err.message : '场馆列表加载失败'))
    return () => {
      live = false
    }
  }, [api, open, orgId, venuesTick])

  const edit = (change: (p: FormState) => FormState, clear: string[]) => {
    setForm((p) => {
      const next = change(p)
      if (!editing) saveDraft(uid, next)
      return next
    })
    setErrors((e) => {
      const next = { ...e }
      for (const k of clear) delete next[k]
      return next
    })
  }
  const set = <K extends keyof FormState>(k: K, v: FormState[K], clear: string[] = [k]) => edit((p) => ({ ...p, [k]: v }), clear)

  const split = f.split && f.mode === 'first_come'
  const picked = f.venues.filter((v) => v.venueId !== null)
  const pickVenues = (ids: number[]) =>
    edit((p) => {
      const venues: VenueForm[] = ids.map((id) => {
        const had = p.venues.find((v) => v.venueId === id)
        if (had) return had
        const v = known.find((k) => k.id === id)!
        return { venueId: id, name: v.name, address: v.address, lat: String(v.lat), lng: String(v.lng), stock: '' }
      })
      return { ...p, venues, totalStock: p.split ? String(venueSum(venues)) : p.totalStock }
    }, Object.keys(errors).filter((k) => k.startsWith('venues')))
  const setVenueStock = (i: number, stock: string) =>
    edit((p) => {
      const venues = p.venues.map((x, j) => (j === i ? { ...x, stock } : x))
      return { ...p, venues, totalStock: String(venueSum(venues)) }
    }, [`venues.${i}.stock`, 'venues', 'totalStock'])
  const setSplit = (on: boolean) =>
    edit((p) => {
      if (!on) return { ...p, split: false }
      const venues = p.venues.length === 1 && !p.venues[0].stock ? [{ ...p.venues[0], stock: p.totalStock }] : p.venues
      return { ...p, split: true, venues, totalStock: String(venueSum(venues)) }
    }, ['totalStock', 'venues'])

  const venueOptions = useMemo(() => known.map((v) => ({ value: v.id, label: `${v.name}（${v.orgName}）` })), [known])
  // Every message about the venue list (none picked, one not usable, a duplicate) beside the venue picker.
  const venueError = Object.entries(errors)
    .filter(([k]) => k === 'venues' || /^venues\.\d+\.(venueId|name|address|lat|lng)$/.test(k))
    .map(([, m]) => m)
    .filter((m, i, all) => m && all.indexOf(m) === i)
    .join('；')

  const startOver = () => {
    clearDraft(uid)
    setForm(initialForm(firstPost))
    setRestored(false)
    setErrors({})
    setRefusal(null)
  }

  const publish = async () => {
    setRefusal(null)
    const checked = toCampaignInput(f, firstPost ?? undefined)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setBusy(true)
    try {
      const c = editing
        ? await api.send(vouchersApi.editCampaign, { params: { id: editing.id }, body: checked.input })
        : await api.send(vouchersApi.createCampaign, { body: checked.input })
      if (!editing) clearDraft(uid)
      setErrors({})
      message.success(editing ? `已保存：${c.title}` : `已发布：${c.title}`)
      onCreated(c)
    } catch (err) {
      if (!isApiError(err)) {
        setRefusal(editing ? '保存失败，请稍后再试' : '发布失败，请稍后再试')
        return
      }
      if (Object.keys(err.fields).length) setErrors(err.fields)
      // A venue deactivated or moved since the list was read: read it again so the picker offers only usable ones.
      if (hasReason(err, VoucherReasons.VENUE_NOT_USABLE)) setVenuesTick((t) => t + 1)
      setRefusal(err.message)
    } finally {
      setBusy(false)
    }
  }

  const text = (k: 'title' | 'totalStock' | 'voucherValidDays' | 'limitCount', label: string, placeholder: string, errKey: string = k, numeric = false) => (
    <Field label={label} name={k} error={errors[errKey]} extra={k === 'title' || k === 'totalStock' ? undefined : lockedWhy(k)}>
      <Input
        id={`campaign-${k}`}
        disabled={k !== 'title' && k !== 'totalStock' && locked.has(k)}
        ref={k === 'title' ? (titleRef as never) : undefined}
        aria-label={label}
        inputMode={numeric ? 'numeric' : undefined}
        style={numeric ? { width: 200 } : undefined}
        value={f[k]}
        placeholder={placeholder}
        onChange={(e) => set(k, e.target.value, [errKey])}
      />
    </Field>
  )
  const time = (k: 'opensAt' | 'closesAt', label: string) => (
    <Field label={label} name={k} error={errors[k]} extra={k === 'opensAt' ? lockedWhy('opensAt') : undefined}>
      <DatePicker
        id={`campaign-${k}`}
        disabled={k === 'opensAt' && locked.has('opensAt')}
        aria-label={label}
        showTime={{ format: 'HH:mm' }}
        format={TIME_FORMAT}
        value={toPicker(f[k])}
        onChange={(d) => set(k, d ? d.format(TIME_FORMAT) : '', [k, ...(k === 'opensAt' ? ['closesAt'] : [])])}
      />
    </Field>
  )

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={editing ? `编辑活动：${editing.title}` : '新建福利活动'}
      destroyOnHidden
      afterOpenChange={(o) => o && titleRef.current?.focus()}
      footer={
        <Space>
          <Button type="primary" loading={busy} onClick={() => void publish()} className="publish-campaign">
            {editing ? '保存修改' : '发布活动'}
          </Button>
          <Button onClick={onClose}>{editing ? '取消' : '稍后再填'}</Button>
          <Typography.Text type="secondary">{editing ? '保存后会员看到的活动立即更新' : '未发布的内容会自动保存为草稿'}</Typography.Text>
        </Space>
      }
    >
      {restored && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="已恢复上次未发布的草稿"
          action={<Button size="small" onClick={startOver}>清空重填</Button>}
        />
      )}
      {refusal && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={refusal} className="campaign-refusal" />}
      {Object.keys(errors).length > 0 && !refusal && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`请检查填写的内容：${Object.values(errors).find(Boolean)}`} />
      )}
      <Form layout="horizontal" labelCol={{ flex: '150px' }} labelWrap onFinish={() => void publish()}>
        <Field label="发布工会" name="orgId" error={errors.orgId} extra={lockedWhy('orgId') ?? '该工会及其下级工会的会员可领'}>
          {editing && locked.has('orgId') ? (
            <Typography.Text id="campaign-orgId">{editing.orgName}</Typography.Text>
          ) : (
            <UnionSelect roles={['admin']} id="campaign-orgId" label="发布工会" status={errors.orgId ? 'error' : undefined} value={f.orgId ?? undefined}
              onChange={(v) => edit((p) => ({ ...p, orgId: v ?? null }), ['orgId'])} />
          )}
        </Field>
        <Field label="券种" name="kind" error={errors.kind} extra={lockedWhy('kind')}>
          <Radio.Group id="campaign-kind" aria-label="券种" disabled={locked.has('kind')} value={f.kind || undefined} onChange={(e) => set('kind', e.target.value)}
            options={CAMPAIGN_KIND_KEYS.map((k) => ({ value: k, label: CAMPAIGN_KINDS[k] }))} />
        </Field>
        {text('title', '活动名称', '如：十二月观影福利券')}
        <Field label="活动规则" name="rules" error={errors.rules}>
          <Input.TextArea id="campaign-rules" aria-label="活动规则" rows={3} maxLength={2000} value={f.rules} placeholder="领取条件、使用方式、注意事项"
            onChange={(e) => set('rules', e.target.value)} />
        </Field>
        <Field label="发放方式" name="mode" error={errors.mode} extra={lockedWhy('mode')}>
          <Radio.Group id="campaign-mode" aria-label="发放方式" disabled={locked.has('mode')} value={f.mode} onChange={(e) => set('mode', e.target.value, ['mode', 'venues'])}
            options={CAMPAIGN_MODE_KEYS.map((k) => ({ value: k, label: CAMPAIGN_MODES[k] }))} />
        </Field>
        <Field label="可用场馆" name="venues" error={venueError}
          extra={lockedWhy('venues') ?? (venuesError ? <Space><Typography.Text type="danger">{venuesError}</Typography.Text><Button size="small" onClick={() => setVenuesTick((t) => t + 1)}>重试</Button></Space> : undefined)}>
          {locked.has('venues') ? (
            // read-only as text: a disabled multi-select draws its tags at 1.8:1 contrast
            <Typography.Text id="campaign-venues" className="locked-venues">{f.venues.map((v) => v.name).join('、')}</Typography.Text>
          ) : (
            <Select
              id="campaign-venues"
              aria-label="可用场馆"
              mode="multiple"
              placeholder={known.length ? '从场馆库中选择' : '本工会及上下级暂无可用场馆'}
              status={venueError ? 'error' : undefined}
              value={picked.map((v) => v.venueId!)}
              onChange={pickVenues}
              options={venueOptions}
              optionFilterProp="label"
            />
          )}
        </Field>
        {f.mode === 'first_come' && (
          <Field label="数量分配" name="split" extra={lockedWhy('split') ?? (split ? '会员领券时选择场馆，券只能在该场馆使用' : '券可在任一场馆使用')}>
            <Radio.Group id="campaign-split" aria-label="数量分配" disabled={locked.has('split')} value={split ? 'by-venue' : 'shared'} onChange={(e) => setSplit(e.target.value === 'by-venue')}
              options={[{ value: 'shared', label: '各场馆共用总数' }, { value: 'by-venue', label: '按场馆分配数量' }]} />
          </Field>
        )}
        {split ? (
          <>
            {f.venues.map((v, i) => (
              <Field key={v.venueId ?? i} label={`${v.name.trim() || `场馆 ${i + 1}`} 的数量`} name={`venues-${i}-stock`} error={errors[`venues.${i}.stock`]}>
                <Input id={`campaign-venues-${i}-stock`} aria-label={`${v.name.trim() || `场馆 ${i + 1}`} 的数量`} inputMode="numeric" style={{ width: 200 }}
                  value={v.stock} placeholder="如 50" onChange={(e) => setVenueStock(i, e.target.value)} />
              </Field>
            ))}
            <Field label="券总数（各场馆之和）" name="totalStock" error={errors.totalStock}>
              <Typography.Text>{venueSum(f.venues)} 张</Typography.Text>
            </Field>
          </>
        ) : (
          text('totalStock', '券总数', '如 100', 'totalStock', true)
        )}
        {time('opensAt', '开抢时间')}
        {time('closesAt', '截止时间')}
        {text('voucherValidDays', '领取后有效天数', '如 30', 'voucherValidDays', true)}
        {text('limitCount', '每人限领（张）', '如 1', 'perMemberLimit.count', true)}
        <Field label="限领周期" name="limitPeriod" error={errors['perMemberLimit.period']} extra={lockedWhy('limitPeriod')}>
          <Radio.Group id="campaign-limitPeriod" aria-label="限领周期" disabled={locked.has('limitPeriod')} value={f.limitPeriod} onChange={(e) => set('limitPeriod', e.target.value, ['perMemberLimit.period'])}
            options={LIMIT_PERIOD_KEYS.map((k) => ({ value: k, label: LIMIT_PERIODS[k] }))} />
        </Field>
      </Form>
    </Drawer>
  )
}

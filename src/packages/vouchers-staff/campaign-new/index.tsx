import { Chips, optionsOf } from '../../../components/Chips'
import { useEffect, useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { vouchersApi } from '@contract/vouchers/api'
import type { Campaign, StaffVenue } from '@contract/vouchers/schemas'
import { fromCampaign, lockedInputs, stageOfPhase, type FormKey } from '@contract/vouchers/campaign-form'
import { LOCKED_WHY } from '@contract/vouchers/edit-rules'
import { ResourceView } from '../../../components/ResourceView'
import { CAMPAIGN_KINDS, CAMPAIGN_KIND_KEYS, CAMPAIGN_MODES, CAMPAIGN_MODE_KEYS, LIMIT_PERIODS, LIMIT_PERIOD_KEYS } from '@contract/vouchers/labels'
import { useStores } from '../../../stores/context'
import { DraftSync } from '../../../stores/DraftSync'
import { useResource } from '../../../hooks/useResource'
import { location } from '../../../platform/location'
import { replaceWith, toast } from '../../../platform/ui'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { isApiError } from '../../../api/errors'
import { statsUrl } from '../campaigns'
import { DRAFT_KEY, TIME_FORMAT, emptyVenue, initialForm, isBlank, legacyDraft, toCampaignInput, venueSum, type FormState, type VenueForm } from './form'
import { VenueFields } from './VenueFields'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'

const SPLIT_OPTIONS = [
  { value: 'shared', label: '各场馆共用总数' },
  { value: 'by-venue', label: '按场馆分配数量' },
] as const

/** Read-only, with the one line that says why (编辑活动 of a campaign that has opened). */
const Locked = ({ on }: { on: boolean }) => (on ? <Text className='form-hint locked-why'>{LOCKED_WHY}</Text> : null)

/**
 * 新建福利活动: one form, checked with the contract's schema here and the server's per-field messages after.
 * 编辑活动 (`?id=`): the same form filled from the campaign, no draft; once it has opened, what may no longer change
 * is read-only with why (contract/vouchers/edit-rules.ts; the server refuses the same per field).
 */
function CampaignNewPage() {
  const root = useStores()
  const id = Number(useRouter().params.id) || null
  const loaded = useResource(() => (id ? root.api.send(vouchersApi.campaign, { params: { id } }) : Promise.resolve(null)), [root, id])
  if (!id) return <CampaignFormPage editing={null} />
  return <ResourceView resource={loaded}>{(r) => (r ? <CampaignFormPage editing={r.campaign} /> : null)}</ResourceView>
}

const CampaignFormPage = observer(function CampaignFormPage({ editing }: { editing: Campaign | null }) {
  const root = useStores()
  const orgs = root.session.roles.filter((g) => g.role === 'admin').map((g) => ({ id: g.orgId, name: g.orgName }))
  const uid = root.session.me?.id ?? 'anon'
  // Nothing typed is lost: DraftSync keeps the form on the device at every change (device-only: the server has no
  // draft of a campaign). One draft per user; opening the page restores it.
  const draft = useMemo(() => {
    const key = `${DRAFT_KEY}${uid}`
    const sync = new DraftSync<FormState>(initialForm(null), { storage: root.storage, key: () => key })
    sync.restore(null, legacyDraft(root.storage, key) ?? initialForm(orgs[0]?.id ?? null))
    return sync
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one draft per user; the orgs only seed a new form
  }, [root, uid])
  useEffect(() => () => draft.dispose(), [draft])
  const [own, setOwn] = useState<FormState | null>(() => (editing ? fromCampaign(editing) : null))
  const f = own ?? draft.value
  const edit = (change: (p: FormState) => FormState) => (own ? setOwn((p) => change(p ?? own)) : draft.update(change(draft.value)))
  const locked = editing ? lockedInputs(stageOfPhase(editing)) : new Set<FormKey>()
  useEffect(() => {
    if (editing) void Taro.setNavigationBarTitle?.({ title: '编辑活动' })
  }, [editing])

  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const orgId = f.orgId ?? orgs[0]?.id ?? null
  // Registry venues this union's campaign may use; without them the admin types new venues (a failure is not shown).
  const venues = useResource(
    (): Promise<{ items: StaffVenue[] }> => (orgId === null ? Promise.resolve({ items: [] }) : root.api.send(vouchersApi.manageVenues, { query: { orgId } })),
    [root, orgId],
  )
  const known = venues.data?.items ?? []

  /** An existing venue joins the list (taking the place of an untouched blank form). */
  const pickVenue = (v: StaffVenue) => {
    edit((p) => {
      if (p.venues.some((x) => x.venueId === v.id)) return p
      const picked: VenueForm = { venueId: v.id, name: v.name, address: v.address, lat: String(v.lat), lng: String(v.lng), stock: '' }
      const venues = p.venues.length === 1 && isBlank(p.venues[0]) ? [picked] : [...p.venues, picked]
      return { ...p, venues }
    })
    setErrors((e) => ({ ...e, venues: '' }))
  }

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    edit((p) => ({ ...p, [k]: v }))
    setErrors((e) => ({ ...e, [k]: '' }))
  }
  const setVenue = (i: number, k: keyof VenueForm, v: string) => {
    edit((p) => {
      const venues = p.venues.map((x, j) => (j === i ? { ...x, [k]: v } : x))
      // Split stock: the total is the venues' sum, kept in step so it is right if the split is switched off again.
      return { ...p, venues, totalStock: p.split && k === 'stock' ? String(venueSum(venues)) : p.totalStock }
    })
    setErrors((e) => ({ ...e, [`venues.${i}.${k}`]: '', venues: '', ...(k === 'stock' ? { totalStock: '' } : {}) }))
  }
  const removeVenue = (i: number) =>
    edit((p) => {
      const venues = p.venues.filter((_, j) => j !== i)
      return { ...p, venues, totalStock: p.split ? String(venueSum(venues)) : p.totalStock }
    })
  const setSplit = (on: boolean) => {
    edit((p) => {
      if (!on) return { ...p, split: false }
      // One venue: it simply gets the whole total.
      const venues = p.venues.length === 1 && !p.venues[0].stock ? [{ ...p.venues[0], stock: p.totalStock }] : p.venues
      return { ...p, split: true, venues, totalStock: String(venueSum(venues)) }
    })
    setErrors((e) => ({ ...e, totalStock: '', venues: '' }))
  }
  // Lottery draws from one pool: no split there.
  const split = f.split && f.mode === 'first_come'
  const locate = async (i: number) => {
    const r = await location.locate()
    if (!r.ok) return toast(r.message)
    setVenue(i, 'lat', r.latitude.toFixed(6))
    setVenue(i, 'lng', r.longitude.toFixed(6))
  }

  const save = async () => {
    const checked = toCampaignInput(f, orgs[0]?.id)
    if (!checked.ok) {
      setErrors(checked.errors)
      // Also above the button: a message beside a field the admin scrolled past is easy to miss.
      setError(`请检查填写的内容：${Object.values(checked.errors)[0]}`)
      return
    }
    setBusy(true)
    setError(null)
    try {
      const c = editing
        ? await root.api.send(vouchersApi.editCampaign, { params: { id: editing.id }, body: checked.input })
        : await root.api.send(vouchersApi.createCampaign, { body: checked.input })
      if (!editing) draft.clear()
      toast(editing ? '已保存' : '已发布', 'success')
      replaceWith(statsUrl(c))
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) setErrors(err.fields)
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  const text = (k: 'title' | 'totalStock' | 'opensAt' | 'closesAt' | 'voucherValidDays' | 'limitCount', label: string, placeholder: string, type: 'text' | 'number' = 'text', errKey: string = k) => (
    <View className={`form-field field-${k}`}>
      <Text className='form-label'>{label}</Text>
      <Input className='form-input' type={type} value={f[k]} placeholder={placeholder} disabled={locked.has(k as FormKey) || undefined}
        nativeProps={{ 'aria-label': label }} onInput={(e) => set(k, e.detail.value)} />
      <Locked on={locked.has(k as FormKey)} />
      <FieldError message={errors[errKey]} />
    </View>
  )

  return (
    <PageRoot className='page campaign-new-page'>
      <View className='card'>
        <View className='form-field field-kind'>
          <Text className='form-label'>券种</Text>
          <Chips variant='choice' options={optionsOf(CAMPAIGN_KIND_KEYS, CAMPAIGN_KINDS)} value={f.kind} onChange={(k) => set('kind', k)} optionClass={(k) => `kind-${k}`} disabled={locked.has('kind')} />
          <Locked on={locked.has('kind')} />
          <FieldError message={errors.kind} />
        </View>
        {text('title', '活动名称', '如：十二月观影福利券')}
        <View className='form-field field-rules'>
          <Text className='form-label'>活动规则</Text>
          <Textarea className='form-textarea' value={f.rules} maxlength={2000} placeholder='领取条件、使用方式、注意事项' onInput={(e) => set('rules', e.detail.value)} />
          <FieldError message={errors.rules} />
        </View>
        <View className='form-field field-mode'>
          <Text className='form-label'>发放方式</Text>
          <Chips variant='choice' options={optionsOf(CAMPAIGN_MODE_KEYS, CAMPAIGN_MODES)} value={f.mode} onChange={(k) => set('mode', k)} optionClass={(k) => `mode-${k}`} disabled={locked.has('mode')} />
          <Locked on={locked.has('mode')} />
          <FieldError message={errors.mode} />
        </View>
        {orgs.length > 1 ? (
          <View className='form-field field-orgId'>
            <Text className='form-label'>发布工会（其下会员可领）</Text>
            <Chips
              variant='choice'
              label='发布工会'
              options={orgs.map((o) => ({ value: o.id, label: o.name }))}
              value={f.orgId ?? undefined}
              onChange={(id) => set('orgId', id ?? null)}
              optionClass={(id) => `org-${id}`}
              disabled={locked.has('orgId')}
            />
            <Locked on={locked.has('orgId')} />
            <FieldError message={errors.orgId} />
          </View>
        ) : null}
      </View>

      {locked.has('venues') ? (
        <>
          <Text className='section-title'>可用场馆</Text>
          <View className='card venue-locked'>
            {f.venues.map((v) => (
              <Text key={v.venueId ?? v.name} className='list-row'>{v.name}</Text>
            ))}
            <Locked on />
          </View>
        </>
      ) : (
      <VenueFields
        f={f}
        known={known}
        errors={errors}
        onPick={pickVenue}
        onChange={setVenue}
        onRemove={removeVenue}
        onAdd={() => edit((p) => ({ ...p, venues: [...p.venues, emptyVenue()] }))}
        onLocate={(i) => void locate(i)}
      />
      )}

      <Text className='section-title'>数量与时间</Text>
      <View className='card'>
        {f.mode === 'first_come' ? (
          <View className='form-field field-split'>
            <Text className='form-label'>数量分配</Text>
            <Chips
              variant='choice'
              label='数量分配'
              options={SPLIT_OPTIONS}
              value={split ? 'by-venue' : 'shared'}
              onChange={(v) => setSplit(v === 'by-venue')}
              optionClass={(v) => `split-${v}`}
              disabled={locked.has('split')}
            />
            <Locked on={locked.has('split')} />
            <Text className='form-hint'>{split ? '会员领券时选择场馆，券只能在该场馆使用' : '券可在任一场馆使用'}</Text>
          </View>
        ) : null}
        {split ? (
          <>
            {f.venues.map((v, i) => (
              <View key={i} className={`form-field field-venue-stock venue-stock-${i}`}>
                <Text className='form-label'>{v.name.trim() || `场馆 ${i + 1}`} 的数量</Text>
                <Input className='form-input' type='number' value={v.stock} placeholder='如 50' onInput={(e) => setVenue(i, 'stock', e.detail.value)} />
                <FieldError message={errors[`venues.${i}.stock`]} />
              </View>
            ))}
            <View className='form-field field-totalStock'>
              <Text className='form-label'>券总数（各场馆之和）</Text>
              <Text className='split-total'>{venueSum(f.venues)} 张</Text>
              <FieldError message={errors.totalStock} />
            </View>
          </>
        ) : (
          text('totalStock', '券总数', '如 100', 'number')
        )}
        {text('opensAt', '开抢时间', TIME_FORMAT)}
        {text('closesAt', '截止时间', TIME_FORMAT)}
        {text('voucherValidDays', '领取后有效天数', '如 30', 'number')}
        {text('limitCount', '每人限领（张）', '如 1', 'number', 'perMemberLimit.count')}
        <View className='form-field field-limitPeriod'>
          <Text className='form-label'>限领周期</Text>
          <Chips variant='choice' options={optionsOf(LIMIT_PERIOD_KEYS, LIMIT_PERIODS)} value={f.limitPeriod} onChange={(k) => set('limitPeriod', k)} optionClass={(k) => `period-${k}`} disabled={locked.has('limitPeriod')} />
          <Locked on={locked.has('limitPeriod')} />
        </View>
      </View>

      {orgs.length > 1 ? null : <FieldError message={errors.orgId} />}
      <ErrorMessage error={error} />
      <Button className='btn btn-primary btn-block create-campaign-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void save()}>
        {editing ? '保存修改' : '发布活动'}
      </Button>
    </PageRoot>
  )
})

export default observer(CampaignNewPage)

import { Chips, optionsOf } from '../../../components/Chips'
import { useEffect, useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { vouchersApi } from '@contract/vouchers/api'
import { CampaignInput, type StaffVenue } from '@contract/vouchers/schemas'
import { CAMPAIGN_KINDS, CAMPAIGN_KIND_KEYS, CAMPAIGN_MODES, CAMPAIGN_MODE_KEYS, LIMIT_PERIODS, LIMIT_PERIOD_KEYS, type CampaignKind, type CampaignMode, type LimitPeriod } from '@contract/vouchers/labels'
import { useStores } from '../../../stores/context'
import { location } from '../../../platform/location'
import { replaceWith, toast } from '../../../platform/ui'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { isApiError } from '../../../api/errors'
import { dayjs } from '../../../utils/date'
import { statsUrl } from '../campaigns'
import '../../../styles/staff.css'

interface VenueForm {
  /** An existing registry venue (picked from the list; name and address shown read-only); null: a new venue. */
  venueId: number | null
  name: string
  address: string
  lat: string
  lng: string
  /** 分场馆库存: this venue's number of vouchers (used only when the stock is split per venue). */
  stock: string
}
interface FormState {
  kind: CampaignKind | ''
  mode: CampaignMode
  title: string
  rules: string
  venues: VenueForm[]
  totalStock: string
  /** 按场馆分配数量 (first come only): each venue gets its own number and the total is their sum. */
  split: boolean
  opensAt: string
  closesAt: string
  voucherValidDays: string
  limitCount: string
  limitPeriod: LimitPeriod
  orgId: number | null
}

const DRAFT_KEY = 'union.campaignDraft.v1.'
const TIME_FORMAT = 'YYYY-MM-DD HH:mm'
const emptyVenue = (): VenueForm => ({ venueId: null, name: '', address: '', lat: '', lng: '', stock: '' })
const isBlank = (v: VenueForm) => v.venueId === null && !v.name.trim() && !v.address.trim() && !v.lat.trim() && !v.lng.trim()

/** The venues' numbers added up (blank or not-a-number counts 0). */
function venueSum(venues: readonly VenueForm[]): number {
  return venues.reduce((t, v) => t + (/^\d+$/.test((v.stock ?? '').trim()) ? Number(v.stock.trim()) : 0), 0)
}

/** A draft saved before venues could be split lacks the new fields. */
function fromDraft(saved: FormState): FormState {
  return { ...saved, split: saved.split === true, venues: saved.venues.map((v) => ({ ...v, venueId: v.venueId ?? null, stock: v.stock ?? '' })) }
}

function initialForm(orgId: number | null): FormState {
  const opens = dayjs().add(1, 'day').hour(10).minute(0)
  return {
    kind: '',
    mode: 'first_come',
    title: '',
    rules: '',
    venues: [emptyVenue()],
    totalStock: '100',
    split: false,
    opensAt: opens.format(TIME_FORMAT),
    closesAt: opens.add(7, 'day').format(TIME_FORMAT),
    voucherValidDays: '30',
    limitCount: '1',
    limitPeriod: 'calendar_month',
    orgId,
  }
}

/** "2026-11-24 10:00" (phone's local time) → ISO with offset, or the text itself so the schema reports it. */
function toInstant(v: string): string {
  const d = dayjs(v.trim())
  return /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}$/.test(v.trim()) && d.isValid() ? d.format() : ''
}


/** 新建福利活动: one form, checked with the contract's schema here and the server's per-field messages after. */
export default function CampaignNewPage() {
  const root = useStores()
  const orgs = root.session.roles.filter((g) => g.role === 'admin').map((g) => ({ id: g.orgId, name: g.orgName }))
  const draftKey = `${DRAFT_KEY}${root.session.me?.id ?? 'anon'}`
  const [f, setF] = useState<FormState>(() => {
    const saved = root.storage.getItem(draftKey)
    if (saved) {
      try {
        return fromDraft(JSON.parse(saved) as FormState)
      } catch {
        // fall through
      }
    }
    return initialForm(orgs[0]?.id ?? null)
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  /** Registry venues this union's campaign may use (its own, its subtree's, its ancestors'). */
  const [known, setKnown] = useState<StaffVenue[]>([])
  const orgId = f.orgId ?? orgs[0]?.id ?? null

  useEffect(() => {
    if (orgId === null) return
    root.api
      .send(vouchersApi.manageVenues, { query: { orgId } })
      .then((r) => setKnown(r.items))
      .catch(() => setKnown([]))
  }, [orgId, root])

  /** An existing venue joins the list (taking the place of an untouched blank form). */
  const pickVenue = (v: StaffVenue) => {
    setF((p) => {
      if (p.venues.some((x) => x.venueId === v.id)) return p
      const picked: VenueForm = { venueId: v.id, name: v.name, address: v.address, lat: String(v.lat), lng: String(v.lng), stock: '' }
      const venues = p.venues.length === 1 && isBlank(p.venues[0]) ? [picked] : [...p.venues, picked]
      return { ...p, venues }
    })
    setErrors((e) => ({ ...e, venues: '' }))
  }

  // Nothing typed is lost: the draft is on the device at every change.
  useEffect(() => {
    root.storage.setItem(draftKey, JSON.stringify(f))
  }, [f, draftKey, root])

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setF((p) => ({ ...p, [k]: v }))
    setErrors((e) => ({ ...e, [k]: '' }))
  }
  const setVenue = (i: number, k: keyof VenueForm, v: string) => {
    setF((p) => {
      const venues = p.venues.map((x, j) => (j === i ? { ...x, [k]: v } : x))
      // Split stock: the total is the venues' sum, kept in step so it is right if the split is switched off again.
      return { ...p, venues, totalStock: p.split && k === 'stock' ? String(venueSum(venues)) : p.totalStock }
    })
    setErrors((e) => ({ ...e, [`venues.${i}.${k}`]: '', venues: '', ...(k === 'stock' ? { totalStock: '' } : {}) }))
  }
  const removeVenue = (i: number) =>
    setF((p) => {
      const venues = p.venues.filter((_, j) => j !== i)
      return { ...p, venues, totalStock: p.split ? String(venueSum(venues)) : p.totalStock }
    })
  const setSplit = (on: boolean) => {
    setF((p) => {
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
    const input = {
      kind: f.kind || undefined,
      mode: f.mode,
      title: f.title,
      rules: f.rules,
      orgId: f.orgId ?? orgs[0]?.id,
      venues: f.venues.map((v) => ({
        ...(v.venueId !== null
          ? { venueId: v.venueId }
          : { name: v.name, address: v.address, lat: v.lat.trim() ? Number(v.lat) : undefined, lng: v.lng.trim() ? Number(v.lng) : undefined }),
        ...(split ? { stock: v.stock.trim() ? Number(v.stock) : undefined } : {}),
      })),
      totalStock: split ? venueSum(f.venues) : Number(f.totalStock),
      opensAt: toInstant(f.opensAt),
      closesAt: toInstant(f.closesAt),
      voucherValidDays: Number(f.voucherValidDays),
      perMemberLimit: { count: Number(f.limitCount), period: f.limitPeriod },
    }
    const parsed = CampaignInput.safeParse(input)
    if (!parsed.success) {
      const e: Record<string, string> = {}
      for (const i of parsed.error.issues) {
        const k = i.path.join('.')
        if (e[k]) continue
        if (/\.(lat|lng)$/.test(k)) e[k] = '请填写经纬度，或点击“使用当前位置”'
        else if (k === 'orgId') e[k] = '请选择发布的工会'
        else if (k === 'opensAt' || k === 'closesAt') e[k] = i.message.startsWith('截止') ? i.message : '请按“2026-01-31 10:00”的格式填写时间'
        else if (/^venues\.\d+\.stock$/.test(k)) e[k] = i.message.match(/[\u4e00-\u9fa5]/) ? i.message : '请填写 1 以上的整数'
        else if (k === 'totalStock' || k === 'voucherValidDays' || k === 'perMemberLimit.count') e[k] = i.message.match(/[\u4e00-\u9fa5]/) ? i.message : '请填写 1 以上的整数'
        else e[k] = i.message.match(/[\u4e00-\u9fa5]/) ? i.message : '请检查此项'
      }
      setErrors(e)
      // Also above the button: a message beside a field the admin scrolled past is easy to miss.
      setError(`请检查填写的内容：${Object.values(e)[0]}`)
      return
    }
    setBusy(true)
    setError(null)
    try {
      const c = await root.api.send(vouchersApi.createCampaign, { body: parsed.data })
      root.storage.removeItem(draftKey)
      toast('已发布', 'success')
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
      <Input className='form-input' type={type} value={f[k]} placeholder={placeholder} onInput={(e) => set(k, e.detail.value)} />
      <FieldError message={errors[errKey]} />
    </View>
  )

  return (
    <View className='page campaign-new-page'>
      <View className='card'>
        <View className='form-field field-kind'>
          <Text className='form-label'>券种</Text>
          <Chips variant='choice' options={optionsOf(CAMPAIGN_KIND_KEYS, CAMPAIGN_KINDS)} value={f.kind} onChange={(k) => set('kind', k)} optionClass={(k) => `kind-${k}`} />
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
          <Chips variant='choice' options={optionsOf(CAMPAIGN_MODE_KEYS, CAMPAIGN_MODES)} value={f.mode} onChange={(k) => set('mode', k)} optionClass={(k) => `mode-${k}`} />
          <FieldError message={errors.mode} />
        </View>
        {orgs.length > 1 ? (
          <View className='form-field field-orgId'>
            <Text className='form-label'>发布工会（其下会员可领）</Text>
            <View className='choices'>
              {orgs.map((o) => (
                <Text key={o.id} className={`choice ${f.orgId === o.id ? 'choice-active' : ''}`} onClick={() => set('orgId', o.id)}>
                  {o.name}
                </Text>
              ))}
            </View>
            <FieldError message={errors.orgId} />
          </View>
        ) : null}
      </View>

      <Text className='section-title'>可用场馆</Text>
      {known.length > 0 ? (
        <View className='card venue-known'>
          <Text className='form-label'>选择已登记的场馆</Text>
          <View className='choices'>
            {known.map((v) => (
              <Text
                key={v.id}
                className={`choice known-venue ${f.venues.some((x) => x.venueId === v.id) ? 'choice-active' : ''}`}
                onClick={() => pickVenue(v)}
              >
                {v.name}
              </Text>
            ))}
          </View>
          <Text className='form-hint'>或在下方填写新场馆，发布后登记到场馆库</Text>
        </View>
      ) : null}
      {f.venues.map((v, i) =>
        v.venueId !== null ? (
          <View key={i} className={`card venue-form venue-picked venue-form-${i}`}>
            <View className='merchant-head'>
              <View>
                <Text className='merchant-name'>{v.name}</Text>
                <Text className='muted' style={{ display: 'block' }}>
                  {v.address}
                </Text>
              </View>
              {f.venues.length > 1 ? (
                <Button className='btn btn-plain btn-small' onClick={() => removeVenue(i)}>
                  删除
                </Button>
              ) : null}
            </View>
            <FieldError message={errors[`venues.${i}.venueId`]} />
          </View>
        ) : (
        <View key={i} className={`card venue-form venue-form-${i}`}>
          <View className='form-field field-venue-name'>
            <Text className='form-label'>场馆名称</Text>
            <Input className='form-input' value={v.name} placeholder='如：云溪影城' onInput={(e) => setVenue(i, 'name', e.detail.value)} />
            <FieldError message={errors[`venues.${i}.name`]} />
          </View>
          <View className='form-field field-venue-address'>
            <Text className='form-label'>地址</Text>
            <Input className='form-input' value={v.address} placeholder='街道门牌号' onInput={(e) => setVenue(i, 'address', e.detail.value)} />
            <FieldError message={errors[`venues.${i}.address`]} />
          </View>
          <View className='form-field field-venue-coords'>
            <Text className='form-label'>经纬度</Text>
            <View className='actions-row'>
              <Input className='form-input' type='digit' value={v.lat} placeholder='纬度 30.274' onInput={(e) => setVenue(i, 'lat', e.detail.value)} />
              <Input className='form-input' type='digit' value={v.lng} placeholder='经度 120.155' onInput={(e) => setVenue(i, 'lng', e.detail.value)} />
            </View>
            <FieldError message={errors[`venues.${i}.lat`] || errors[`venues.${i}.lng`]} />
            <View className='actions-row'>
              <Button className='btn btn-plain btn-small' onClick={() => void locate(i)}>
                使用当前位置
              </Button>
              {f.venues.length > 1 ? (
                <Button className='btn btn-plain btn-small' onClick={() => removeVenue(i)}>
                  删除此场馆
                </Button>
              ) : null}
            </View>
          </View>
        </View>
        ),
      )}
      <FieldError message={errors.venues} />
      <Button className='btn btn-ghost btn-block add-venue-btn' onClick={() => setF((p) => ({ ...p, venues: [...p.venues, emptyVenue()] }))}>
        添加场馆
      </Button>

      <Text className='section-title'>数量与时间</Text>
      <View className='card'>
        {f.mode === 'first_come' ? (
          <View className='form-field field-split'>
            <Text className='form-label'>数量分配</Text>
            <View className='choices'>
              <Text className={`choice split-shared ${split ? '' : 'choice-active'}`} onClick={() => setSplit(false)}>
                各场馆共用总数
              </Text>
              <Text className={`choice split-by-venue ${split ? 'choice-active' : ''}`} onClick={() => setSplit(true)}>
                按场馆分配数量
              </Text>
            </View>
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
          <Chips variant='choice' options={optionsOf(LIMIT_PERIOD_KEYS, LIMIT_PERIODS)} value={f.limitPeriod} onChange={(k) => set('limitPeriod', k)} optionClass={(k) => `period-${k}`} />
        </View>
      </View>

      {orgs.length > 1 ? null : <FieldError message={errors.orgId} />}
      <ErrorMessage error={error} />
      <Button className='btn btn-primary btn-block create-campaign-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void save()}>
        发布活动
      </Button>
    </View>
  )
}

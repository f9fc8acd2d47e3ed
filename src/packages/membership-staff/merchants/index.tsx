import { useCallback, useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { MERCHANT_CATEGORIES, MERCHANT_CATEGORY_KEYS, type MerchantCategory } from '@contract/merchants/labels'
import { merchantsApi } from '@contract/merchants/api'
import { MerchantInput, type ManagedMerchant } from '@contract/merchants/schemas'
import { useStores } from '../../../stores/context'
import { location } from '../../../platform/location'
import { toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoadMore } from '../../../components/LoadMore'
import { FieldError } from '../../../components/FieldError'
import { isApiError } from '../../../api/errors'
import { dayjs } from '../../../utils/date'
import { useCursorList } from '../../../hooks/useCursorList'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'

interface FormState {
  name: string
  category: MerchantCategory | ''
  offer: string
  validFrom: string
  validTo: string
  address: string
  lat: string
  lng: string
  orgId: number | null
}

const CATEGORY_LABELS = MERCHANT_CATEGORY_KEYS.map((k) => MERCHANT_CATEGORIES[k])
const STATE_LABELS: Record<ManagedMerchant['state'], string> = { active: '展示中', upcoming: '未开始', expired: '已过期（会员不可见）' }

function emptyForm(orgId: number | null): FormState {
  const today = dayjs().format('YYYY-MM-DD')
  return { name: '', category: '', offer: '', validFrom: today, validTo: dayjs().endOf('year').format('YYYY-MM-DD'), address: '', lat: '', lng: '', orgId }
}

function MerchantForm({ initial, editingId, orgs, onDone, onCancel }: {
  initial: FormState
  editingId: number | null
  orgs: { id: number; name: string }[]
  onDone: () => void
  onCancel: () => void
}) {
  const root = useStores()
  const [f, setF] = useState<FormState>(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setF((p) => ({ ...p, [k]: v }))
    setErrors((e) => ({ ...e, [k]: '' }))
  }

  const locateHere = async () => {
    const r = await location.locate()
    if (!r.ok) return toast(r.message)
    set('lat', r.latitude.toFixed(6))
    set('lng', r.longitude.toFixed(6))
  }

  const save = async () => {
    const parsed = MerchantInput.safeParse({ ...f, lat: Number(f.lat) || NaN, lng: Number(f.lng) || NaN, category: f.category || undefined, orgId: f.orgId ?? undefined })
    if (!parsed.success) {
      const e: Record<string, string> = {}
      for (const i of parsed.error.issues) {
        const k = String(i.path[0] ?? '_')
        if (!e[k]) e[k] = k === 'lat' || k === 'lng' ? '请填写经纬度，或点击“使用当前位置”' : k === 'orgId' ? '请选择所属工会' : i.message
      }
      return setErrors(e)
    }
    setBusy(true)
    setError(null)
    try {
      if (editingId) await root.api.send(merchantsApi.update, { params: { id: editingId }, body: parsed.data })
      else await root.api.send(merchantsApi.create, { body: parsed.data })
      toast('已保存', 'success')
      onDone()
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) setErrors(err.fields)
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  const text = (k: 'name' | 'offer' | 'address' | 'lat' | 'lng', label: string, placeholder: string) => (
    <View className={`form-field field-${k}`}>
      <Text className='form-label'>{label}</Text>
      <Input className='form-input' type={k === 'lat' || k === 'lng' ? 'digit' : 'text'} value={f[k]} placeholder={placeholder} onInput={(e) => set(k, e.detail.value)} />
      <FieldError message={errors[k]} />
    </View>
  )
  const orgIndex = orgs.findIndex((o) => o.id === f.orgId)

  return (
    <View className='card merchant-form'>
      {text('name', '商户名称', '如：幸福里超市')}
      <View className='form-field field-category'>
        <Text className='form-label'>类别</Text>
        <Picker mode='selector' range={CATEGORY_LABELS} value={f.category ? MERCHANT_CATEGORY_KEYS.indexOf(f.category) : 0} onChange={(e) => set('category', MERCHANT_CATEGORY_KEYS[Number(e.detail.value)])}>
          <View className='form-picker'>{f.category ? MERCHANT_CATEGORIES[f.category] : <Text className='form-picker-placeholder'>请选择类别</Text>}</View>
        </Picker>
        <FieldError message={errors.category} />
      </View>
      {text('offer', '优惠内容', '如：凭工会卡满100减20')}
      <View className='form-field field-validTo'>
        <Text className='form-label'>有效期</Text>
        <View className='actions-row'>
          <Picker mode='date' value={f.validFrom} onChange={(e) => set('validFrom', String(e.detail.value))}>
            <View className='form-picker'>{f.validFrom}</View>
          </Picker>
          <Text>至</Text>
          <Picker mode='date' value={f.validTo} onChange={(e) => set('validTo', String(e.detail.value))}>
            <View className='form-picker'>{f.validTo}</View>
          </Picker>
        </View>
        <FieldError message={errors.validTo || errors.validFrom} />
      </View>
      {text('address', '地址', '街道门牌号')}
      {text('lat', '纬度', '如 30.274')}
      {text('lng', '经度', '如 120.155')}
      <Button className='btn btn-plain' onClick={() => void locateHere()}>
        使用当前位置
      </Button>
      {orgs.length > 1 ? (
        <View className='form-field field-orgId'>
          <Text className='form-label'>所属工会</Text>
          <Picker mode='selector' range={orgs.map((o) => o.name)} value={orgIndex >= 0 ? orgIndex : 0} onChange={(e) => set('orgId', orgs[Number(e.detail.value)].id)}>
            <View className='form-picker'>{orgIndex >= 0 ? orgs[orgIndex].name : <Text className='form-picker-placeholder'>请选择</Text>}</View>
          </Picker>
          <FieldError message={errors.orgId} />
        </View>
      ) : null}
      <ErrorMessage error={error} />
      <View className='actions-row'>
        <Button className='btn btn-ghost' onClick={onCancel}>
          取消
        </Button>
        <Button className='btn btn-primary merchant-save-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </View>
  )
}

function MerchantAdminPage() {
  const root = useStores()
  const orgs = root.session.roles.filter((g) => g.role === 'admin').map((g) => ({ id: g.orgId, name: g.orgName }))
  const fetchPage = useCallback((cursor: string | undefined) => root.api.send(merchantsApi.manage, { query: { cursor } }), [root])
  const list = useCursorList(fetchPage)
  const { refresh: load, loadMore } = list
  const items = list.items
  const [actionError, setError] = useState<unknown>(null)
  const error = actionError ?? list.error
  const [editing, setEditing] = useState<{ id: number | null; form: FormState } | null>(null)
  const [takingDown, setTakingDown] = useState<number | null>(null)

  useEffect(() => {
    void load()
  }, [load])
  useReachBottom(() => {
    if (!editing) void loadMore()
  })

  const takeDown = async (id: number) => {
    setTakingDown(id)
    setError(null)
    try {
      await root.api.send(merchantsApi.takeDown, { params: { id } })
      toast('已下架', 'success')
      await load()
    } catch (err) {
      setError(err)
    } finally {
      setTakingDown(null)
    }
  }

  if (editing) {
    return (
      <PageRoot className='page'>
        <MerchantForm
          initial={editing.form}
          editingId={editing.id}
          orgs={orgs}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setEditing(null)
            void load()
          }}
        />
      </PageRoot>
    )
  }
  if (!items) return error ? <PageRoot className='page'><ErrorMessage error={error} onRetry={() => void load()} /></PageRoot> : <Loading />

  return (
    <PageRoot className='page merchant-admin-page'>
      <Button className='btn btn-primary btn-block add-merchant-btn' onClick={() => setEditing({ id: null, form: emptyForm(orgs[0]?.id ?? null) })}>
        新增优惠商户
      </Button>
      <ErrorMessage error={error} onRetry={() => void load()} />
      {items.length === 0 ? (
        <View className='card'>
          <EmptyState title='还没有优惠商户' hint='点击“新增优惠商户”添加本工会的签约商户' />
        </View>
      ) : (
        items.map((m) => (
          <View key={m.id} className='card merchant-item'>
            <View className='merchant-head'>
              <Text className='merchant-name'>{m.name}</Text>
              <Text className={`tag merchant-state merchant-state-${m.state}`}>{STATE_LABELS[m.state]}</Text>
            </View>
            <Text className='offer'>{m.offer}</Text>
            <Text className='muted'>
              {MERCHANT_CATEGORIES[m.category]} · {m.address} · 至 {dayjs(m.validTo).format('M月D日')}
            </Text>
            <View className='actions-row'>
              <Button
                className='btn btn-ghost btn-small'
                onClick={() =>
                  setEditing({
                    id: m.id,
                    form: { name: m.name, category: m.category, offer: m.offer, validFrom: m.validFrom, validTo: m.validTo, address: m.address, lat: String(m.lat), lng: String(m.lng), orgId: m.orgId },
                  })
                }
              >
                编辑
              </Button>
              <Button className='btn btn-plain btn-small take-down-btn' loading={takingDown === m.id || undefined} disabled={takingDown !== null || undefined} onClick={() => void takeDown(m.id)}>
                下架
              </Button>
            </View>
          </View>
        ))
      )}
      <LoadMore list={list} />
    </PageRoot>
  )
}

export default observer(MerchantAdminPage)

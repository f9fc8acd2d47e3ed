/**
 * 新建 / 编辑驿站 (admins): name, address, GCJ-02 coordinates, the union (one of my admin posts; editing keeps the
 * station's), opening hours (24 h, or one window for the chosen weekdays — past midnight when it closes before it
 * opens — and holiday closures), facilities, the keeper's contact. The server checks it all again.
 */
import { useEffect, useState } from 'react'
import { Button, Input, Switch, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { pages } from '@contract/pages'
import { stationsApi } from '@contract/stations/api'
import { FACILITIES, FACILITY_LABELS } from '@contract/stations/labels'
import { WEEKDAY_LABELS } from '@contract/stations/hours'
import { useStores } from '../../../stores/context'
import { replaceWith, toast } from '../../../platform/ui'
import { isApiError } from '../../../api/errors'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { Chips } from '../../../components/Chips'
import { emptyForm, formOf, hoursDiffer, inputOf, type StationForm } from './form'
import '../staff.css'

function EditPage() {
  const root = useStores()
  const id = Number(useRouter().params.id) || null
  const posts = root.session.roles.filter((r) => r.role === 'admin')
  const [f, setF] = useState<StationForm | null>(id ? null : emptyForm(posts[0]?.orgId ?? null))
  const [photoIds, setPhotoIds] = useState<string[]>([])
  const [differ, setDiffer] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!id || !root.session.isAuthenticated) return
    root.api.send(stationsApi.detail, { params: { id } }).then(
      (s) => {
        setF(formOf(s))
        setPhotoIds(s.photos.map((p) => p.id))
        setDiffer(hoursDiffer(s))
      },
      (e) => setError(e),
    )
  }, [root, id, root.session.isAuthenticated])

  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='工会管理员登录后可登记驿站' />
  if (!f) return error ? <View className='page'><ErrorMessage error={error} /></View> : <Loading />

  const set = <K extends keyof StationForm>(k: K, v: StationForm[K]) => {
    setF((p) => (p ? { ...p, [k]: v } : p))
    setErrors((e) => ({ ...e, [k]: '' }))
  }
  const field = (key: 'name' | 'address' | 'lat' | 'lng' | 'keeperName' | 'keeperPhone', label: string, placeholder: string) => (
    <View className={`form-field field-${key}`}>
      <Text className='form-label'>{label}</Text>
      <Input className='form-input' value={f[key]} placeholder={placeholder} onInput={(e) => set(key, e.detail.value)} aria-label={label} />
      <FieldError message={errors[key]} />
    </View>
  )
  const save = async () => {
    setBusy(true)
    setError(null)
    try {
      const body = inputOf(f, photoIds)
      const saved = id ? await root.api.send(stationsApi.update, { params: { id }, body }) : await root.api.send(stationsApi.create, { body })
      toast('已保存', 'success')
      replaceWith(pages.stations.station.url({ id: saved.id }))
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) setErrors(e.fields)
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page station-edit'>
      <View className='card'>
        {field('name', '驿站名称', '如：云溪路骑手暖心驿站')}
        {field('address', '地址', '街道、门牌号')}
        {field('lat', '纬度（GCJ-02）', '如 30.2745')}
        {field('lng', '经度（GCJ-02）', '如 120.1557')}
        {!id && posts.length > 1 ? (
          <View className='form-field field-orgId'>
            <Text className='form-label'>运营工会</Text>
            <Chips variant='choice' label='运营工会' options={posts.map((p) => ({ value: p.orgId, label: p.orgName }))} value={f.orgId ?? 0} onChange={(v) => set('orgId', v)} />
            <FieldError message={errors.orgId} />
          </View>
        ) : null}
      </View>
      <View className='card'>
        <View className='filter-row'>
          <Text id='all-day-label'>24 小时开放</Text>
          <Switch checked={f.allDay} onChange={(e) => set('allDay', Boolean(e.detail.value))} aria-label='24 小时开放' />
        </View>
        {f.allDay ? null : (
          <>
            <Chips
              multi
              variant='choice'
              label='开放日'
              options={WEEKDAY_LABELS.map((d, i) => ({ value: i, label: d }))}
              value={f.weekdays.flatMap((on, i) => (on ? [i] : []))}
              onChange={(i) => set('weekdays', f.weekdays.map((on, j) => (j === i ? !on : on)))}
            />
            <View className='form-field'>
              <Text className='form-label'>开放时间（闭站早于开站即为跨夜）</Text>
              <Input className='form-input' value={f.open} placeholder='08:00' onInput={(e) => set('open', e.detail.value)} aria-label='开站时间' />
              <Input className='form-input' value={f.close} placeholder='20:00' onInput={(e) => set('close', e.detail.value)} aria-label='闭站时间' />
              {differ ? <Text className='form-hint'>原各日时间不同，保存后统一为此时间</Text> : null}
              <FieldError message={errors.hours} />
            </View>
          </>
        )}
        <View className='form-field'>
          <Text className='form-label'>节假日闭站日期（YYYY-MM-DD，逗号分隔）</Text>
          <Input className='form-input' value={f.closedDates} placeholder='2026-10-01, 2026-10-02' onInput={(e) => set('closedDates', e.detail.value)} aria-label='节假日闭站日期' />
        </View>
      </View>
      <View className='card'>
        <Text className='form-label'>设施</Text>
        <Chips
          multi
          variant='choice'
          label='设施'
          options={FACILITIES.map((x) => ({ value: x, label: FACILITY_LABELS[x] }))}
          value={f.facilities}
          onChange={(x) => set('facilities', f.facilities.includes(x) ? f.facilities.filter((y) => y !== x) : [...f.facilities, x])}
        />
        {field('keeperName', '站长姓名', '选填')}
        {field('keeperPhone', '站长电话', '选填，向所有人公开')}
      </View>
      <ErrorMessage error={error} />
      <Button className='btn btn-primary btn-block' disabled={busy} onClick={() => void save()}>
        保存
      </Button>
    </View>
  )
}

export default observer(EditPage)

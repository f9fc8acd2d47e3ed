/**
 * 新建 / 编辑驿站 (admins): name, address, GCJ-02 coordinates, the union (one of my admin posts; editing keeps the
 * station's), opening hours per weekday (休息, 全天 24 小时, or from–to — past midnight when it ends before it starts —
 * with 复制周一到每天) and holiday closures, facilities, the keeper's contact, and up to STATION_PHOTOS_MAX photos
 * (uploaded as picked, put in order — the first is the cover — or removed). The server checks it all again.
 */
import { useEffect, useState } from 'react'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { pages } from '@contract/pages'
import { stationsApi } from '@contract/stations/api'
import { FACILITIES, FACILITY_LABELS, STATION_PHOTOS_MAX, STATION_PHOTO_MAX_BYTES } from '@contract/stations/labels'
import { WEEKDAY_LABELS } from '@contract/stations/hours'
import { useStores } from '../../../stores/context'
import { replaceWith, toast } from '../../../platform/ui'
import { isApiError } from '../../../api/errors'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { Chips } from '../../../components/Chips'
import { Uploader } from '../../../components/Uploader'
import {
  DAY_MODES,
  DAY_MODE_LABELS,
  acrossMidnight,
  checkDays,
  copyMondayToAll,
  dayField,
  emptyForm,
  formOf,
  inputOf,
  movePhoto,
  type DayForm,
  type StationForm,
} from './form'
import { PageRoot } from '../../../components/PageRoot'
import '../staff.css'

interface Photo {
  id: string
  url: string
}

function EditPage() {
  const root = useStores()
  const id = Number(useRouter().params.id) || null
  const posts = root.session.roles.filter((r) => r.role === 'admin')
  const [f, setF] = useState<StationForm | null>(id ? null : emptyForm(posts[0]?.orgId ?? null))
  const [photos, setPhotos] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!id || !root.session.isAuthenticated) return
    root.api.send(stationsApi.detail, { params: { id } }).then(
      (s) => {
        setF(formOf(s))
        setPhotos(s.photos)
      },
      (e) => setError(e),
    )
  }, [root, id, root.session.isAuthenticated])

  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='工会管理员登录后可登记驿站' />
  if (!f) return error ? <PageRoot className='page'><ErrorMessage error={error} /></PageRoot> : <Loading />

  const set = <K extends keyof StationForm>(k: K, v: StationForm[K]) => {
    setF((p) => (p ? { ...p, [k]: v } : p))
    setErrors((e) => ({ ...e, [k]: '' }))
  }
  const setDay = (i: number, d: DayForm) => {
    setF((p) => (p ? { ...p, days: p.days.map((x, j) => (j === i ? d : x)) } : p))
    setErrors((e) => ({ ...e, [dayField(i, 'open')]: '', [dayField(i, 'close')]: '' }))
  }
  const field = (key: 'name' | 'address' | 'lat' | 'lng' | 'keeperName' | 'keeperPhone', label: string, placeholder: string) => (
    <View className={`form-field field-${key}`}>
      <Text className='form-label'>{label}</Text>
      <Input className='form-input' value={f[key]} placeholder={placeholder} onInput={(e) => set(key, e.detail.value)} aria-label={label} />
      <FieldError message={errors[key]} />
    </View>
  )
  const upload = async (filePath: string) => {
    setUploading(true)
    setErrors((e) => ({ ...e, photoIds: '' }))
    try {
      const p = await root.api.upload(stationsApi.photoUpload, { filePath, name: 'file' })
      setPhotos((list) => [...list, { id: p.id, url: p.url }])
      return true
    } catch (e) {
      setErrors((x) => ({ ...x, photoIds: isApiError(e) ? e.message : '上传失败，请重试' }))
      return false
    } finally {
      setUploading(false)
    }
  }
  const save = async () => {
    const dayErrors = checkDays(f.days)
    if (Object.keys(dayErrors).length) {
      setErrors((e) => ({ ...e, ...dayErrors }))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const body = inputOf(f, photos.map((p) => p.id))
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
    <PageRoot className='page station-edit'>
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

      <View className='card station-hours' aria-label='开放时间'>
        <View className='filter-row'>
          <Text className='section-title'>开放时间</Text>
          <Button
            className='btn btn-plain btn-small copy-monday'
            onClick={() => {
              set('days', copyMondayToAll(f.days))
              setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('hours.days'))))
            }}
          >
            复制周一到每天
          </Button>
        </View>
        <Text className='form-hint'>结束早于开始即为跨夜，如 22:00–06:00 开到次日早上</Text>
        {f.days.map((d, i) => (
          <View key={WEEKDAY_LABELS[i]} className={`weekday-row weekday-${i}`} aria-label={`${WEEKDAY_LABELS[i]}开放时间`}>
            <View className='weekday-head'>
              <Text className='weekday-label'>{WEEKDAY_LABELS[i]}</Text>
              <Chips
                variant='choice'
                label={`${WEEKDAY_LABELS[i]}开放方式`}
                options={DAY_MODES.map((m) => ({ value: m, label: DAY_MODE_LABELS[m] }))}
                value={d.mode}
                onChange={(mode) => setDay(i, { ...d, mode })}
              />
            </View>
            {d.mode === 'range' ? (
              <View className='weekday-times'>
                <Input className='form-input weekday-open' value={d.open} placeholder='08:00' onInput={(e) => setDay(i, { ...d, open: e.detail.value })} aria-label={`${WEEKDAY_LABELS[i]}开始时间`} />
                <Text>至</Text>
                <Input className='form-input weekday-close' value={d.close} placeholder='20:00' onInput={(e) => setDay(i, { ...d, close: e.detail.value })} aria-label={`${WEEKDAY_LABELS[i]}结束时间`} />
                {acrossMidnight(d) ? <Text className='tag weekday-overnight'>次日</Text> : null}
              </View>
            ) : null}
            <FieldError message={errors[dayField(i, 'open')] || errors[dayField(i, 'close')]} />
          </View>
        ))}
        <FieldError message={errors.hours || errors['hours.days']} />
        <View className='form-field'>
          <Text className='form-label'>节假日闭站日期（YYYY-MM-DD，逗号分隔）</Text>
          <Input className='form-input' value={f.closedDates} placeholder='2026-10-01, 2026-10-02' onInput={(e) => set('closedDates', e.detail.value)} aria-label='节假日闭站日期' />
          <FieldError message={Object.entries(errors).find(([k, v]) => k.startsWith('hours.closedDates') && v)?.[1]} />
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

      <View className='card station-photos-edit' aria-label='驿站照片'>
        <Text className='section-title'>驿站照片</Text>
        {photos.map((p, i) => (
          <View key={p.id} className='edit-photo'>
            <Image className='edit-photo-thumb' src={p.url} mode='aspectFill' aria-label={`照片 ${i + 1}`} nativeProps={{ alt: `照片 ${i + 1}` }} />
            <Text className='edit-photo-label'>{i === 0 ? '封面' : `第 ${i + 1} 张`}</Text>
            <View className='edit-photo-actions'>
              {i > 0 ? (
                <View className='edit-photo-left' role='button' aria-label={`照片 ${i + 1} 前移`} onClick={() => setPhotos(movePhoto(photos, i, -1))}>
                  前移
                </View>
              ) : null}
              {i < photos.length - 1 ? (
                <View className='edit-photo-right' role='button' aria-label={`照片 ${i + 1} 后移`} onClick={() => setPhotos(movePhoto(photos, i, 1))}>
                  后移
                </View>
              ) : null}
              <View className='edit-photo-remove' role='button' aria-label={`删除照片 ${i + 1}`} onClick={() => setPhotos(photos.filter((x) => x.id !== p.id))}>
                删除
              </View>
            </View>
          </View>
        ))}
        {photos.length < STATION_PHOTOS_MAX ? (
          <Uploader
            label='添加驿站照片'
            files={[]}
            onUpload={upload}
            onRemove={() => undefined}
            busy={uploading}
            maxBytes={STATION_PHOTO_MAX_BYTES}
            maxLabel='5 MB'
            photosOnly
            error={errors.photoIds}
            hint={`JPG、PNG 或 WebP，每张 5 MB 以内，最多 ${STATION_PHOTOS_MAX} 张；第一张为封面，保存后在驿站页面展示`}
          />
        ) : (
          <>
            <Text className='form-hint'>最多 {STATION_PHOTOS_MAX} 张照片，删除后可再添加</Text>
            <FieldError message={errors.photoIds} />
          </>
        )}
      </View>

      <ErrorMessage error={error} />
      <Button className='btn btn-primary btn-block station-save' disabled={busy || uploading} onClick={() => void save()}>
        保存
      </Button>
    </PageRoot>
  )
}

export default observer(EditPage)

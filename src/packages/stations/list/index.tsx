/**
 * 爱心驿站: nearest first from the device's position (or a chosen area when the location is refused), by facility
 * and 开放中; weapp shows a map above the list. No login needed. One tap navigates.
 */
import { useCallback, useEffect, useState } from 'react'
import { Button, Switch, Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { pages } from '@contract/pages'
import { stationsApi } from '@contract/stations/api'
import { FACILITIES, FACILITY_LABELS, type Facility } from '@contract/stations/labels'
import type { AreaList, StationList, StationSummary } from '@contract/stations/schemas'
import { useStores } from '../../../stores/context'
import { location } from '../../../platform/location'
import { go, toast } from '../../../platform/ui'
import { Chips } from '../../../components/Chips'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoadMore } from '../../../components/LoadMore'
import { useCursorList } from '../../../hooks/useCursorList'
import { StationMap } from '../components/StationMap'
import { distanceText, liveStatusText } from '../format'
import { PageRoot } from '../../../components/PageRoot'
import '../stations.css'

type Pos = { lat: number; lng: number } | null

export function StationCard({ s }: { s: StationSummary }) {
  const navigate = async () => {
    const r = await location.open({ latitude: s.lat, longitude: s.lng, name: s.name, address: s.address })
    if (!r.ok) toast(r.message)
  }
  return (
    <View className='card station-item' aria-label={`${s.name}，${distanceText(s.distanceMeters)}`}>
      <View className='kv' onClick={() => go(pages.stations.station.url({ id: s.id }))} role='link'>
        <Text className='station-name'>{s.name}</Text>
        <Text className='station-distance muted'>{distanceText(s.distanceMeters)}</Text>
      </View>
      <View className='station-tags'>
        <Text className={`tag ${s.openNow ? 'station-open' : 'station-closed'}`}>{s.openNow ? '开放中' : '休息中'}</Text>
        {/* 正常开放 says nothing while the hours have it closed */}
        {s.openNow || s.liveStatus !== 'open' ? <Text className={`tag status-${s.liveStatus}`}>{liveStatusText(s.liveStatus)}</Text> : null}
        {s.openReports > 0 ? <Text className='tag status-paused'>{s.openReports} 个问题待处理</Text> : null}
      </View>
      <Text className='muted'>
        {s.todayHours} · {s.address}
      </Text>
      <Text className='muted station-facility-line'>{s.facilities.map((f) => FACILITY_LABELS[f]).join(' · ')}</Text>
      <View className='station-actions'>
        <Button className='btn btn-ghost btn-small' onClick={() => go(pages.stations.station.url({ id: s.id }))}>
          详情
        </Button>
        <Button className='btn btn-primary btn-small' onClick={() => void navigate()} aria-label={`导航到${s.name}`}>
          导航
        </Button>
      </View>
    </View>
  )
}

export default function StationListPage() {
  const root = useStores()
  const [pos, setPos] = useState<Pos | undefined>(undefined)
  const [areas, setAreas] = useState<AreaList['items']>([])
  const [areasSettled, setAreasSettled] = useState(false)
  const [areaId, setAreaId] = useState<number | undefined>(undefined)
  const [facility, setFacility] = useState<Facility | ''>('')
  const [openNow, setOpenNow] = useState(false)
  const [origin, setOrigin] = useState<StationList['origin'] | null>(null)

  useEffect(() => {
    void location.locate().then((r) => setPos(r.ok ? { lat: r.latitude, lng: r.longitude } : null))
  }, [])
  useEffect(() => {
    if (pos !== null) return
    void root.api.send(stationsApi.areas, {}).then(
      (res) => {
        setAreas(res.items)
        setAreasSettled(true)
      },
      () => {
        setAreas([])
        setAreasSettled(true)
      },
    )
  }, [root, pos])

  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const res = await root.api.send(stationsApi.list, {
        query: {
          lat: pos?.lat,
          lng: pos?.lng,
          areaId: pos ? undefined : areaId,
          facility: facility || undefined,
          openNow: openNow ? '1' : undefined,
          cursor,
        },
      })
      setOrigin(res.origin)
      return res
    },
    [root, pos, areaId, facility, openNow],
  )
  const list = useCursorList(fetchPage)
  const { refresh, loadMore } = list
  useEffect(() => {
    if (pos !== undefined) void refresh()
  }, [pos, refresh])
  useReachBottom(() => void loadMore())

  const items = list.items ?? []
  const facilityOptions = [{ value: '' as const, label: '全部设施' }, ...FACILITIES.map((f) => ({ value: f, label: FACILITY_LABELS[f] }))]
  // Nothing is inserted above what is already on screen (issue 18: the list's layout shift, CLS 0.395): the filters
  // come first and stay put; the area choice (when the location is refused) and the stations replace the one loading
  // block below them together, once the position, the areas and the first page have all arrived.
  const waiting = pos === undefined || (pos === null && !areasSettled) || (list.loading && list.items === null)
  return (
    <PageRoot className='page stations-page'>
      <Chips label='按设施筛选' options={facilityOptions} value={facility} onChange={(v) => setFacility(v as Facility | '')} />
      <View className='filter-row'>
        <Text id='open-now-label'>只看开放中</Text>
        <Switch className='open-now-switch' checked={openNow} onChange={(e) => setOpenNow(Boolean(e.detail.value))} aria-labelledby='open-now-label' aria-label='只看开放中' nativeProps={{ 'aria-label': '只看开放中' }} />
      </View>
      <StationMap items={items} center={origin ? { lat: origin.lat, lng: origin.lng } : null} onPick={(id) => go(pages.stations.station.url({ id }))} />
      <ErrorMessage error={list.error} onRetry={() => void refresh()} />
      {waiting ? (
        <Loading text={pos === undefined ? '正在获取位置…' : '加载中…'} />
      ) : (
        <>
          {pos === null ? (
            <View className='card'>
              <Text className='muted origin-hint'>未获得位置权限，可选择区域按距离排序</Text>
              <Chips
                label='选择区域'
                options={[{ value: undefined, label: '默认' }, ...areas.map((a) => ({ value: a.id as number | undefined, label: a.name }))]}
                value={areaId}
                onChange={setAreaId}
              />
            </View>
          ) : null}
          {items.length === 0 && !list.error ? (
            <View className='card'>
              <EmptyState title='附近暂无符合条件的驿站' hint='换个设施或关闭“只看开放中”试试' />
            </View>
          ) : (
            items.map((s) => <StationCard key={s.id} s={s} />)
          )}
        </>
      )}
      <LoadMore list={list} />
    </PageRoot>
  )
}

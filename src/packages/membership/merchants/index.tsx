import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { MERCHANT_CATEGORIES, MERCHANT_CATEGORY_KEYS, type MerchantCategory } from '@contract/membership/labels'
import { membershipApi } from '@contract/membership/api'
import type { MerchantList } from '@contract/membership/schemas'
import { useStores } from '../../../stores/context'
import { location } from '../../../platform/location'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { LoginRequired } from '../../../components/LoginRequired'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { dayjs } from '../../../utils/date'
import '../membership.css'

/** 850 米 / 1.2 公里 */
export function distanceText(m: number | null): string {
  if (m === null) return ''
  return m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`
}

type Pos = { lat: number; lng: number } | null

export default function MerchantsPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const [category, setCategory] = useState<MerchantCategory | null>(null)
  const [pos, setPos] = useState<Pos | undefined>(undefined)
  const [data, setData] = useState<MerchantList | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    void location.locate().then((r) => setPos(r.ok ? { lat: r.latitude, lng: r.longitude } : null))
  }, [])

  const load = useCallback(async () => {
    if (pos === undefined) return
    setLoading(true)
    setError(null)
    try {
      const res = await root.api.send(membershipApi.merchants, {
        query: { category: category ?? undefined, lat: pos?.lat, lng: pos?.lng },
      })
      setData(res)
    } catch (err) {
      setError(err)
    } finally {
      setLoading(false)
    }
  }, [root, category, pos])

  useEffect(() => {
    if (authed) void load()
  }, [authed, load])

  if (!authed) {
    return <LoginRequired hint='登录后可查看工会卡优惠商户' />
  }

  const items = data ? [...data.items].sort((a, b) => (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity)) : []
  const tabs: (MerchantCategory | null)[] = [null, ...MERCHANT_CATEGORY_KEYS]

  return (
    <View className='page merchants-page'>
      <View className='tabs'>
        {tabs.map((c) => (
          <Text key={c ?? 'all'} className='tab' data-active={c === category ? 'true' : 'false'} onClick={() => setCategory(c)}>
            {c ? MERCHANT_CATEGORIES[c] : '全部'}
          </Text>
        ))}
      </View>
      {data && (data.origin.source === 'union_city' || pos === null) ? (
        <Text className='muted origin-hint'>未获取到您的位置，按所属工会所在城市中心计算距离</Text>
      ) : null}
      <ErrorMessage error={error} onRetry={() => void load()} />
      {loading && !data ? (
        <Loading text={pos === undefined ? '正在获取位置…' : '加载中…'} />
      ) : items.length === 0 && !error ? (
        <View className='card'>
          <EmptyState title='暂无优惠商户' hint='换个类别看看，或稍后再来' />
        </View>
      ) : (
        items.map((m) => (
          <View key={m.id} className='card merchant-item'>
            <View className='kv'>
              <Text className='merchant-name'>{m.name}</Text>
              <Text className='merchant-distance muted'>{distanceText(m.distanceMeters)}</Text>
            </View>
            <Text className='offer'>{m.offer}</Text>
            <Text className='muted'>
              {MERCHANT_CATEGORIES[m.category]} · {m.address}
            </Text>
            <Text className='muted merchant-valid'>有效期至 {dayjs(m.validTo).format('M月D日')}</Text>
          </View>
        ))
      )}
    </View>
  )
}

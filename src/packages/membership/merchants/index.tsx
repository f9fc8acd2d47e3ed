import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { MERCHANT_CATEGORIES, MERCHANT_CATEGORY_KEYS, type MerchantCategory } from '@contract/merchants/labels'
import { merchantsApi } from '@contract/merchants/api'
import type { MerchantList } from '@contract/merchants/schemas'
import { useStores } from '../../../stores/context'
import { location } from '../../../platform/location'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { LoginRequired } from '../../../components/LoginRequired'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoadMore } from '../../../components/LoadMore'
import { dayjs } from '../../../utils/date'
import { useCursorList } from '../../../hooks/useCursorList'
import '../membership.css'
import { focusable } from '../../../utils/a11y'
import { PageRoot } from '../../../components/PageRoot'

/** 850 米 / 1.2 公里 */
export function distanceText(m: number | null): string {
  if (m === null) return ''
  return m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`
}

type Pos = { lat: number; lng: number } | null

/** Offers come from the member's own union and the unions above it: someone of no union sees none. */
export const NO_OFFERS_HINT = '这里展示您所在工会及上级工会签约的优惠商户；换个类别看看，或入会后再来'

export default function MerchantsPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const [category, setCategory] = useState<MerchantCategory | null>(null)
  const [pos, setPos] = useState<Pos | undefined>(undefined)
  const [origin, setOrigin] = useState<MerchantList['origin'] | null>(null)

  useEffect(() => {
    void location.locate().then((r) => setPos(r.ok ? { lat: r.latitude, lng: r.longitude } : null))
  }, [])

  // Nearest first, a page at a time; the next pages keep measuring from the first page's origin (in the cursor).
  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const res = await root.api.send(merchantsApi.list, {
        query: { category: category ?? undefined, lat: pos?.lat, lng: pos?.lng, cursor },
      })
      setOrigin(res.origin)
      return res
    },
    [root, category, pos],
  )
  const list = useCursorList(fetchPage)
  const { refresh: load, loadMore } = list
  const error = list.error
  const loading = pos === undefined || list.loading
  const data = list.items ? { items: list.items, origin } : null

  useEffect(() => {
    if (authed && pos !== undefined) void load()
  }, [authed, pos, load])
  useReachBottom(() => void loadMore())

  if (!authed) {
    return <LoginRequired hint='登录后可查看工会卡优惠商户' />
  }

  // The server's order (nearest first, by exact distance then id) across pages.
  const items = data ? data.items : []
  const tabs: (MerchantCategory | null)[] = [null, ...MERCHANT_CATEGORY_KEYS]

  return (
    <PageRoot className='page merchants-page'>
      <View className='tabs' role='group' ariaLabel='商户分类' {...focusable}>
        {tabs.map((c) => (
          <Text key={c ?? 'all'} className='tab' data-active={c === category ? 'true' : 'false'} onClick={() => setCategory(c)}>
            {c ? MERCHANT_CATEGORIES[c] : '全部'}
          </Text>
        ))}
      </View>
      {data && (data.origin?.source === 'union_city' || pos === null) ? (
        <Text className='muted origin-hint'>未获取到您的位置，按所属工会所在城市中心计算距离</Text>
      ) : null}
      <ErrorMessage error={error} onRetry={() => void load()} />
      {loading && !data ? (
        <Loading text={pos === undefined ? '正在获取位置…' : '加载中…'} />
      ) : items.length === 0 && !error ? (
        <View className='card'>
          <EmptyState title='暂无优惠商户' hint={NO_OFFERS_HINT} />
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
      <LoadMore list={list} />
    </PageRoot>
  )
}

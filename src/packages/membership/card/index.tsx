import { pages } from '@contract/pages'
import { useEffect, useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import type { MemberCard } from '@contract/membership/schemas'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { LoginRequired } from '../../../components/LoginRequired'
import { ResourceView } from '../../../components/ResourceView'
import { formatDate } from '../../../utils/date'
import { qrDataUrl } from '../../../utils/qr'
import { createCardStore } from '../stores'
import type { CardStore } from '../stores/CardStore'
import '../membership.css'
import { QrImage } from '../../../components/QrImage'
import { PageRoot } from '../../../components/PageRoot'

function CardPage() {
  const root = useStores()
  const [store] = useState(() => createCardStore(root))
  const authed = root.session.isAuthenticated

  useEffect(() => {
    if (!authed) return undefined
    void store.refresh()
    const t = setInterval(() => store.tick(), 1000)
    return () => clearInterval(t)
  }, [authed, store])
  useDidShow(() => {
    if (authed && store.card) void store.refresh()
  })

  const code = store.card?.code
  const qr = useMemo(() => (code ? qrDataUrl(code) : null), [code])

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) {
    return <LoginRequired hint='登录后可出示电子会员卡' />
  }
  if (store.notMember) {
    return (
      <PageRoot className='page'>
        <View className='card'>
          <EmptyState title='您还不是工会会员' hint='入会审核通过后即可使用电子会员卡' actionText='申请入会' onAction={() => go(pages.membership.join.path)} />
        </View>
      </PageRoot>
    )
  }
  return <ResourceView resource={store.resource}>{({ card }) => <Card card={card} qr={qr} store={store} />}</ResourceView>
}

/** The card: who, which union, since when, and the QR with its code and countdown. */
const Card = observer(function Card({ card, qr, store }: { card: MemberCard; qr: string | null; store: CardStore }) {
  return (
    <PageRoot className='page card-page'>
      <View className='member-card'>
        <Text className='card-name'>{card.name}</Text>
        <Text>{card.org.name}</Text>
        <View className='member-card-row'>
          <Text>会员号</Text>
          <Text className='member-no'>{card.memberNo}</Text>
        </View>
        <View className='member-card-row'>
          <Text>入会日期</Text>
          <Text>{formatDate(card.joinedAt)}</Text>
        </View>
        <View className='member-card-row'>
          <Text>会员类型</Text>
          <Text className='member-type'>{EMPLOYMENT_TYPES[card.employmentType]}</Text>
        </View>
      </View>
      <View className='card qr-box'>
        {qr ? <QrImage className='card-qr' src={qr} label={`会员码，请出示给工作人员扫描。码：${card.code}`} /> : null}
        <Text className='card-qr-hint'>会员码，请出示给工作人员扫描</Text>
        <Text className='muted card-countdown'>{store.loading ? '正在刷新…' : `${store.secondsToRefresh} 秒后自动刷新`}</Text>
        <Text className='card-code' userSelect selectable>
          {card.code}
        </Text>
        <Text className='muted'>请向工作人员出示此码，截图无效</Text>
      </View>
    </PageRoot>
  )
})

export default observer(CardPage)

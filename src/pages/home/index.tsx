import { pages } from '@contract/pages'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useStores } from '../../stores/context'
import { greeting } from '../../utils/date'
import { comingSoon, go, toLogin } from '../../platform/ui'
import { Loading } from '../../components/Loading'
import { display } from '../../platform/display'
import { careModeClass, focusable } from '../../utils/a11y'
import './index.css'

interface Tile {
  key: string
  name: string
  desc: string
  /** Where the tile leads once its capability ships; absent: 即将上线. */
  open?: (isMember: boolean) => string
  /** Opens without logging in (爱心驿站). */
  public?: boolean
}

/** Capability entries. Each opens its subpackage once that capability ships; until then it says so. */
const TILES: Tile[] = [
  // The join page itself shows the progress of a pending application.
  { key: 'membership', name: '入会申请', desc: '在线申请加入工会', open: (m) => (m ? pages.membership.card.path : pages.membership.join.path) },
  { key: 'card', name: '电子会员卡', desc: '出示会员身份', open: (m) => (m ? pages.membership.card.path : pages.membership.join.path) },
  { key: 'merchants', name: '工会卡优惠', desc: '会员专享商户优惠', open: () => pages.membership.merchants.path },
  { key: 'vouchers', name: '福利领券', desc: '电影、健身、游泳福利券', open: () => pages.welfare.path },
  { key: 'events', name: '活动报名', desc: '技能竞赛、文体活动、疗休养', open: () => pages.events.list.path },
  { key: 'relief', name: '帮扶救助', desc: '困难帮扶、医疗救助、助学', open: () => pages.relief.types.path },
  { key: 'stations', name: '爱心驿站', desc: '附近的休息点', open: () => pages.stations.list.path, public: true },
  { key: 'legal', name: '法律援助', desc: '劳动权益咨询', open: () => pages.legal.home.path },
  { key: 'bookings', name: '在线预约', desc: '法律咨询、心理咨询、体检车', open: () => pages.bookings.list.path },
  { key: 'volunteer', name: '志愿服务', desc: '我的志愿服务时长', open: () => pages.events.volunteer.path },
]

/** 关怀模式 shows only the six services members use most, one per row (the membership tile is 入会 or 会员卡). */
const CARE_TILES = ['vouchers', 'events', 'relief', 'stations', 'legal']

function HomePage() {
  const { session } = useStores()

  if (session.status === 'unknown') return <Loading />

  const care = session.careMode
  const tiles = care
    ? [TILES.find((t) => t.key === (session.isMember ? 'card' : 'membership'))!, ...TILES.filter((t) => CARE_TILES.includes(t.key))]
    : TILES
  const offer = session.shouldOfferCareMode(display.systemLargeText())

  return (
    <View className={careModeClass('page home-page', session)}>
      {offer ? (
        <View className='card care-offer' role='region' ariaLabel='关怀模式'>
          <Text className='care-offer-text'>字体调大了？试试关怀模式：大字体、高对比度、简洁首页。</Text>
          <View className='care-offer-actions'>
            <Button className='btn btn-primary care-offer-on' onClick={() => void session.setCareMode(true).catch(() => undefined)}>
              开启关怀模式
            </Button>
            <Button className='btn btn-ghost care-offer-off' onClick={() => session.dismissCareOffer()}>
              暂不需要
            </Button>
          </View>
        </View>
      ) : null}
      <View className='card home-greeting'>
        {session.isAuthenticated && session.me ? (
          <>
            <Text className='home-hello'>
              {greeting()}，{session.me.nickname}
            </Text>
            <Text className='home-sub'>{session.isMember ? '感谢您对工会工作的支持' : '您还不是工会会员，点击“入会申请”在线申请'}</Text>
          </>
        ) : (
          <>
            <Text className='home-hello'>{greeting()}，欢迎使用工会会员服务</Text>
            <Text className='home-sub'>登录后可申请入会、领取福利、报名活动</Text>
            <Button className='btn btn-block home-login-btn' onClick={toLogin}>
              登录
            </Button>
          </>
        )}
      </View>

      <Text className='section-title'>
        {care ? '常用服务' : '会员服务'}
      </Text>
      <View className='tiles' role='navigation' ariaLabel='会员服务'>
        {tiles.map((t) => (
          <View
            key={t.key}
            className={`tile tile-${t.key}`}
            role='link'
            {...focusable}
            onClick={() => {
              if (!t.open) return comingSoon(t.name)
              if (!session.isAuthenticated && !t.public) return toLogin()
              go(t.open(session.isMember))
            }}
          >
            <Text className='tile-name'>{t.name}</Text>
            <Text className='tile-desc'>{t.desc}</Text>
            {t.open ? null : <Text className='tile-soon'>即将上线</Text>}
          </View>
        ))}
      </View>
    </View>
  )
}

export default observer(HomePage)

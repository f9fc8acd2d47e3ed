import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { vouchersApi } from '@contract/vouchers/api'
import { buildPath } from '@contract/endpoint'
import { useStores } from '../../../stores/context'
import { documents } from '../../../platform/document'
import { toast } from '../../../platform/ui'
import { ResourceView } from '../../../components/ResourceView'
import { useResource } from '../../../hooks/useResource'
import { formatDateTime } from '../../../utils/date'
import { PageRoot } from '../../../components/PageRoot'
import { CampaignActions } from './CampaignActions'
import '../../../styles/staff.css'

/** Refresh this often while the claim window is open (or when we do not know the window); slower otherwise. */
const LIVE_MS = 3000
const IDLE_MS = 30_000

function Stat({ n, label, cls }: { n: number; label: string; cls: string }) {
  return (
    <View className={`stat stat-${cls}`}>
      <Text className='stat-num'>{n}</Text>
      <Text className='stat-label'>{label}</Text>
    </View>
  )
}

/**
 * 活动数据: stock left, claims, redemptions (per venue), waitlist — live while the window is open; CSV export; until it
 * has closed, 编辑活动 / 追加库存 / 结束发放 (CampaignActions).
 */
function CampaignStatsPage() {
  const root = useStores()
  const { params } = useRouter()
  const id = Number(params.id)
  const title = params.title ? decodeURIComponent(params.title) : `活动 #${id}`
  const opensAt = params.opensAt ? Date.parse(decodeURIComponent(params.opensAt)) : NaN
  const closesAt = params.closesAt ? Date.parse(decodeURIComponent(params.closesAt)) : NaN
  const [exporting, setExporting] = useState(false)
  const [live, setLive] = useState(true)
  const resource = useResource(() => root.api.send(vouchersApi.campaignStats, { params: { id } }), [root, id], {
    pollMs: live ? LIVE_MS : IDLE_MS,
  })
  const stats = resource.data
  const serverNow = stats ? Date.parse(stats.serverTime) : NaN
  const isLive = !(serverNow < opensAt - 60_000 || serverNow > closesAt + 60_000)
  // Ended (by its time or by 结束发放, which the reply's closesAt says): nothing to manage any more.
  const [ended, setEnded] = useState(false)
  const closed = ended || serverNow >= closesAt
  if (stats && isLive !== live) setLive(isLive)

  const exportCsv = async () => {
    setExporting(true)
    const token = root.session.token
    const r = await documents.open({
      url: buildPath(vouchersApi.exportCsv.path, { id }),
      headers: token ? { authorization: `Bearer ${token}` } : {},
      fileName: `福利券-${id}.csv`,
      fileType: 'csv',
    })
    setExporting(false)
    toast(r.ok ? '已开始下载' : r.message)
  }

  return <ResourceView resource={resource}>{(stats) => (
    <PageRoot className='page campaign-stats-page'>
      <View className='card'>
        <Text className='merchant-name'>{title}</Text>
        <Text className='muted' style={{ display: 'block' }}>
          活动编号 #{id} · {live ? `实时刷新中（每 ${LIVE_MS / 1000} 秒）` : '不在领取时间内'} · 更新于 {formatDateTime(stats.serverTime)}
        </Text>
        <View className='stat-grid'>
          <Stat n={stats.remaining} label={`剩余 / 共 ${stats.totalStock}`} cls='remaining' />
          <Stat n={stats.claims} label='已领取' cls='claims' />
          <Stat n={stats.redemptions} label='已核销' cls='redemptions' />
          <Stat n={stats.waitlist} label='候补人数' cls='waitlist' />
          <Stat n={stats.returned} label='已退回' cls='returned' />
          <Stat n={stats.expired} label='已过期' cls='expired' />
          {stats.entries > 0 ? <Stat n={stats.entries} label='抽签报名' cls='entries' /> : null}
        </View>
      </View>
      {stats.perVenue.length > 0 ? (
        <>
          <Text className='section-title'>{stats.perVenue.some((v) => v.stock != null) ? '各场馆库存与核销' : '各场馆核销'}</Text>
          <View className='card'>
            {stats.perVenue.map((v) => (
              <View key={v.venueId} className='list-row venue-stat' data-venue={v.venueId}>
                <Text>{v.venueName}</Text>
                <View>
                  {/* 分场馆库存: the venue's own allotment and what is left of it. */}
                  {v.stock != null ? (
                    <Text className='muted venue-stock'>
                      库存 {v.stock} · 剩余 {v.remaining ?? 0}
                      {' · '}
                    </Text>
                  ) : null}
                  <Text className='venue-redemptions'>核销 {v.redemptions} 张</Text>
                </View>
              </View>
            ))}
          </View>
        </>
      ) : null}
      {stats.drawnAt ? <Text className='muted'>已于 {formatDateTime(stats.drawnAt)} 开奖</Text> : null}
      {closed ? (
        <Text className='muted campaign-ended'>活动已结束，不能再编辑；已发出的券在各自有效期内仍可使用</Text>
      ) : (
        <CampaignActions
          root={root}
          id={id}
          onChanged={(endedNow) => {
            if (endedNow) setEnded(true)
            void resource.reload()
          }}
        />
      )}
      <Button className='btn btn-ghost btn-block export-btn' loading={exporting || undefined} disabled={exporting || undefined} onClick={() => void exportCsv()}>
        {documents.canOpen('csv') ? '导出 CSV' : '导出 CSV（请用电脑网页版）'}
      </Button>
    </PageRoot>
  )}</ResourceView>
}

export default observer(CampaignStatsPage)

import { pages } from '@contract/pages'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { vouchersApi } from '@contract/vouchers/api'
import type { Campaign } from '@contract/vouchers/schemas'
import { CAMPAIGN_KINDS, CAMPAIGN_MODES, CAMPAIGN_PHASES } from '@contract/vouchers/labels'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { EmptyState } from '../../../components/EmptyState'
import { ResourceView } from '../../../components/ResourceView'
import { useResource } from '../../../hooks/useResource'
import { formatDateTime } from '../../../utils/date'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'

export function statsUrl(c: Pick<Campaign, 'id' | 'title' | 'opensAt' | 'closesAt'>): string {
  return pages.vouchersStaff.stats.url({ id: c.id, title: c.title, opensAt: c.opensAt, closesAt: c.closesAt })
}

/** 福利活动管理: the admin's campaigns, newest first; tap one for its live figures. */
function CampaignAdminPage() {
  const root = useStores()
  const campaigns = useResource(() => root.api.send(vouchersApi.manageCampaigns, { query: {} }), [root])

  return (
    <ResourceView resource={campaigns}>
      {({ items }) => (
        <PageRoot className='page campaign-admin-page'>
          <Button className='btn btn-primary btn-block new-campaign-btn' onClick={() => go(pages.vouchersStaff.edit.path)}>
            新建福利活动
          </Button>
          {items.length === 0 ? (
            <View className='card'>
              <EmptyState title='还没有福利活动' hint='点击“新建福利活动”发布电影、健身、游泳券' />
            </View>
          ) : (
            items.map((c) => <CampaignItem key={c.id} c={c} />)
          )}
        </PageRoot>
      )}
    </ResourceView>
  )
}

function CampaignItem({ c }: { c: Campaign }) {
  return (
    <View className='card campaign-admin-item' data-id={c.id} onClick={() => go(statsUrl(c))}>
      <View className='merchant-head'>
        <Text className='merchant-name'>{c.title}</Text>
        <Text className='tag'>{CAMPAIGN_PHASES[c.phase]}</Text>
      </View>
      <Text className='muted' style={{ display: 'block' }}>
        活动编号 #{c.id} · {CAMPAIGN_KINDS[c.kind]} · {CAMPAIGN_MODES[c.mode]} · {c.orgName}
      </Text>
      <Text className='muted' style={{ display: 'block' }}>
        剩余 {c.remaining} / {c.totalStock} 张 · 候补 {c.waitlistLength} 人
      </Text>
      <Text className='muted' style={{ display: 'block' }}>
        {formatDateTime(c.opensAt)} 至 {formatDateTime(c.closesAt)}
      </Text>
    </View>
  )
}

export default observer(CampaignAdminPage)

/** What a claim or a lottery entry ended in, under the button: 领取成功 with the code, or the refusal's state. */
import { pages } from '@contract/pages'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import type { Voucher } from '@contract/vouchers/schemas'
import { go } from '../../../platform/ui'
import type { CampaignStore, ClaimOutcome } from '../stores/CampaignStore'

const OUTCOME_TITLES: Record<ClaimOutcome['kind'], string> = {
  success: '领取成功',
  entered: '已报名',
  sold_out: '已领完',
  limit: '已达领取上限',
  not_open: '未开始',
  closed: '已结束',
  not_eligible: '不在领取范围',
  retry: '网络不给力',
  error: '领取失败',
}

function successText(v: Voucher): string {
  const only = typeof v.venueId === 'number' ? v.venues.find((x) => x.id === v.venueId) ?? v.venues[0] : null
  return only ? `券码 ${v.code}，限「${only.name}」使用，请在有效期内到该场馆出示` : `券码 ${v.code}，请在有效期内到指定场馆出示`
}

export const ClaimResult = observer(function ClaimResult({ store }: { store: CampaignStore }) {
  const o = store.outcome
  if (!o) return null
  return (
    <View className='claim-result' data-kind={o.kind} role='alert'>
      <Text className='claim-result-title'>{OUTCOME_TITLES[o.kind]}</Text>
      <Text className='claim-result-message'>
        {o.kind === 'success' ? successText(o.voucher) : o.message}
      </Text>
      {o.kind === 'success' ? (
        <Button className='btn btn-primary go-mine-btn' onClick={() => go(pages.vouchers.mine.path)}>
          查看我的券
        </Button>
      ) : null}
    </View>
  )
})

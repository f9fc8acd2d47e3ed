/** 法律援助: the hotline, 我要咨询, and the member's consultations (newest first, cursor-paged). */
import { useEffect } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import { pages } from '@contract/pages'
import { legalApi } from '@contract/legal/api'
import { LEGAL_DISPUTE_KINDS, LEGAL_OUTCOMES, LEGAL_STATUSES } from '@contract/legal/labels'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { useCursorList } from '../../../hooks/useCursorList'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { Loading } from '../../../components/Loading'
import { LoadMore } from '../../../components/LoadMore'
import { StageChip } from '../../../components/StageChip'
import { formatDateTime } from '../../../utils/date'
import { Hotline } from '../Hotline'
import { STATUS_TONE } from '../shared'
import { PageRoot } from '../../../components/PageRoot'
import '../legal.css'

function LegalHome() {
  const root = useStores()
  const session = root.session
  const authed = session.isAuthenticated
  const list = useCursorList((cursor) => (authed ? root.api.send(legalApi.mine, { query: { cursor } }) : Promise.resolve({ items: [], nextCursor: null })))
  useEffect(() => void list.refresh(), [authed]) // eslint-disable-line react-hooks/exhaustive-deps
  useDidShow(() => void list.refresh())
  useReachBottom(() => void list.loadMore())
  const isMember = session.isMember

  return (
    <PageRoot className='page legal-home'>
      <Hotline />
      <View className='card legal-actions'>
        <Text className='section-title'>在线法律咨询</Text>
        <Text className='hotline-text'>欠薪、劳动合同、工伤、社保、解除/辞退等劳动纠纷，工会法律援助专员 1 个工作日内回复。</Text>
        {isMember ? (
          <Button className='btn btn-primary ask-btn' onClick={() => go(pages.legal.ask.url())}>
            我要咨询
          </Button>
        ) : (
          <Text className='hotline-text'>{authed ? '加入工会后可在线咨询；也可直接拨打上方热线。' : '登录并加入工会后可在线咨询；也可直接拨打上方热线。'}</Text>
        )}
      </View>
      {authed ? (
        <View className='card'>
          <Text className='section-title'>我的咨询</Text>
          {list.items === null ? (
            list.error ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : <Loading />
          ) : list.items.length === 0 ? (
            <EmptyState title='还没有咨询' hint='遇到劳动纠纷，点“我要咨询”告诉我们' />
          ) : (
            list.items.map((c) => (
              <View key={c.id} className='legal-item' role='button' onClick={() => go(pages.legal.case.url({ id: c.id }))}>
                <View className='legal-item-head'>
                  <Text className='legal-item-title'>
                    {LEGAL_DISPUTE_KINDS[c.kind]} · {c.employer}
                  </Text>
                  <StageChip tone={STATUS_TONE[c.status]} label={c.outcome ? LEGAL_OUTCOMES[c.outcome] : LEGAL_STATUSES[c.status]} />
                </View>
                <Text className='legal-item-meta'>提交于 {formatDateTime(c.createdAt)}</Text>
              </View>
            ))
          )}
          <LoadMore list={list} />
        </View>
      ) : null}
    </PageRoot>
  )
}

export default observer(LegalHome)

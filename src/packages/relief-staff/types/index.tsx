/**
 * 救助类型管理 (admins with relief.manage): every aid type of the unions the admin manages — paused ones too — with
 * its owning union, whether it takes applications, its window and amount rule; 新建救助类型, each type opens its
 * editor, and 下级工会自设类型范围 (the limits set for the sub-unions' own types). Cursor-paged.
 */
import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import { reliefApi } from '@contract/relief/api'
import type { AidType } from '@contract/relief/schemas'
import { useStores } from '../../../stores/context'
import { PagedList } from '../../../stores/PagedList'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoadMore } from '../../../components/LoadMore'
import { LoginRequired } from '../../../components/LoginRequired'
import { PageRoot } from '../../../components/PageRoot'
import { typeState } from '../stores/type-labels'
import '../detail/relief-staff.css'

export { typeState }

const TypeCard = ({ t }: { t: AidType }) => {
  const state = typeState(t)
  return (
    <View
      className={`card aid-type-item aid-type-${t.key}`}
      role='button'
      aria-label={`编辑救助类型：${t.name}（${state.label}）`}
      onClick={() => go(pages.reliefStaff.typeEdit.url({ key: t.key }))}
    >
      <View className='aid-type-head'>
        <Text className='aid-type-name'>{t.name}</Text>
        <Text className={`tag aid-type-state aid-type-state-${state.key}`}>{state.label}</Text>
      </View>
      <Text className='muted aid-type-org'>{t.org.name}</Text>
      <Text className='muted aid-type-window'>{t.windowLabel}</Text>
      <Text className='muted aid-type-amount'>{t.amountLabel}</Text>
    </View>
  )
}

function AidTypesPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const [list] = useState(
    () => new PagedList<AidType>((_f, cursor) => root.api.send(reliefApi.manageTypes, { query: { cursor } }), {}, (t) => t.key),
  )
  useEffect(() => {
    if (authed) void list.refresh()
  }, [authed, list])
  // Back from the editor: the list again from its first page.
  useDidShow(() => {
    if (authed && list.loaded) void list.refresh()
  })
  useReachBottom(() => void list.loadMore())

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后管理救助类型' />
  const create = () => go(pages.reliefStaff.typeEdit.path)

  return (
    <PageRoot className='page aid-types-page'>
      <Button className='btn btn-primary btn-block new-aid-type-btn' onClick={create}>
        新建救助类型
      </Button>
      <View className='card'>
        <View className='list-row type-limits-row' role='button' aria-label='设置下级工会自设救助类型的范围' onClick={() => go(pages.reliefStaff.typeLimits.path)}>
          <Text>下级工会自设类型范围</Text>
          <Text className='arrow'>›</Text>
        </View>
      </View>

      <Text className='section-title'>您管理的救助类型</Text>
      {!list.loaded ? (
        list.error ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : <Loading />
      ) : list.items.length === 0 ? (
        <View className='card'>
          <EmptyState
            title='您管理的工会还没有救助类型'
            hint='点击“新建救助类型”，填写申请表、材料清单和金额规则；启用后，所属工会及下级工会的会员即可在“帮扶救助”中申请。'
            actionText='新建救助类型'
            onAction={create}
          />
        </View>
      ) : (
        <>
          <ErrorMessage error={list.error} onRetry={() => void list.refresh()} />
          {list.items.map((t) => (
            <TypeCard key={t.key} t={t} />
          ))}
          <LoadMore list={list} />
        </>
      )}
    </PageRoot>
  )
}

export default observer(AidTypesPage)

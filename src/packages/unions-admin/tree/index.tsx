/**
 * 工会组织 (admins): the unions of my posts, and level by level their sub-unions — each with its kind, how many
 * sub-unions it has and 已撤销 when closed — a breadcrumb back up, a name search anywhere in my subtree, and
 * 新建下级工会 (under the union being viewed, of the kinds allowed there) / 导入工会名单. A union's row opens its
 * sub-unions; 详情 opens the union itself (a 基层 or 联合 union, which has none, opens there at once).
 */
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom, useRouter } from '@tarojs/taro'
import { pages } from '@contract/pages'
import type { UnionNode } from '@contract/unions/schemas'
import { UNION_CHILD_KINDS } from '@contract/unions/labels'
import { useStores } from '../../../stores/context'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoadMore } from '../../../components/LoadMore'
import { LoginRequired } from '../../../components/LoginRequired'
import { go } from '../../../platform/ui'
import { browsable, useUnionBrowser } from '../browse'
import { Breadcrumb, SearchBox } from '../UnionRows'
import { PageRoot } from '../../../components/PageRoot'
import '../unions-admin.css'

const detailUrl = (u: UnionNode) => pages.unionsAdmin.union.url({ id: u.id })

function UnionRow({ u, showParent, onOpen }: { u: UnionNode; showParent: boolean; onOpen: (u: UnionNode) => void }) {
  const into = browsable(u)
  return (
    <View className={`union-row${u.closedAt ? ' union-row-closed' : ''}`} data-id={u.id}>
      <View
        className='union-row-main'
        role='button'
        onClick={() => (into ? onOpen(u) : go(detailUrl(u)))}
      >
        <View className='union-row-title'>
          <Text className='union-row-name'>{u.name}</Text>
          {u.closedAt ? <Text className='tag union-closed-tag'>已撤销</Text> : null}
        </View>
        <Text className='union-row-sub'>
          {u.kindLabel} · 下级工会 {u.childCount} 个{showParent && u.parentName ? ` · 上级：${u.parentName}` : ''}
        </Text>
      </View>
      <View className='union-row-detail' role='button' aria-label={`${u.name}的详情`} onClick={() => go(detailUrl(u))}>
        详情
      </View>
    </View>
  )
}

function UnionTreePage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const startAt = Number(useRouter().params.id)
  const b = useUnionBrowser({ includeClosed: true })
  const { list, here } = b
  const [openError, setOpenError] = useState<unknown>(null)

  // A link into the tree (工会详情 → 查看下级工会): start inside that union.
  useEffect(() => {
    if (!authed || !(startAt > 0)) return
    b.openAt(startAt).catch(setOpenError)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once signed in
  }, [authed, startAt])
  // Back from a union's page or the import: what changed there shows here.
  const [shown, setShown] = useState(false)
  useDidShow(() => {
    if (shown && authed) b.reload()
    setShown(true)
  })
  useReachBottom(() => void list.loadMore())

  const open = (u: UnionNode) => {
    setOpenError(null)
    b.enter(u).catch(setOpenError)
  }

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后管理工会组织' />

  const kinds = here && !here.closedAt ? UNION_CHILD_KINDS[here.kind] : []
  const canCreate = kinds.length > 0
  const createChild = () => here && go(pages.unionsAdmin.union.url({ parentId: here.id }))
  const importList = () => go(pages.unionsAdmin.import.path)

  const empty = () => {
    if (b.searching) return <EmptyState title={`没有名称包含“${b.q.trim()}”的工会`} hint='只搜索您管理范围内的工会（含已撤销的）' />
    if (!here) return <EmptyState title='您还没有可管理的工会' hint='工会组织由工会管理员维护，请联系上级工会为您开通管理员身份' />
    if (here.closedAt) return <EmptyState title={`「${here.name}」已撤销，没有下级工会`} hint='如需在其下新建工会，请先在工会详情中恢复它' actionText='工会详情' onAction={() => go(detailUrl(here))} />
    if (!canCreate) return <EmptyState title={`${here.kindLabel}下不设下级工会`} hint='会员直接加入本工会；可在工会详情中查看或修改它的信息' actionText='工会详情' onAction={() => go(detailUrl(here))} />
    return (
      <EmptyState
        title={`「${here.name}」还没有下级工会`}
        hint='点击“新建下级工会”逐个添加，或“导入工会名单”从表格一次导入多个'
        actionText='新建下级工会'
        onAction={createChild}
      />
    )
  }

  return (
    <PageRoot className='page unions-page'>
      <SearchBox value={b.q} onChange={b.setQ} />
      {b.searching ? <Text className='section-title'>搜索结果</Text> : <Breadcrumb trail={b.trail} onUp={b.up} />}
      <ErrorMessage error={openError} />

      {here && !b.searching ? (
        <View className='card union-here'>
          <View className='union-row-title'>
            <Text className='union-here-name'>{here.name}</Text>
            {here.closedAt ? <Text className='tag union-closed-tag'>已撤销</Text> : null}
          </View>
          <Text className='union-row-sub'>
            {here.kindLabel}
            {here.parentName ? ` · 上级：${here.parentName}` : ''}
          </Text>
          <View className='actions-row union-here-actions'>
            <Button className='btn btn-ghost' onClick={() => go(detailUrl(here))}>工会详情</Button>
            {canCreate ? (
              <Button className='btn btn-primary union-create-btn' onClick={createChild}>新建下级工会</Button>
            ) : null}
          </View>
        </View>
      ) : null}

      <View className='card union-list'>
        {!b.fresh || list.items === null ? (
          list.error && b.fresh ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : <Loading />
        ) : (
          <>
            {list.error ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : null}
            {list.items.length === 0 ? empty() : list.items.map((u) => <UnionRow key={u.id} u={u} showParent={b.searching} onOpen={open} />)}
          </>
        )}
        {b.fresh ? <LoadMore list={list} /> : null}
      </View>

      <Button className='btn btn-ghost btn-block union-import-btn' onClick={importList}>导入工会名单</Button>
    </PageRoot>
  )
}

export default observer(UnionTreePage)

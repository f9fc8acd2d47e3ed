/**
 * 工作人员管理 (admins): the staff roles held in my subtree — each revocable with a reason where the rules allow
 * (the server says so per row: `canRevoke`) — the invitations not yet accepted, and 邀请工作人员.
 */
import { useCallback, useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { staffApi } from '@contract/staff/api'
import type { HeldRole, Invitation } from '@contract/staff/schemas'
import { pages } from '@contract/pages'
import { useStores } from '../../../stores/context'
import { useCursorList, type CursorList } from '../../../hooks/useCursorList'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { ReasonForm } from '../../../components/ReasonForm'
import { LoadMore } from '../../../components/LoadMore'
import { LoginRequired } from '../../../components/LoginRequired'
import { isApiError } from '../../../api/errors'
import { go, toast } from '../../../platform/ui'
import { formatDate, formatDateTime } from '../../../utils/date'
import { PageRoot } from '../../../components/PageRoot'
import '../staff-admin.css'

type RoleRow = HeldRole & { id: number }
const roleKey = (r: HeldRole) => `${r.userId}-${r.orgId}-${r.role}`

/** The venues or stations a grant is bound to, by name (驿站站长 · 星河广场爱心驿站); '' when it binds none. */
const boundNames = (r: { venues: { name: string }[]; stations: { name: string }[] }) => [...r.venues, ...r.stations].map((b) => b.name).join('、')

function RevokeForm({ role, onDone, onCancel }: { role: HeldRole; onDone: () => void; onCancel: () => void }) {
  const root = useStores()
  return (
    <ReasonForm
      name='staff-revoke'
      label={`撤销「${role.nickname}」的${role.roleLabel}角色的原因`}
      placeholder='例如：已调离本单位'
      required='请填写撤销原因（至少 2 个字）'
      confirmText='确认撤销'
      backText='取消'
      onBack={onCancel}
      onSubmit={async (reason) => {
        await root.api.send(staffApi.revokeRole, { body: { userId: role.userId, orgId: role.orgId, role: role.role, reason } })
        toast('已撤销', 'success')
        onDone()
      }}
    />
  )
}

function Section<T>({ title, list, empty, children }: { title: string; list: CursorList<T>; empty: string; children: (items: T[]) => React.ReactNode }) {
  return (
    <>
      <Text className='section-title'>{title}</Text>
      <View className='card'>
        {list.items === null ? (
          list.error ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : <Loading />
        ) : list.items.length === 0 ? (
          <EmptyState title={empty} />
        ) : (
          children(list.items)
        )}
        <LoadMore list={list} />
      </View>
    </>
  )
}

function StaffAdminPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const [revoking, setRevoking] = useState<string | null>(null)
  const roles = useCursorList<RoleRow>(
    useCallback(async (cursor) => {
      const page = await root.api.send(staffApi.roles, { query: { cursor } })
      return { ...page, items: page.items.map((r, i) => ({ ...r, id: r.userId * 100_000 + r.orgId * 10 + i })) }
    }, [root]),
  )
  const invitations = useCursorList<Invitation>(useCallback((cursor) => root.api.send(staffApi.invitations, { query: { cursor } }), [root]))

  useEffect(() => {
    if (!authed) return
    void roles.refresh()
    void invitations.refresh()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once signed in
  }, [authed])
  useDidShow(() => {
    if (authed && roles.items !== null) {
      void roles.refresh()
      void invitations.refresh()
    }
  })

  const revokeInvitation = async (inv: Invitation) => {
    try {
      await root.api.send(staffApi.revokeInvitation, { params: { id: inv.id } })
      toast('邀请已撤销', 'success')
      void invitations.refresh()
    } catch (err) {
      toast(isApiError(err) ? err.message : '撤销失败，请重试')
    }
  }

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后管理工作人员' />

  return (
    <PageRoot className='page staff-admin-page'>
      <Button className='btn btn-primary btn-block staff-invite-btn' onClick={() => go(pages.staffAdmin.invite.path)}>
        邀请工作人员
      </Button>

      <Section title='在岗工作人员' list={roles} empty='您管辖的工会还没有工作人员，点击上方“邀请工作人员”'>
        {(items) =>
          items.map((r) => (
            <View key={roleKey(r)} className='staff-role'>
              <View className='staff-row'>
                <View className='staff-row-main'>
                  <Text className='staff-row-title'>
                    {r.nickname || '未设置昵称'} · {r.roleLabel}
                    {boundNames(r) ? ` · ${boundNames(r)}` : ''}
                  </Text>
                  <Text className='staff-row-sub'>
                    {r.orgName} · {formatDate(r.since)} 起
                  </Text>
                </View>
                {r.canRevoke && revoking !== roleKey(r) ? (
                  <View className='staff-revoke' role='button' aria-label={`撤销${r.nickname}的${r.roleLabel}角色`} onClick={() => setRevoking(roleKey(r))}>
                    撤销
                  </View>
                ) : null}
              </View>
              {revoking === roleKey(r) ? (
                <RevokeForm
                  role={r}
                  onCancel={() => setRevoking(null)}
                  onDone={() => {
                    setRevoking(null)
                    void roles.refresh()
                  }}
                />
              ) : null}
            </View>
          ))
        }
      </Section>

      <Section title='待接受的邀请' list={invitations} empty='没有待接受的邀请'>
        {(items) =>
          items.map((inv) => (
            <View key={inv.id} className='staff-row staff-invitation'>
              <View className='staff-row-main'>
                <Text className='staff-row-title'>
                  {inv.roleLabel} · {boundNames(inv) || inv.orgName}
                </Text>
                <Text className='staff-row-sub'>
                  {boundNames(inv) ? `${inv.orgName} · ` : ''}
                  {inv.note} · {formatDateTime(inv.expiresAt)} 前有效
                </Text>
              </View>
              <View className='staff-revoke' role='button' aria-label={`撤销邀请：${inv.roleLabel}`} onClick={() => void revokeInvitation(inv)}>
                撤销
              </View>
            </View>
          ))
        }
      </Section>
    </PageRoot>
  )
}

export default observer(StaffAdminPage)

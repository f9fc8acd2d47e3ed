/**
 * 工作人员 (office console): the staff posts of the admin's subtree as a table — person, role, union, venues /
 * stations, since — filtered by union (its subtree) and role, 加载更多 by cursor; 撤销 a post with a reason where the
 * server allows it (`canRevoke`); the invitations not yet accepted, each 撤回-able; and 邀请工作人员. Everything the
 * server refuses shows its message.
 */
import { useMemo, useState } from 'react'
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd'
import { UserAddOutlined } from '@ant-design/icons'
import { staffApi } from '@contract/staff/api'
import { STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@contract/staff/labels'
import type { HeldRole, Invitation } from '@contract/staff/schemas'
import { isApiError } from '@/api/errors'
import { useConsole } from '../../console'
import { useCursorTable } from '../../work/cursor'
import { CursorTable } from '../../work/CursorTable'
import { UnionSelect } from '../../work/UnionSelect'
import { when } from '../../work/format'
import { InviteDrawer } from './InviteDrawer'
import { revokeReasonProblem } from './form'

/** A post is one (person, union, role): its row key. */
type PostRow = HeldRole & { id: string }
const bound = (r: { venues: { name: string }[]; stations: { name: string }[] }) => [...r.venues, ...r.stations].map((b) => b.name).join('、')

function RevokeModal({ post, onClose, onDone }: { post: PostRow; onClose: () => void; onDone: () => void }) {
  const { api } = useConsole()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const revoke = async () => {
    const problem = revokeReasonProblem(reason)
    if (problem) return setError(problem)
    setBusy(true)
    try {
      await api.send(staffApi.revokeRole, { body: { userId: post.userId, orgId: post.orgId, role: post.role, reason: reason.trim() } })
      onDone()
    } catch (err) {
      setError(isApiError(err) ? err.fields.reason ?? err.message : '撤销失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open title={`撤销「${post.nickname}」的${post.roleLabel}角色`} okText="确认撤销" okButtonProps={{ danger: true }} cancelText="取消" confirmLoading={busy} onOk={() => void revoke()} onCancel={onClose}>
      <Typography.Paragraph type="secondary">{post.orgName}。撤销后，对方下一次操作起即失去该角色的权限，撤销原因记入审计日志。</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="撤销原因" required validateStatus={error ? 'error' : undefined} help={error}>
          <Input.TextArea aria-label="撤销原因" rows={3} maxLength={200} placeholder="例如：已调离本单位" value={reason} onChange={(e) => {
            setReason(e.target.value)
            setError(null)
          }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

export default function StaffPage() {
  const { api } = useConsole()
  const { message } = App.useApp()
  const [orgId, setOrgId] = useState<number | undefined>()
  const [role, setRole] = useState<StaffRole | undefined>()
  const [inviting, setInviting] = useState(false)
  const [revoking, setRevoking] = useState<PostRow | null>(null)

  const posts = useCursorTable<PostRow>(
    (cursor) =>
      api.send(staffApi.roles, { query: { orgId, role, limit: 50, cursor } }).then((page) => ({
        ...page,
        items: page.items.map((r) => ({ ...r, id: `${r.orgId}-${r.userId}-${r.role}` })),
      })),
    [orgId, role],
  )
  const invitations = useCursorTable<Invitation>((cursor) => api.send(staffApi.invitations, { query: { limit: 50, cursor } }), [])

  const withdraw = async (inv: Invitation) => {
    try {
      await api.send(staffApi.revokeInvitation, { params: { id: inv.id } })
      void message.success('邀请已撤回')
      invitations.reload()
    } catch (err) {
      void message.error(isApiError(err) ? err.message : '撤回失败，请重试')
      invitations.reload()
    }
  }

  const postColumns = useMemo(
    () => [
      { key: 'person', title: '人员', render: (_: unknown, r: PostRow) => r.nickname || '未设置昵称' },
      { key: 'role', title: '角色', dataIndex: 'roleLabel' },
      { key: 'org', title: '所在工会', dataIndex: 'orgName' },
      { key: 'bound', title: '场馆 / 驿站', render: (_: unknown, r: PostRow) => bound(r) || '—' },
      { key: 'since', title: '任职时间', render: (_: unknown, r: PostRow) => when(r.since) },
      {
        key: 'act',
        title: '操作',
        render: (_: unknown, r: PostRow) =>
          r.canRevoke ? (
            <Button type="link" danger onClick={() => setRevoking(r)} aria-label={`撤销${r.nickname}的${r.roleLabel}角色`}>撤销</Button>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          ),
      },
    ],
    [],
  )
  const invitationColumns = [
    { key: 'role', title: '角色', dataIndex: 'roleLabel' },
    { key: 'org', title: '所在工会', render: (_: unknown, i: Invitation) => (bound(i) ? `${i.orgName} · ${bound(i)}` : i.orgName) },
    { key: 'note', title: '邀请原因', dataIndex: 'note' },
    { key: 'by', title: '邀请人', dataIndex: 'invitedBy' },
    { key: 'expires', title: '有效期至', render: (_: unknown, i: Invitation) => when(i.expiresAt) },
    {
      key: 'act',
      title: '操作',
      render: (_: unknown, i: Invitation) => (
        <Popconfirm title="撤回这份邀请？" description="撤回后邀请码不能再使用。" okText="撤回" cancelText="取消" onConfirm={() => withdraw(i)}>
          <Button type="link" danger aria-label={`撤回邀请：${i.roleLabel}，${i.orgName}`}>撤回</Button>
        </Popconfirm>
      ),
    },
  ]

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>工作人员</Typography.Title>
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)}>邀请工作人员</Button>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <UnionSelect roles={['admin']} value={orgId} onChange={setOrgId} />
        <Select<StaffRole> aria-label="角色" allowClear placeholder="角色" style={{ width: 160 }} value={role} onChange={setRole}
          options={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))} />
      </Space>
      <div data-testid="staff-posts">
        <CursorTable<PostRow> list={posts} columns={postColumns} unit="个岗位" emptyText={orgId || role ? '没有符合条件的工作人员' : '您管辖的工会还没有工作人员，点击“邀请工作人员”'} />
      </div>

      <Typography.Title level={4} style={{ marginTop: 32 }}>待接受的邀请</Typography.Title>
      <div data-testid="staff-invitations">
        <CursorTable<Invitation> list={invitations} columns={invitationColumns} unit="份邀请" emptyText="没有待接受的邀请" />
      </div>

      <InviteDrawer open={inviting} onClose={() => setInviting(false)} onCreated={invitations.reload} />
      {revoking && (
        <RevokeModal
          post={revoking}
          onClose={() => setRevoking(null)}
          onDone={() => {
            setRevoking(null)
            void message.success('已撤销')
            posts.reload()
          }}
        />
      )}
    </>
  )
}

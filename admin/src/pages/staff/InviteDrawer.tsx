/**
 * 邀请工作人员 (console): the role, the union of my subtree (searched by name on the server), the venues a venue
 * verifier serves or the stations a keeper keeps, how long the invitation lasts and why — checked with the contract's
 * InvitationInput, each message beside its field, the server's refusals too (by reason). Then the invitation as the
 * mini-program shows it: a QR of its page, the code, and the link, each copyable; the code is shown only this once.
 */
import { useEffect, useState } from 'react'
import { Alert, Button, Descriptions, Drawer, Form, Input, QRCode, Select, Space, Typography } from 'antd'
import { staffApi } from '@contract/staff/api'
import { stationsApi } from '@contract/stations/api'
import { vouchersApi } from '@contract/vouchers/api'
import { INVITE_DAYS_DEFAULT, STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@contract/staff/labels'
import type { CreatedInvitation } from '@contract/staff/schemas'
import { isApiError } from '@/api/errors'
import { useConsole } from '../../console'
import { UnionSelect } from '../../work/UnionSelect'
import { when } from '../../work/format'
import { checkInvite, inviteErrorsOf, type InviteField, type InviteForm } from './form'

const DAY_OPTIONS = [1, 3, 7, 30].map((d) => ({ value: d, label: `${d} 天` }))
const blank = (): InviteForm => ({ role: 'reviewer', orgId: undefined, venueIds: [], stationIds: [], expiresInDays: INVITE_DAYS_DEFAULT, note: '' })

/** The venues (venue_staff) or stations (station_keeper) of the chosen union, for the binding picker. */
function useBindings(kind: 'venues' | 'stations' | null, orgId: number | undefined) {
  const { api } = useConsole()
  const [state, setState] = useState<{ items: { id: number; name: string }[] | null; error: string | null }>({ items: null, error: null })
  useEffect(() => {
    if (!kind || orgId === undefined) return
    let live = true
    setState({ items: null, error: null })
    const load = kind === 'venues' ? api.send(vouchersApi.manageVenues, { query: { orgId } }) : api.send(stationsApi.manage, { query: { orgId, limit: 100 } })
    load
      .then((r) => live && setState({ items: r.items.map((v) => ({ id: v.id, name: v.name })), error: null }))
      .catch((err: unknown) => live && setState({ items: [], error: isApiError(err) ? err.message : '加载失败' }))
    return () => {
      live = false
    }
  }, [api, kind, orgId])
  return state
}

function copy(text: string, done: (ok: boolean) => void) {
  if (!navigator.clipboard) return done(false)
  navigator.clipboard.writeText(text).then(() => done(true), () => done(false))
}

function Created({ invitation, onAnother }: { invitation: CreatedInvitation; onAnother: () => void }) {
  const [copied, setCopied] = useState<string | null>(null)
  const link = `${window.location.origin}${invitation.path}`
  const bound = [...invitation.venues, ...invitation.stations].map((v) => v.name).join('、')
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="invitation-created">
      <Alert type="success" showIcon title="邀请已生成" description={`请对方用微信扫码，或在“我的 → 工作人员入口”输入邀请码。邀请 ${when(invitation.expiresAt)} 前有效，只能使用一次。`} />
      <div style={{ display: 'flex', justifyContent: 'center' }} data-testid="invite-qr" data-qr={invitation.path}>
        <QRCode value={invitation.path} size={200} bordered={false} aria-label={`邀请二维码：${invitation.roleLabel}，${invitation.orgName}`} />
      </div>
      <Descriptions column={1} size="small" bordered items={[
        { key: 'code', label: '邀请码', children: <Typography.Text strong copyable={false} data-testid="invite-code" style={{ fontSize: 20, letterSpacing: 2 }}>{invitation.code}</Typography.Text> },
        { key: 'what', label: '邀请', children: `${invitation.roleLabel} · ${invitation.orgName}${bound ? ` · ${bound}` : ''}` },
        { key: 'link', label: '链接', children: <Typography.Text data-testid="invite-link" style={{ wordBreak: 'break-all' }}>{link}</Typography.Text> },
      ]} />
      <Space wrap>
        <Button onClick={() => copy(invitation.code, (ok) => setCopied(ok ? '邀请码已复制' : '复制失败，请手动抄写邀请码'))}>复制邀请码</Button>
        <Button onClick={() => copy(link, (ok) => setCopied(ok ? '链接已复制' : '复制失败，请手动复制链接'))}>复制链接</Button>
        <Button type="primary" onClick={onAnother}>再邀请一位</Button>
      </Space>
      {copied && <Typography.Text role="status">{copied}</Typography.Text>}
    </Space>
  )
}

export function InviteDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { api } = useConsole()
  const [f, setF] = useState<InviteForm>(blank)
  const [errors, setErrors] = useState<Partial<Record<InviteField, string>>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<CreatedInvitation | null>(null)
  const bindingKind = f.role === 'venue_staff' ? 'venues' : f.role === 'station_keeper' ? 'stations' : null
  const bindings = useBindings(bindingKind, f.orgId)

  const set = <K extends InviteField>(k: K, v: InviteForm[K]) => {
    setF((p) => ({ ...p, [k]: v }))
    setErrors((e) => ({ ...e, [k]: undefined }))
  }
  const reset = () => {
    setF(blank())
    setErrors({})
    setFailure(null)
    setCreated(null)
  }
  const submit = async () => {
    const checked = checkInvite(f)
    if (!checked.ok) return setErrors(checked.errors)
    setBusy(true)
    setFailure(null)
    try {
      setCreated(await api.send(staffApi.createInvitation, { body: checked.body }))
      onCreated()
    } catch (err) {
      const beside = inviteErrorsOf(err)
      setErrors(beside)
      if (Object.keys(beside).length === 0) setFailure(isApiError(err) ? err.message : '生成邀请失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  const item = (k: InviteField, label: string, child: React.ReactNode, required = true) => (
    <Form.Item label={label} required={required} validateStatus={errors[k] ? 'error' : undefined} help={errors[k]} data-field={k}>
      {child}
    </Form.Item>
  )

  return (
    <Drawer
      open={open}
      title="邀请工作人员"
      size={520}
      onClose={() => {
        reset()
        onClose()
      }}
      destroyOnHidden
    >
      {created ? (
        <Created invitation={created} onAnother={reset} />
      ) : (
        <Form layout="vertical" onFinish={() => void submit()}>
          {item('role', '角色', (
            <Select<StaffRole>
              aria-label="角色"
              value={f.role}
              onChange={(r) => setF((p) => ({ ...p, role: r, venueIds: [], stationIds: [] }))}
              options={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))}
            />
          ))}
          {item('orgId', '所在工会', (
            <UnionSelect
              roles={['admin']}
              value={f.orgId}
              onChange={(v) => {
                setF((p) => ({ ...p, orgId: v, venueIds: [], stationIds: [] }))
                setErrors((e) => ({ ...e, orgId: undefined, venueIds: undefined, stationIds: undefined }))
              }}
            />
          ))}
          {bindingKind && f.orgId !== undefined && item(
            bindingKind === 'venues' ? 'venueIds' : 'stationIds',
            bindingKind === 'venues' ? '核销场馆（只能在所选场馆核销）' : '值守驿站（只能管理所选驿站）',
            bindings.error ? (
              <Alert type="error" showIcon title={bindings.error} />
            ) : (
              <Select<number[]>
                mode="multiple"
                aria-label={bindingKind === 'venues' ? '核销场馆' : '值守驿站'}
                loading={bindings.items === null}
                placeholder={bindingKind === 'venues' ? '选择场馆' : '选择驿站'}
                notFoundContent={bindingKind === 'venues' ? '该工会还没有登记场馆' : '该工会还没有驿站'}
                value={bindingKind === 'venues' ? f.venueIds : f.stationIds}
                onChange={(ids) => set(bindingKind === 'venues' ? 'venueIds' : 'stationIds', ids)}
                options={(bindings.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
              />
            ),
          )}
          {item('expiresInDays', '邀请有效期', (
            <Select<number> aria-label="邀请有效期" value={f.expiresInDays} onChange={(d) => set('expiresInDays', d)} options={DAY_OPTIONS} />
          ))}
          {item('note', '邀请原因（记入审计日志）', (
            <Input.TextArea aria-label="邀请原因" rows={3} maxLength={200} value={f.note} placeholder="例如：负责本单位入会审核" onChange={(e) => set('note', e.target.value)} />
          ))}
          {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" loading={busy} block>生成邀请</Button>
        </Form>
      )}
    </Drawer>
  )
}

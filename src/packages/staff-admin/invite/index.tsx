/**
 * 邀请工作人员 (admins): the role, the union of my subtree (searched by name), for a venue verifier the venues it
 * serves, how long the invitation lasts and why — then the invitation as a QR code, its code and (weapp) a share
 * card. The invitee opens it in the mini-program and accepts (packages/staff-invite). The server decides every rule.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { useShareAppMessage } from '@tarojs/taro'
import { staffApi } from '@contract/staff/api'
import { stationsApi } from '@contract/stations/api'
import { vouchersApi } from '@contract/vouchers/api'
import { InvitationInput, type AppointableUnion, type CreatedInvitation } from '@contract/staff/schemas'
import { INVITE_DAYS_DEFAULT, STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@contract/staff/labels'
import { useStores } from '../../../stores/context'
import { useCursorList } from '../../../hooks/useCursorList'
import { Chips } from '../../../components/Chips'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { LoadMore } from '../../../components/LoadMore'
import { LoginRequired } from '../../../components/LoginRequired'
import { isApiError } from '../../../api/errors'
import { share } from '../../../platform/share'
import { back, toast } from '../../../platform/ui'
import { formatDateTime } from '../../../utils/date'
import { qrDataUrl } from '../../../utils/qr'
import '../staff-admin.css'
import { QrImage } from '../../../components/QrImage'
import { PageRoot } from '../../../components/PageRoot'

const ROLE_OPTIONS = STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))
const DAY_OPTIONS = [1, 3, 7, 30].map((d) => ({ value: d, label: `${d} 天` }))

interface Form {
  role: StaffRole
  org: AppointableUnion | null
  venueIds: number[]
  stationIds: number[]
  expiresInDays: number
  note: string
}

function UnionPicker({ value, onChange }: { value: AppointableUnion | null; onChange: (u: AppointableUnion) => void }) {
  const root = useStores()
  const [q, setQ] = useState('')
  const list = useCursorList<AppointableUnion>(
    useCallback((cursor) => root.api.send(staffApi.unions, { query: { cursor, q: q.trim() || undefined } }), [root, q]),
  )
  useEffect(() => {
    const t = setTimeout(() => void list.refresh(), 250)
    return () => clearTimeout(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the search text drives the list
  }, [q])
  return (
    <View className='union-picker'>
      <Input className='form-input union-search' value={q} placeholder='输入工会名称搜索' onInput={(e) => setQ(e.detail.value)} />
      {list.items === null ? (
        list.error ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState title='没有找到该工会' hint='只能邀请您管辖范围内的工会的工作人员' />
      ) : (
        list.items.map((u) => (
          <View
            key={u.id}
            className={`union-option${value?.id === u.id ? ' union-option-active' : ''}`}
            role='radio'
            aria-checked={value?.id === u.id}
            onClick={() => onChange(u)}
          >
            {u.name}
            {u.parentName ? <Text className='union-option-sub'>{u.parentName}</Text> : null}
          </View>
        ))
      )}
      <LoadMore list={list} />
    </View>
  )
}

function VenuePicker({ orgId, value, onChange }: { orgId: number; value: number[]; onChange: (ids: number[]) => void }) {
  const root = useStores()
  const [venues, setVenues] = useState<{ id: number; name: string }[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const load = useCallback(async () => {
    setError(null)
    setVenues(null)
    try {
      setVenues((await root.api.send(vouchersApi.manageVenues, { query: { orgId } })).items)
    } catch (err) {
      setError(err)
    }
  }, [root, orgId])
  useEffect(() => void load(), [load])
  if (error) return <ErrorMessage error={error} onRetry={() => void load()} />
  if (venues === null) return <Loading />
  if (venues.length === 0) return <EmptyState title='该工会还没有登记场馆' hint='请先在“福利活动管理 → 新建福利活动”中登记场馆' />
  return (
    <Chips
      multi
      variant='choice'
      label='核销场馆'
      options={venues.map((v) => ({ value: v.id, label: v.name }))}
      value={value}
      onChange={(id) => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id])}
    />
  )
}

/** A keeper's stations: those of the chosen union and below (the admin's 驿站管理 list, filtered by union). */
function StationPicker({ orgId, value, onChange }: { orgId: number; value: number[]; onChange: (ids: number[]) => void }) {
  const root = useStores()
  const [stations, setStations] = useState<{ id: number; name: string }[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const load = useCallback(async () => {
    setError(null)
    setStations(null)
    try {
      setStations((await root.api.send(stationsApi.manage, { query: { orgId, limit: 100 } })).items)
    } catch (err) {
      setError(err)
    }
  }, [root, orgId])
  useEffect(() => void load(), [load])
  if (error) return <ErrorMessage error={error} onRetry={() => void load()} />
  if (stations === null) return <Loading />
  if (stations.length === 0) return <EmptyState title='该工会还没有驿站' hint='请先在“驿站管理”中登记驿站' />
  return (
    <Chips
      multi
      variant='choice'
      label='值守驿站'
      options={stations.map((v) => ({ value: v.id, label: v.name }))}
      value={value}
      onChange={(id) => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id])}
    />
  )
}

function Created({ invitation, onAnother }: { invitation: CreatedInvitation; onAnother: () => void }) {
  const qr = useMemo(() => qrDataUrl(invitation.path, 5), [invitation.path])
  const copy = async () => toast((await share.copy(invitation.code)) ? '邀请码已复制' : '复制失败，请手动抄写邀请码')
  return (
    <View className='card invite-result'>
      <Text className='section-title'>邀请已生成</Text>
      <Text className='muted'>
        请对方用微信扫码，或在“我的 → 工作人员入口”输入邀请码。邀请 {formatDateTime(invitation.expiresAt)} 前有效，只能使用一次。
      </Text>
      <QrImage className='invite-qr' src={qr} label={`邀请二维码：${invitation.roleLabel}，${invitation.orgName}`} />
      <Text className='invite-code' aria-label={`邀请码 ${invitation.code.split('').join(' ')}`}>{invitation.code}</Text>
      <Text className='muted'>{invitation.roleLabel} · {invitation.orgName}{[...invitation.venues, ...invitation.stations].length ? ` · ${[...invitation.venues, ...invitation.stations].map((v) => v.name).join('、')}` : ''}</Text>
      <View className='actions-row'>
        <Button className='btn btn-ghost invite-copy' onClick={() => void copy()}>复制邀请码</Button>
        {share.canShareToChat ? (
          <Button className='btn btn-primary' openType='share'>发送给对方</Button>
        ) : null}
      </View>
      <Button className='btn btn-ghost btn-block' onClick={onAnother}>再邀请一位</Button>
      <Button className='btn btn-ghost btn-block' onClick={back}>返回工作人员管理</Button>
    </View>
  )
}

function StaffInviteNewPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const [f, setF] = useState<Form>({ role: 'reviewer', org: null, venueIds: [], stationIds: [], expiresInDays: INVITE_DAYS_DEFAULT, note: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<CreatedInvitation | null>(null)
  const set = <K extends keyof Form>(k: K, v: Form[K], field: string = k) => {
    setF((p) => ({ ...p, [k]: v }))
    setErrors((e) => ({ ...e, [field]: '' }))
  }

  useShareAppMessage(() => ({
    title: created ? `邀请您担任${created.orgName}的${created.roleLabel}` : '工作人员邀请',
    path: created?.path ?? '',
  }))

  const submit = async () => {
    const parsed = InvitationInput.safeParse({
      role: f.role,
      orgId: f.org?.id,
      venueIds: f.role === 'venue_staff' ? f.venueIds : [],
      ...(f.role === 'station_keeper' ? { stationIds: f.stationIds } : {}),
      expiresInDays: f.expiresInDays,
      note: f.note,
    })
    const e: Record<string, string> = {}
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const k = String(i.path[0] ?? '_')
        if (!e[k]) e[k] = k === 'orgId' ? '请选择工会' : i.message
      }
    }
    if (f.role === 'venue_staff' && f.venueIds.length === 0) e.venueIds = '请至少选择一个核销场馆'
    if (f.role === 'station_keeper' && f.stationIds.length === 0) e.stationIds = '请至少选择一个驿站'
    if (!parsed.success || Object.keys(e).length) return setErrors(e)
    setBusy(true)
    setError(null)
    try {
      // stationIds travel only for a keeper (the other roles name none)
      const { stationIds, ...rest } = parsed.data
      setCreated(await root.api.send(staffApi.createInvitation, { body: f.role === 'station_keeper' ? { ...rest, stationIds } : rest }))
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) setErrors(err.fields)
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后邀请工作人员' />
  if (created) {
    return (
      <PageRoot className='page'>
        <Created invitation={created} onAnother={() => setCreated(null)} />
      </PageRoot>
    )
  }
  return (
    <PageRoot className='page staff-invite-new'>
      <View className='card'>
        <View className='form-field field-role'>
          <Text className='form-label'>角色</Text>
          <Chips variant='choice' label='角色' options={ROLE_OPTIONS} value={f.role} onChange={(r) => set('role', r)} />
          <FieldError message={errors.role} />
        </View>
        <View className='form-field field-orgId'>
          <Text className='form-label'>所在工会{f.org ? `：${f.org.name}` : ''}</Text>
          <UnionPicker
            value={f.org}
            onChange={(u) => {
              setF((p) => ({ ...p, org: u, venueIds: [], stationIds: [] }))
              setErrors((x) => ({ ...x, orgId: '', venueIds: '', stationIds: '' }))
            }}
          />
          <FieldError message={errors.orgId} />
        </View>
        {f.role === 'venue_staff' && f.org ? (
          <View className='form-field field-venueIds'>
            <Text className='form-label'>核销场馆（只能在所选场馆核销）</Text>
            <VenuePicker orgId={f.org.id} value={f.venueIds} onChange={(ids) => set('venueIds', ids)} />
            <FieldError message={errors.venueIds} />
          </View>
        ) : null}
        {f.role === 'station_keeper' && f.org ? (
          <View className='form-field field-stationIds'>
            <Text className='form-label'>值守驿站（只能管理所选驿站）</Text>
            <StationPicker orgId={f.org.id} value={f.stationIds} onChange={(ids) => set('stationIds', ids)} />
            <FieldError message={errors.stationIds} />
          </View>
        ) : null}
        <View className='form-field field-expiresInDays'>
          <Text className='form-label'>邀请有效期</Text>
          <Chips variant='choice' label='邀请有效期' options={DAY_OPTIONS} value={f.expiresInDays} onChange={(d) => set('expiresInDays', d)} />
          <FieldError message={errors.expiresInDays} />
        </View>
        <View className='form-field field-note'>
          <Text className='form-label'>邀请原因（记入审计日志）</Text>
          <Textarea className='form-textarea invite-note' value={f.note} maxlength={200} placeholder='例如：负责本单位入会审核' onInput={(e) => set('note', e.detail.value)} />
          <FieldError message={errors.note} />
        </View>
        <ErrorMessage error={error} />
        <Button className='btn btn-primary btn-block invite-submit' loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
          生成邀请
        </Button>
      </View>
    </PageRoot>
  )
}

export default observer(StaffInviteNewPage)

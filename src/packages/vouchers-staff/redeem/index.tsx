import { useEffect, useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useStores } from '../../../stores/context'
import { scan } from '../../../platform/scan'
import { toast } from '../../../platform/ui'
import { Chips } from '../../../components/Chips'
import { FieldError } from '../../../components/FieldError'
import { ResourceView } from '../../../components/ResourceView'
import { LoginRequired } from '../../../components/LoginRequired'
import { Loading } from '../../../components/Loading'
import { formatDateTime } from '../../../utils/date'
import { redeemStoreOf } from '../stores'
import { REDEEM_TITLES, type RedeemStore } from '../stores/RedeemStore'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'

/** Retry the offline queue this often while the page is open. */
const FLUSH_INTERVAL_MS = 15_000

/**
 * 核销场馆: the registry venues this staff member may redeem at (a venue role's bound venues; an admin's unions'
 * venues), from GET /api/vouchers/redeem/venues. Nothing else is offered: the server refuses any other venue.
 */
const VenuePicker = observer(function VenuePicker({ store, onDone }: { store: RedeemStore; onDone: () => void }) {
  useEffect(() => {
    void store.loadVenues()
  }, [store])

  return (
    <View className='card venue-picker'>
      <Text className='form-label'>选择核销场馆</Text>
      <ResourceView inline resource={store.venueList} empty={<Text className='muted no-venues'>您还没有绑定核销场馆，请联系工会管理员</Text>}>
        {(venues) => (
          <Chips
            variant='choice'
            label='核销场馆'
            options={venues.map((v) => ({ value: v.id, label: v.name }))}
            value={store.venue?.venueId}
            onChange={(id) => {
              const v = venues.find((x) => x.id === id)!
              store.chooseVenue({ venueId: v.id, name: v.name, orgName: v.orgName })
              onDone()
            }}
            optionClass={() => 'venue-choice'}
          />
        )}
      </ResourceView>
      {store.venue ? (
        <Button className='btn btn-plain btn-small' onClick={onDone}>
          取消
        </Button>
      ) : null}
    </View>
  )
})

function RedeemPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  // The queue is kept per staff user: a new store when who is logged in changes.
  const uid = root.session.me?.id ?? null
  const store = useMemo(() => redeemStoreOf(root, uid), [root, uid])
  const [code, setCode] = useState('')
  const [inputKey, setInputKey] = useState(0)
  const [picking, setPicking] = useState(false)

  useEffect(() => {
    if (!authed) return undefined
    void store.flush()
    const t = setInterval(() => void store.flush(), FLUSH_INTERVAL_MS)
    return () => clearInterval(t)
  }, [authed, store])
  useDidShow(() => {
    if (authed) void store.flush()
  })

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可核销福利券' />

  const submit = async (value: string) => {
    await store.redeem(value)
    if (!store.codeError) {
      setCode('')
      setInputKey((k) => k + 1)
    }
  }
  const scanCode = async () => {
    const r = await scan.scan()
    if (!r.ok) return toast(r.message)
    await submit(r.code)
  }
  const cur = store.current

  return (
    <PageRoot className='page redeem-page'>
      {picking || !store.venue ? (
        <VenuePicker store={store} onDone={() => setPicking(false)} />
      ) : (
        <View className='card venue-current'>
          <View className='merchant-head'>
            <View className='venue-current-info'>
              <Text className='form-label'>核销场馆</Text>
              <Text className='venue-current-name'>{store.venue.name}</Text>
              {store.venue.orgName ? <Text className='muted'> {store.venue.orgName}</Text> : null}
            </View>
            <Button className='btn btn-plain btn-small change-venue-btn' onClick={() => setPicking(true)}>
              更换
            </Button>
          </View>
        </View>
      )}

      {store.pendingCount > 0 ? (
        <View className='notice pending-box'>
          <Text className='pending-count'>待上传 {store.pendingCount} 条</Text>
          <Text className='muted'> 网络恢复后自动上传{store.flushing ? '（上传中…）' : ''}</Text>
          <Button className='btn btn-ghost btn-small flush-btn' disabled={store.flushing || undefined} onClick={() => void store.flush()}>
            立即上传
          </Button>
        </View>
      ) : null}

      {scan.supported ? (
        <Button className='btn btn-primary btn-block scan-btn' disabled={store.busy || !store.venue || undefined} onClick={() => void scanCode()}>
          扫码核销
        </Button>
      ) : null}
      <View className='card field-code'>
        <Text className='form-label'>{scan.supported ? '或输入券码' : '输入或粘贴会员出示的券码'}</Text>
        <Input
          key={inputKey}
          className='form-input redeem-input'
          value={code}
          maxlength={64}
          placeholder='12 位券码'
          onInput={(e) => setCode(e.detail.value)}
          onConfirm={() => void submit(code)}
        />
        <FieldError message={store.codeError} />
        <Button
          className='btn btn-primary btn-block redeem-btn'
          loading={store.busy || undefined}
          disabled={store.busy || undefined}
          onClick={() => void submit(code)}
        >
          核销
        </Button>
      </View>

      {cur ? (
        <View className='verify-result redeem-result' data-kind={cur.kind} role='alert'>
          <Text className='verify-title redeem-title'>{cur.kind === 'queued' ? '待上传' : REDEEM_TITLES[cur.kind]}</Text>
          <Text className='verify-message redeem-message'>{cur.message}</Text>
          <Text className='verify-line'>券码 {cur.code}</Text>
        </View>
      ) : null}

      {store.outcomes.length > 0 ? (
        <>
          <Text className='section-title'>核销记录（本机）</Text>
          <View className='card outcome-list'>
            {store.outcomes.map((o) => (
              <View key={o.localId} className='list-row outcome-item' data-kind={o.kind}>
                <View>
                  <Text className='outcome-title'>
                    {REDEEM_TITLES[o.kind]} · {o.code}
                    {o.queued ? '（离线补传）' : ''}
                  </Text>
                  <Text className='muted' style={{ display: 'block' }}>
                    {o.message}
                  </Text>
                  <Text className='muted' style={{ display: 'block' }}>
                    扫码 {formatDateTime(o.scannedAt)} · {o.venueName}
                  </Text>
                </View>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </PageRoot>
  )
}

export default observer(RedeemPage)

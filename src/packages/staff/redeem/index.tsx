import { useEffect, useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { vouchersApi } from '@contract/vouchers/api'
import { useStores } from '../../../stores/context'
import { scan } from '../../../platform/scan'
import { toast } from '../../../platform/ui'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { LoginRequired } from '../../../components/LoginRequired'
import { Loading } from '../../../components/Loading'
import { formatDateTime } from '../../../utils/date'
import { redeemStoreOf } from '../stores'
import { REDEEM_TITLES, type RedeemStore, type VenueChoice } from '../stores/RedeemStore'
import '../staff.css'

/** Retry the offline queue this often while the page is open. */
const FLUSH_INTERVAL_MS = 15_000

const venueKey = (v: VenueChoice) => `${v.campaignId ?? 0}:${v.venueId}`

/**
 * 核销场馆: venue ids belong to a campaign, so the staff member picks "this campaign at this venue". Admins see
 * their campaigns' venues; venue staff look a campaign up by its 活动编号 (given by the organiser).
 */
const VenuePicker = observer(function VenuePicker({ store, onDone }: { store: RedeemStore; onDone: () => void }) {
  const root = useStores()
  const canManage = root.session.hasRole('admin')
  const [choices, setChoices] = useState<VenueChoice[]>([])
  const [loading, setLoading] = useState(canManage)
  const [error, setError] = useState<unknown>(null)
  const [campaignNo, setCampaignNo] = useState('')
  const [noError, setNoError] = useState<string | null>(null)

  useEffect(() => {
    if (!canManage) return
    root.api
      .send(vouchersApi.manageCampaigns)
      .then((res) => {
        for (const c of res.items) store.rememberVenues(c.id, c.venues.map((v) => ({ venueId: v.id, name: v.name })))
        setChoices(
          res.items
            .filter((c) => c.phase !== 'closed')
            .flatMap((c) => c.venues.map((v) => ({ venueId: v.id, name: v.name, campaignId: c.id, campaignTitle: c.title }))),
        )
      })
      .catch(setError)
      .finally(() => setLoading(false))
  }, [canManage, root, store])

  const lookUp = async () => {
    const id = Number(campaignNo.trim())
    if (!Number.isInteger(id) || id <= 0) return setNoError('请输入活动编号（数字）')
    setNoError(null)
    setLoading(true)
    try {
      const stats = await root.api.send(vouchersApi.campaignStats, { params: { id } })
      const found = stats.perVenue.map((v) => ({ venueId: v.venueId, name: v.venueName, campaignId: id, campaignTitle: `活动 #${id}` }))
      store.rememberVenues(id, found.map((v) => ({ venueId: v.venueId, name: v.name })))
      if (found.length === 0) setNoError('该活动没有可核销的场馆')
      setChoices((prev) => [...prev.filter((p) => p.campaignId !== id), ...found])
    } catch (err) {
      setNoError(err && typeof err === 'object' && 'status' in err && (err as { status: number }).status === 404 ? '没有找到该活动，或不在您的核销范围内' : null)
      setError(err)
    } finally {
      setLoading(false)
    }
  }

  return (
    <View className='card venue-picker'>
      <Text className='form-label'>选择核销场馆</Text>
      {loading ? <Loading text='正在加载场馆…' /> : null}
      {choices.length > 0 ? (
        <View className='choices'>
          {choices.map((v) => (
            <Text
              key={venueKey(v)}
              className={`choice venue-choice ${store.venue && venueKey(store.venue) === venueKey(v) ? 'choice-active' : ''}`}
              onClick={() => {
                store.chooseVenue(v)
                onDone()
              }}
            >
              {v.name}（{v.campaignTitle}）
            </Text>
          ))}
        </View>
      ) : null}
      <View className='form-field field-campaignNo'>
        <Text className='form-label'>按活动编号查找</Text>
        <Input
          className='form-input campaign-no-input'
          type='number'
          value={campaignNo}
          placeholder='输入活动编号，如 12'
          onInput={(e) => {
            setCampaignNo(e.detail.value)
            setNoError(null)
          }}
        />
        <FieldError message={noError} />
        <Button className='btn btn-ghost btn-small campaign-lookup-btn' onClick={() => void lookUp()}>
          查找场馆
        </Button>
      </View>
      {noError ? null : <ErrorMessage error={error} />}
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
    <View className='page redeem-page'>
      {picking || !store.venue ? (
        <VenuePicker store={store} onDone={() => setPicking(false)} />
      ) : (
        <View className='card venue-current'>
          <View className='merchant-head'>
            <View className='venue-current-info'>
              <Text className='form-label'>核销场馆</Text>
              <Text className='venue-current-name'>{store.venue.name}</Text>
              {store.venue.campaignTitle ? <Text className='muted'> {store.venue.campaignTitle}</Text> : null}
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
    </View>
  )
}

export default observer(RedeemPage)

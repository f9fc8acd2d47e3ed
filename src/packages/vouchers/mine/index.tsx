import { pages } from '@contract/pages'
import { useEffect, useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { CAMPAIGN_KINDS, RETURN_REASONS, VOUCHER_SOURCES, VOUCHER_STATES } from '@contract/vouchers/labels'
import type { Voucher } from '@contract/vouchers/schemas'
import { useStores } from '../../../stores/context'
import { go, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { LoginRequired } from '../../../components/LoginRequired'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { ResourceView } from '../../../components/ResourceView'
import { Row } from '../../../components/Row'
import { formatDateTime } from '../../../utils/date'
import { createMyVouchersStore } from '../stores'
import type { MyVouchersStore } from '../stores/MyVouchersStore'
import { validityLeft } from '../stores/time'
import { qrDataUrl } from '../../../utils/qr'
import { voucherQrText } from '../../../utils/voucherQr'
import '../vouchers.css'
import { QrImage } from '../../../components/QrImage'
import { PageRoot } from '../../../components/PageRoot'

function VoucherQr({ campaignId, code }: { campaignId: number; code: string }) {
  const src = useMemo(() => qrDataUrl(voucherQrText(campaignId, code)), [campaignId, code])
  return <QrImage className='voucher-qr' src={src} label={`券码二维码，请出示给工作人员扫描。券码：${code}`} />
}

const VoucherCard = observer(function VoucherCard({ v, store, onReturn }: { v: Voucher; store: MyVouchersStore; onReturn: (v: Voucher) => void }) {
  // Split stock: the voucher is for one venue only (venues then holds just that one; vouchers cached on the phone
  // before venues could be split have no venueId at all).
  const only = typeof v.venueId === 'number' ? v.venues.find((x) => x.id === v.venueId) ?? v.venues[0] : undefined
  const venues = only ? `仅限「${only.name}」使用` : v.venues.map((x) => x.name).join('、')
  return (
    <View className='card voucher-item' data-state={v.state} data-code={v.code}>
      <View className='campaign-head'>
        <Text className='tag kind-tag'>
          {CAMPAIGN_KINDS[v.kind]} · {VOUCHER_SOURCES[v.source]}
        </Text>
        <Text className='tag voucher-state' data-state={v.state}>
          {VOUCHER_STATES[v.state]}
        </Text>
      </View>
      <Text className='campaign-title voucher-title'>{v.title}</Text>
      {v.state === 'unused' ? (
        <>
          <VoucherQr campaignId={v.campaignId} code={v.code} />
          <Text className='voucher-code' userSelect selectable>
            {v.code}
          </Text>
          <Text className='muted' style={{ display: 'block', textAlign: 'center' }}>
            到场馆出示此码，由工作人员扫码核销
          </Text>
        </>
      ) : (
        <Text className='muted voucher-code-small'>券码 {v.code}</Text>
      )}
      <Row k='可用场馆' v={venues} className={`voucher-venues ${only ? 'venue-only' : ''}`} />
      <View className='kv'>
        <Text className='kv-key'>有效期至</Text>
        <Text className='kv-value'>
          {formatDateTime(v.validUntil)}
          {v.state === 'unused' ? <Text className='voucher-left'> {validityLeft(v.validUntil, store.serverNow)}</Text> : null}
        </Text>
      </View>
      {v.state === 'used' && v.usedAt ? (
        <Row k='使用情况' v={`${formatDateTime(v.usedAt)} 在${v.usedVenue?.name ?? '场馆'}使用`} className='used-info' />
      ) : null}
      {v.state === 'returned' ? (
        <Row k='退回' v={`${v.returnedAt ? formatDateTime(v.returnedAt) : ''} ${v.returnReason ? RETURN_REASONS[v.returnReason] : ''}`} />
      ) : null}
      {v.state === 'unused' && v.confirmBy ? (
        <View className='notice confirm-box'>
          <Text className='confirm-text'>中签待确认：请在 {formatDateTime(v.confirmBy)} 前确认，逾期券将转给候补会员</Text>
          <Button
            className='btn btn-primary btn-block confirm-btn'
            loading={store.confirmingId === v.id || undefined}
            disabled={store.confirmingId !== null || undefined}
            onClick={() => void store.confirm(v.id)}
          >
            确认领取
          </Button>
        </View>
      ) : null}
      {v.state === 'unused' ? (
        <View className='actions-row'>
          <Button className='btn btn-plain btn-small' onClick={() => go(pages.vouchers.campaign.url({ id: v.campaignId }))}>
            活动详情
          </Button>
          <Button
            className='btn btn-ghost btn-small return-btn'
            loading={store.returningId === v.id || undefined}
            disabled={store.returningId !== null || undefined}
            onClick={() => onReturn(v)}
          >
            退回
          </Button>
        </View>
      ) : null}
    </View>
  )
})

/** 确定退回这张券？ — asked in a sheet before anything is sent. */
function ReturnSheet({ v, onCancel, onConfirm }: { v: Voucher; onCancel: () => void; onConfirm: () => void }) {
  return (
    <View className='sheet-mask return-confirm' catchMove>
      <View className='sheet'>
        <Text className='sheet-title'>确定退回这张券？</Text>
        <View className='sheet-body'>
          <Text>退回后券码立即失效，名额按顺序让给候补的会员，您的领取额度同时退还。“{v.title}”退回后不能撤销。</Text>
        </View>
        <View className='sheet-actions'>
          <Button className='btn btn-plain' onClick={onCancel}>
            再想想
          </Button>
          <Button className='btn btn-primary return-confirm-btn' onClick={onConfirm}>
            确定退回
          </Button>
        </View>
      </View>
    </View>
  )
}

function MyVouchersPage() {
  const root = useStores()
  const [store] = useState(() => createMyVouchersStore(root))
  const [confirming, setConfirming] = useState<Voucher | null>(null)
  const authed = root.session.isAuthenticated

  useEffect(() => {
    if (!authed) return undefined
    void store.load()
    const t = setInterval(() => store.tick(), 30_000)
    return () => clearInterval(t)
  }, [authed, store])
  useDidShow(() => {
    if (authed && store.loaded) void store.load()
  })

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后查看您领取的福利券' />

  const doReturn = async () => {
    const v = confirming
    setConfirming(null)
    if (v && (await store.giveBack(v.id))) toast('已退回', 'success')
  }

  return (
    <ResourceView resource={store.list}>
      {() => (
        <PageRoot className='page my-vouchers-page'>
          {store.cachedAt !== null ? (
            <View className='notice offline-notice'>
              <Text>网络不给力，显示的是 {formatDateTime(store.cachedAt)} 保存在本机的券，券码仍可出示；状态以核销结果为准。</Text>
              <Button className='btn btn-ghost btn-small' onClick={() => void store.list.reload()}>
                重新加载
              </Button>
            </View>
          ) : null}
          <ErrorMessage error={store.returnError} />
          {store.items.length === 0 ? (
            <View className='card'>
              <EmptyState title='还没有福利券' hint='到“福利”页领取工会发放的电影、健身、游泳券' actionText='去领券' onAction={() => go(pages.welfare.path)} />
            </View>
          ) : (
            store.sorted.map((v) => <VoucherCard key={v.id} v={v} store={store} onReturn={setConfirming} />)
          )}
          {confirming ? <ReturnSheet v={confirming} onCancel={() => setConfirming(null)} onConfirm={() => void doReturn()} /> : null}
        </PageRoot>
      )}
    </ResourceView>
  )
}

export default observer(MyVouchersPage)

import { pages } from '@contract/pages'
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { reliefApi } from '@contract/relief/api'
import { PAYOUT_METHODS } from '@contract/relief/labels'
import type { ApplicationDetail, DocumentSlot } from '@contract/relief/schemas'
import { useStores } from '../../../stores/context'
import { media } from '../../../platform/media'
import { go, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { Progress } from '../../../components/Progress'
import { ResourceView } from '../../../components/ResourceView'
import { StageChip } from '../../../components/StageChip'
import { Timeline } from '../../../components/Timeline'
import { useResource } from '../../../hooks/useResource'
import type { Resource } from '../../../stores/Resource'
import { expectedText, formatDate, formatDateTime } from '../../../utils/date'
import { fileSizeText } from '../../../utils/files'
import { yuanText } from '../../../utils/money'
import { reliefTypesOf } from '../stores'
import { RELIEF_PROGRESS, reliefProgress, stageTone } from '../format'
import { PageRoot } from '../../../components/PageRoot'
import '../relief.css'

function Documents({ slots, onExpired }: { slots: DocumentSlot[]; onExpired: () => void }) {
  const [openedAt] = useState(() => Date.now())
  const open = async (url: string, mime: string) => {
    // Links live a few minutes: past that, fetch fresh ones first.
    if (Date.now() - openedAt > 4 * 60_000) {
      toast('链接已过期，正在刷新…')
      onExpired()
      return
    }
    const r = await media.openDocument(url, mime)
    if (!r.ok) toast(r.message)
  }
  return (
    <View className='card detail-documents'>
      {slots.map((d) => (
        <View key={d.key} className={`doc-item doc-${d.key}`}>
          <View className='doc-head'>
            <Text className='doc-name'>{d.name}</Text>
            <Text className='doc-status' data-status={d.files.length > 0 ? 'uploaded' : d.required ? 'missing' : 'optional'}>
              {d.files.length > 0 ? `${d.files.length} 个文件` : d.required ? '未上传' : '未提交（选交）'}
            </Text>
          </View>
          {d.files.map((f, i) => (
            <View key={f.id} className='doc-file'>
              <Text>
                {f.mime === 'application/pdf' ? 'PDF 文件' : '照片'} {i + 1} · {fileSizeText(f.size)}
              </Text>
              <Text className='doc-link' onClick={() => void open(f.url, f.mime)}>
                查看
              </Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}

function objectionStatus(a: ApplicationDetail): string | null {
  const raised = a.timeline.filter((t) => t.kind === 'objection').length
  const answered = a.timeline.filter((t) => t.kind === 'objection_answered').length
  if (raised === 0) return a.publicity ? '公示期内暂无异议' : null
  return answered >= raised ? `收到异议 ${raised} 条，均已答复` : `收到异议 ${raised} 条，${raised - answered} 条待工会答复`
}

/** The application, loaded with the aid types (the form's labels come from its type). */
function DetailView({ id }: { id: number }) {
  const root = useStores()
  const types = reliefTypesOf(root)
  const resource = useResource(async () => (await Promise.all([root.api.send(reliefApi.detail, { params: { id } }), types.ensure()]))[0], [root, id, types])
  return <ResourceView resource={resource}>{(app) => <Detail app={app} resource={resource} />}</ResourceView>
}

const Detail = observer(function Detail({ app, resource }: { app: ApplicationDetail; resource: Resource<ApplicationDetail> }) {
  const root = useStores()
  const type = reliefTypesOf(root).byKey(app.typeKey)
  const [busy, setBusy] = useState(false)
  const [actionError, setActionError] = useState<unknown>(null)
  const progress = reliefProgress(app.stage)
  const expected = expectedText(app.expectedBy)
  const objections = objectionStatus(app)

  const withdraw = async () => {
    const draft = app.stage === 'draft'
    const r = await Taro.showModal({
      title: draft ? '放弃此申请' : '撤回申请',
      content: draft ? '放弃后草稿不再保留，需要时可重新申请。确定放弃吗？' : '撤回后本申请不再审核，需要时可重新申请。确定撤回吗？',
      confirmText: draft ? '放弃' : '撤回',
      confirmColor: '#C8102E',
    })
    if (!r.confirm) return
    setBusy(true)
    setActionError(null)
    try {
      resource.set(await root.api.send(reliefApi.withdraw, { params: { id: app.id }, body: {} }))
      toast('已撤回', 'success')
    } catch (err) {
      setActionError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageRoot className='page relief-detail-page'>
      <ErrorMessage error={actionError} />
      <View className='card'>
        <View className='detail-head'>
          <Text className='detail-title'>{app.typeName}</Text>
          <StageChip tone={stageTone(app.stage)} label={app.stageLabel} className='detail-stage' />
        </View>
        <Progress steps={RELIEF_PROGRESS} current={progress.current} ended={progress.ended} />
        {expected ? <Text className='detail-expected expected-by'>{expected}</Text> : null}
        <View className='kv'>
          <Text className='kv-key'>申请编号</Text>
          <Text className='kv-value'>{app.id}</Text>
        </View>
        <View className='kv'>
          <Text className='kv-key'>所属工会</Text>
          <Text className='kv-value'>{app.org.name}</Text>
        </View>
        {app.submittedAt ? (
          <View className='kv'>
            <Text className='kv-key'>提交时间</Text>
            <Text className='kv-value'>{formatDateTime(app.submittedAt)}</Text>
          </View>
        ) : null}
        <View className='kv'>
          <Text className='kv-key'>{app.stage === 'paid' ? '发放金额' : app.amount !== null ? '核定金额' : '救助金额'}</Text>
          <Text className={`kv-value detail-amount${app.amount !== null ? ' amount-granted' : ''}`}>{app.amount !== null ? yuanText(app.amount) : (type?.amountLabel ?? '待核定')}</Text>
        </View>
      </View>

      {app.payout ? (
        <View className='payout-box payout-record'>
          <Text className='payout-title'>已发放 {yuanText(app.amount)}</Text>
          <Text className='payout-line'>
            {formatDate(app.payout.paidOn)} · {PAYOUT_METHODS[app.payout.method]}
          </Text>
          <Text className='payout-line muted'>凭证号 {app.payout.reference}</Text>
        </View>
      ) : null}

      {app.stage === 'returned' ? (
        <View className='return-box return-request'>
          <Text className='notice-title'>审核人员请您补充材料</Text>
          {app.returnRequest?.documents.map((d) => (
            <Text key={d.key} className='summary-item'>
              · {d.name}
            </Text>
          ))}
          {app.returnRequest?.note ? <Text>说明：{app.returnRequest.note}</Text> : null}
          <Button className='btn btn-primary btn-block edit-btn' onClick={() => go(pages.relief.apply.url({ id: app.id }))}>
            去补充并重新提交
          </Button>
        </View>
      ) : null}
      {app.stage === 'draft' ? (
        <View className='notice'>
          <Text className='notice-title'>申请尚未提交</Text>
          <Text>已填写的内容都保存在草稿中。</Text>
          <Button className='btn btn-primary btn-block edit-btn' onClick={() => go(pages.relief.apply.url({ id: app.id }))}>
            继续填写
          </Button>
        </View>
      ) : null}
      {app.rejectReason && app.stage === 'rejected' ? (
        <View className='notice reject-notice'>
          <Text className='notice-title'>未通过原因</Text>
          <Text className='reject-reason-text'>{app.rejectReason}</Text>
        </View>
      ) : null}

      {app.publicity ? (
        <View className='card publicity-info'>
          <Text className='notice-title'>公示</Text>
          <Text className='info-line'>
            公示期 {formatDate(app.publicity.startsAt)} 至 {formatDate(app.publicity.endsAt)}（姓名已隐去部分文字）
          </Text>
          {objections ? <Text className='info-line objection-status'>{objections}</Text> : null}
          <Text className='link' onClick={() => go(pages.relief.notice.path)}>
            查看公示 ›
          </Text>
        </View>
      ) : null}

      <Text className='section-title'>办理进度</Text>
      <View className='card'>
        {app.timeline.length > 0 ? <Timeline items={app.timeline} newestFirst /> : <Text className='muted'>提交后，每一步办理情况都会显示在这里。</Text>}
      </View>

      {type ? (
        <>
          <Text className='section-title'>申请内容{app.submissionCount > 1 ? `（第 ${app.submissionCount} 次提交）` : ''}</Text>
          <View className='card'>
            {type.fields
              .filter((f) => app.fields[f.key] !== undefined && app.fields[f.key] !== null && app.fields[f.key] !== '')
              .map((f) => {
                const v = app.fields[f.key]
                const shown = f.kind === 'choice' ? (f.options?.find((o) => o.value === v)?.label ?? String(v)) : f.kind === 'money' ? yuanText(Number(v)) : String(v)
                return (
                  <View key={f.key} className='kv'>
                    <Text className='kv-key'>{f.label}</Text>
                    <Text className='kv-value'>{shown}</Text>
                  </View>
                )
              })}
          </View>
        </>
      ) : null}

      <Text className='section-title'>材料</Text>
      <Documents slots={app.documents} onExpired={() => void resource.reload()} />

      {app.canWithdraw ? (
        <Button className='btn btn-ghost btn-block withdraw-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void withdraw()}>
          {app.stage === 'draft' ? '放弃此申请' : '撤回申请'}
        </Button>
      ) : null}
    </PageRoot>
  )
})

function DetailPage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录后可查看申请进度' />
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少申请编号，请从“我的申请”进入' /></PageRoot>
  return <DetailView id={id} />
}

export default observer(DetailPage)

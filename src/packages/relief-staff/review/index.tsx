import { pages } from '@contract/pages'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { reliefApi } from '@contract/relief/api'
import { PUBLICITY_DEFAULT_DAYS, REVIEW_LEVELS, type ReviewLevel } from '@contract/relief/labels'
import type { ReliefCaseItem, ReliefQueueItem, ReviewObjection } from '@contract/relief/schemas'
import { useStores } from '../../../stores/context'
import { go, toast } from '../../../platform/ui'
import { isApiError } from '../../../api/errors'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { formatDate, formatDateTime, waitingText } from '../../../utils/date'
import { PagedList, type Page } from '../../../stores/PagedList'
import { LoadMore, countOf } from './paged'
import '../detail/relief-staff.css'
import { focusable } from '../../../utils/a11y'
import { PageRoot } from '../../../components/PageRoot'

type Tab = ReviewLevel | 'publicity' | 'objections'

const detailUrl = (id: number) => pages.reliefStaff.detail.url({ id })

const QueueList = observer(function QueueList({ list, level, onRefresh }: { list: PagedList<ReliefQueueItem>; level: ReviewLevel; onRefresh: () => void }) {
  // The server sends the oldest first, a page at a time; keep that order across pages.
  const sorted = [...list.items].sort((a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince) || a.id - b.id)
  if (sorted.length === 0) {
    return (
      <View className='card'>
        <EmptyState title={`暂无待${level === 'base' ? '初审' : '复核'}的救助申请`} hint='新的申请提交后会出现在这里，最早提交的排在最前' actionText='刷新' onAction={onRefresh} />
      </View>
    )
  }
  return (
    <View>
      <Text className='muted'>
        {list.hasMore ? `已显示 ${sorted.length} 件` : `共 ${sorted.length} 件`}，按等待时间排列（最早的在前）
      </Text>
      {sorted.map((it) => (
        <View key={it.id} className='card relief-queue-item' data-id={it.id} onClick={() => go(detailUrl(it.id))}>
          <View className='kv'>
            <Text className='review-name'>
              {it.applicantName} · {it.typeName}
            </Text>
            <View>
              {it.resubmission ? <Text className='tag'>补充后重交</Text> : null}
              {it.homeVisitDone === false ? <Text className='tag'>待走访</Text> : null}
              {it.overdue ? <Text className='tag tag-overdue'>超时</Text> : null}
            </View>
          </View>
          <Text className='muted'>{it.org.name}</Text>
          <Text className='muted relief-waiting'>
            {waitingText(it.waitingHours)} · 应于 {formatDateTime(it.dueBy)} 前办结
          </Text>
        </View>
      ))}
      <LoadMore list={list} />
    </View>
  )
})

function CaseRow({ c }: { c: ReliefCaseItem }) {
  const note =
    c.stage === 'publicity'
      ? c.openObjections > 0
        ? `${c.openObjections} 条异议待答复`
        : c.payable
          ? '可登记发放'
          : c.expectedBy
            ? `公示至 ${formatDateTime(c.expectedBy)}`
            : c.stageLabel
      : c.stageLabel
  return (
    <View className='list-row case-entry' data-id={c.id} data-payable={c.payable ? 'true' : 'false'} onClick={() => go(detailUrl(c.id))}>
      <View>
        <Text className='review-name'>
          {c.applicantName} · {c.typeName} · ¥{c.amount ?? '—'}
        </Text>
        <Text className='muted' style={{ display: 'block' }}>
          {c.org.name} · {note}
        </Text>
      </View>
      <Text className='arrow'>{c.payable ? '发放 ›' : '›'}</Text>
    </View>
  )
}

const PublicityTab = observer(function PublicityTab({ approvedList, publicityList, onChanged }: { approvedList: PagedList<ReliefCaseItem>; publicityList: PagedList<ReliefCaseItem>; onChanged: () => void }) {
  const root = useStores()
  const approved = approvedList.items
  const publicity = publicityList.items
  const [title, setTitle] = useState(() => `${new Date().getFullYear()}年帮扶救助公示（${formatDate(new Date())}）`)
  const [days, setDays] = useState(String(PUBLICITY_DEFAULT_DAYS))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const publish = async () => {
    setError(null)
    const n = Number(days)
    const e: Record<string, string> = {}
    if (title.trim().length < 2) e.title = '请填写公示标题'
    if (!Number.isInteger(n) || n < 1 || n > 30) e.days = '公示期为 1–30 天'
    setErrors(e)
    if (Object.keys(e).length) return
    setBusy(true)
    try {
      const r = await root.api.send(reliefApi.createRound, { body: { title: title.trim(), days: n, applicationIds: approved.map((c) => c.id) } })
      toast(`已发布公示（${r.entries.length} 件）`, 'success')
      onChanged()
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) setErrors(err.fields)
      else setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View>
      <Text className='section-title'>待公示（{countOf(approvedList)}）</Text>
      {approved.length === 0 ? (
        <View className='card'>
          <EmptyState title='暂无待公示的申请' hint='复核通过的申请会出现在这里，发布公示后进入公示期' />
        </View>
      ) : (
        <View className='card publish-form'>
          {approved.map((c) => (
            <CaseRow key={c.id} c={c} />
          ))}
          <LoadMore list={approvedList} />
          <View className='form-field field-title'>
            <Text className='form-label'>公示标题</Text>
            <Input className='form-input' ariaLabel='公示标题' nativeProps={{ 'aria-label': '公示标题' }} value={title} maxlength={60} onInput={(e) => setTitle(e.detail.value)} />
            <FieldError message={errors.title} />
          </View>
          <View className='form-field field-days'>
            <Text className='form-label'>公示天数（1–30）</Text>
            <Input className='form-input' ariaLabel='公示天数' nativeProps={{ 'aria-label': '公示天数' }} type='number' value={days} maxlength={2} onInput={(e) => setDays(e.detail.value)} />
            <FieldError message={errors.days} />
          </View>
          <ErrorMessage error={error} />
          <Button className='btn btn-primary btn-block publish-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void publish()}>
            发布以上 {approved.length} 件的公示
          </Button>
        </View>
      )}
      <Text className='section-title'>公示中 / 待发放（{countOf(publicityList)}）</Text>
      {publicity.length === 0 ? (
        <View className='card'>
          <EmptyState title='暂无公示中的申请' hint='公示期满且异议均已答复后，可在这里登记发放' />
        </View>
      ) : (
        <View className='card'>
          {publicity.map((c) => (
            <CaseRow key={c.id} c={c} />
          ))}
          <LoadMore list={publicityList} />
        </View>
      )}
    </View>
  )
})

const ObjectionList = observer(function ObjectionList({ list }: { list: PagedList<ReviewObjection> }) {
  const items = list.items
  if (items.length === 0) {
    return (
      <View className='card'>
        <EmptyState title='暂无公示异议' hint='会员在公示期内提出的异议会出现在这里' />
      </View>
    )
  }
  return (
    <View>
      {items.map((o) => (
        <View key={o.id} className='card objection-item' data-can-answer={o.canAnswer ? 'true' : 'false'} onClick={() => go(detailUrl(o.applicationId))}>
          <View className='kv'>
            <Text>
              {o.applicantName} · {o.typeName}
            </Text>
            <Text className={o.answeredAt ? 'tag' : 'tag tag-overdue'}>{o.answeredAt ? '已答复' : '待答复'}</Text>
          </View>
          <Text className='muted'>{o.content}</Text>
          {!o.answeredAt && !o.canAnswer ? <Text className='muted objection-readonly'>由负责复核的工会核实答复</Text> : null}
        </View>
      ))}
      <LoadMore list={list} />
    </View>
  )
})

/** 403 = no authority at that level: the tab is hidden, not an error. */
const refused = (err: unknown) => isApiError(err) && err.status === 403

/** One worklist on the app's paged list (no filter: each list is its own endpoint and query). */
const worklist = <T extends { id: number }>(fetchPage: (cursor?: string) => Promise<Page<T>>) =>
  new PagedList<T>((_f, cursor) => fetchPage(cursor), {}, (i) => i.id)

/** The five worklists of this page, read a page at a time. */
function useWorklists() {
  const root = useStores()
  return useMemo(() => {
    const { api } = root
    return {
      base: worklist((cursor) => api.send(reliefApi.reviewQueue, { query: { level: 'base', cursor } })),
      district: worklist((cursor) => api.send(reliefApi.reviewQueue, { query: { level: 'district', cursor } })),
      approved: worklist((cursor) => api.send(reliefApi.reviewCases, { query: { stage: 'approved', cursor } })),
      publicity: worklist((cursor) => api.send(reliefApi.reviewCases, { query: { stage: 'publicity', cursor } })),
      objections: worklist((cursor) => api.send(reliefApi.reviewObjections, { query: { cursor } })),
    }
  }, [root])
}

function ReliefReviewPage() {
  const lists = useWorklists()
  const { base, district, approved, publicity, objections } = lists
  const [loaded, setLoaded] = useState(false)
  const [tab, setTab] = useState<Tab | null>(null)

  const load = useCallback(async () => {
    await Promise.all([base, district, approved, publicity, objections].map((l) => l.refresh()))
    // A list whose first page was refused (403: no authority at that level) keeps its error after the refresh.
    const first: Tab | null = !base.error ? 'base' : !district.error ? 'district' : null
    setLoaded(true)
    setTab((t) => t ?? first)
  }, [base, district, approved, publicity, objections])

  useEffect(() => {
    void load()
  }, [load])
  useDidShow(() => {
    if (loaded) void load()
  })

  if (!loaded) return <Loading />
  const error = [base.error, district.error].find((e) => e && !refused(e)) ?? null
  const tabs: { key: Tab; label: string }[] = [
    ...(base.loaded ? [{ key: 'base' as const, label: `${REVIEW_LEVELS.base}（${countOf(base)}）` }] : []),
    ...(district.loaded ? [{ key: 'district' as const, label: `${REVIEW_LEVELS.district}（${countOf(district)}）` }] : []),
    ...(district.loaded
      ? [{ key: 'publicity' as const, label: `公示与发放（${approved.items.length + publicity.items.filter((c) => c.payable).length}）` }]
      : []),
    { key: 'objections' as const, label: `公示异议（${countOf(objections, objections.items.filter((o) => !o.answeredAt).length)}）` },
  ]
  if (!base.loaded && !district.loaded) {
    return (
      <PageRoot className='page'>
        <ErrorMessage error={error} onRetry={() => void load()} />
        <View className='card'>
          <EmptyState title='您没有帮扶救助审核权限' hint='如需开通，请联系所在工会管理员' />
        </View>
      </PageRoot>
    )
  }
  const active = tab ?? tabs[0].key
  return (
    <PageRoot className='page relief-review-page'>
      <ErrorMessage error={error} onRetry={() => void load()} />
      <View className='tabs' role='group' ariaLabel='审核分类' {...focusable}>
        {tabs.map((t) => (
          <Text key={t.key} className={`tab tab-${t.key}`} data-active={active === t.key ? 'true' : 'false'} onClick={() => setTab(t.key)}>
            {t.label}
          </Text>
        ))}
      </View>
      {active === 'base' || active === 'district' ? (
        <QueueList list={active === 'base' ? base : district} level={active} onRefresh={() => void load()} />
      ) : active === 'publicity' ? (
        <PublicityTab approvedList={approved} publicityList={publicity} onChanged={() => void load()} />
      ) : (
        <ObjectionList list={objections} />
      )}
    </PageRoot>
  )
}

export default observer(ReliefReviewPage)

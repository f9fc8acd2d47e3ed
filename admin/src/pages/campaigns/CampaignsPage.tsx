/**
 * 福利活动 (office console): the campaigns of the admin's union subtree as a table — filters (union, state, kind,
 * opening dates), 加载更多 by cursor, 列设置 —, 新建福利活动 in a desktop form (the mini-program's rules and messages;
 * an unfinished form kept as a draft), and each campaign's figures and export in a side panel.
 *
 * The server has no draft, edit or early close of a campaign: 发布活动 creates it live (members are told), and its
 * window closes it. So the console offers exactly that, as the mini-program does.
 */
import { useMemo, useState } from 'react'
import { Alert, Button, DatePicker, Select, Space, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import type { Dayjs } from 'dayjs'
import { vouchersApi } from '@contract/vouchers/api'
import type { Campaign } from '@contract/vouchers/schemas'
import { CAMPAIGN_KINDS, CAMPAIGN_MODES, CAMPAIGN_PHASES, type CampaignKind, type CampaignPhase } from '@contract/vouchers/labels'
import { useConsole, useSessionState } from '../../console'
import { useCursorTable } from '../../work/cursor'
import { CursorTable } from '../../work/CursorTable'
import { useColumnChoice } from '../../work/columns'
import { UnionSelect } from '../../work/UnionSelect'
import { when } from '../../work/format'
import { CampaignForm } from './CampaignForm'
import { CampaignStatsDrawer } from './CampaignStatsDrawer'
import { loadDraft } from './draft'

/** Short words kept on one line (券种, 发放方式 wrapped letter by letter at 1280 wide). */
const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } })

const PHASE_COLORS: Record<CampaignPhase, string> = { upcoming: 'blue', open: 'green', sold_out: 'orange', closed: 'default' }

export default function CampaignsPage() {
  const { api } = useConsole()
  const { user } = useSessionState()
  const [orgId, setOrgId] = useState<number | undefined>()
  const [phase, setPhase] = useState<CampaignPhase | undefined>()
  const [kind, setKind] = useState<CampaignKind | undefined>()
  const [fromDay, setFromDay] = useState<Dayjs | null>(null)
  const [toDay, setToDay] = useState<Dayjs | null>(null)
  const [creating, setCreating] = useState(false)
  const [shown, setShown] = useState<Campaign | null>(null)
  const [hasDraft, setHasDraft] = useState(() => loadDraft(user?.id ?? 'anon') !== null)

  const from = fromDay?.format('YYYY-MM-DD')
  const to = toDay?.format('YYYY-MM-DD')
  const list = useCursorTable<Campaign>(
    (cursor) => api.send(vouchersApi.manageCampaigns, { query: { orgId, phase, kind, from, to, limit: 50, cursor } }),
    [orgId, phase, kind, from, to],
  )

  const columns = useMemo(
    () => [
      { key: 'title', title: '活动名称', render: (_: unknown, c: Campaign) => <Typography.Text strong>{c.title}</Typography.Text> },
      { key: 'kind', title: '券种', onHeaderCell: nowrap, onCell: nowrap, render: (_: unknown, c: Campaign) => CAMPAIGN_KINDS[c.kind] },
      { key: 'mode', title: '发放方式', onHeaderCell: nowrap, onCell: nowrap, render: (_: unknown, c: Campaign) => CAMPAIGN_MODES[c.mode] },
      { key: 'org', title: '发布工会', dataIndex: 'orgName' },
      { key: 'opensAt', title: '开抢时间', render: (_: unknown, c: Campaign) => when(c.opensAt) },
      { key: 'closesAt', title: '截止时间', render: (_: unknown, c: Campaign) => when(c.closesAt) },
      { key: 'stock', title: '剩余 / 总数', render: (_: unknown, c: Campaign) => `${c.remaining} / ${c.totalStock}` },
      { key: 'venues', title: '场馆', render: (_: unknown, c: Campaign) => c.venues.map((v) => v.name).join('、') },
      { key: 'phase', title: '状态', render: (_: unknown, c: Campaign) => <Tag color={PHASE_COLORS[c.phase]}>{CAMPAIGN_PHASES[c.phase]}</Tag> },
      {
        key: 'open',
        title: '操作',
        render: (_: unknown, c: Campaign) => (
          <Button type="link" onClick={() => setShown(c)} aria-label={`查看数据 ${c.title}`}>
            查看数据
          </Button>
        ),
      },
    ],
    [],
  )
  const { visible, chooser } = useColumnChoice('campaigns', columns)

  const closeForm = () => {
    setCreating(false)
    setHasDraft(loadDraft(user?.id ?? 'anon') !== null)
  }

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="center">
        <Typography.Title level={3}>福利活动</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} className="new-campaign">
          新建福利活动
        </Button>
      </Space>
      {hasDraft && !creating && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="有一份未发布的福利活动草稿"
          action={<Button size="small" onClick={() => setCreating(true)}>继续填写</Button>}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <UnionSelect roles={['admin']} value={orgId} onChange={setOrgId} />
        <Select aria-label="活动状态" allowClear placeholder="活动状态" style={{ width: 120 }} value={phase} onChange={setPhase}
          options={Object.entries(CAMPAIGN_PHASES).map(([value, label]) => ({ value, label }))} />
        <Select aria-label="券种" allowClear placeholder="券种" style={{ width: 120 }} value={kind} onChange={setKind}
          options={Object.entries(CAMPAIGN_KINDS).map(([value, label]) => ({ value, label }))} />
        {/* Two pickers, not a RangePicker: antd's RangePicker keeps Tab inside its first field (a keyboard trap, seen in
            this page's keyboard journey); each day may also be left open. */}
        <DatePicker aria-label="开抢日期起" placeholder="开抢日期起" value={fromDay} onChange={setFromDay} />
        <DatePicker aria-label="开抢日期止" placeholder="开抢日期止" value={toDay} onChange={setToDay} />
        {chooser}
      </Space>
      <CursorTable<Campaign>
        list={list}
        columns={visible}
        unit="个活动"
        onRow={(c) => ({ onDoubleClick: () => setShown(c) })}
        emptyText={orgId || phase || kind || fromDay || toDay ? '没有符合条件的福利活动' : '还没有福利活动，点击“新建福利活动”发布电影、健身、游泳券'}
      />
      <CampaignForm
        open={creating}
        onClose={closeForm}
        onCreated={(c) => {
          closeForm()
          list.reload()
          setShown(c)
        }}
      />
      <CampaignStatsDrawer campaign={shown} onClose={() => setShown(null)} />
    </>
  )
}

/**
 * 福利活动 (office console): the campaigns of the admin's union subtree as a table — filters (union, state, kind,
 * opening dates), 加载更多 by cursor, 列设置 —, 新建福利活动 in a desktop form (the mini-program's rules and messages;
 * an unfinished form kept as a draft), and each campaign's figures and export in a side panel.
 *
 * 发布活动 creates a campaign live (members are told; there is no draft on the server). 编辑 (the row or the side
 * panel) reopens the same form filled from the campaign — before it opens every field, once open only the name, the
 * rules, the closing time and the number (追加库存) —, and 结束发放 closes it now after a confirm that says what
 * happens to the vouchers already issued (contract/vouchers/edit-rules.ts; the server enforces the same).
 */
import { useMemo, useState } from 'react'
import { Alert, App, Button, DatePicker, Select, Space, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import type { Dayjs } from 'dayjs'
import { vouchersApi } from '@contract/vouchers/api'
import type { Campaign } from '@contract/vouchers/schemas'
import { CAMPAIGN_KINDS, CAMPAIGN_MODES, CAMPAIGN_PHASES, type CampaignKind, type CampaignPhase } from '@contract/vouchers/labels'
import { endCampaignWarning } from '@contract/vouchers/edit-rules'
import { isApiError } from '@/api/errors'
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
  const { modal, message } = App.useApp()
  const [creating, setCreating] = useState(false)
  const [editing, setEditing] = useState<Campaign | null>(null)
  const [shown, setShown] = useState<Campaign | null>(null)
  const [hasDraft, setHasDraft] = useState(() => loadDraft(user?.id ?? 'anon') !== null)

  const from = fromDay?.format('YYYY-MM-DD')
  const to = toDay?.format('YYYY-MM-DD')
  const list = useCursorTable<Campaign>(
    (cursor) => api.send(vouchersApi.manageCampaigns, { query: { orgId, phase, kind, from, to, limit: 50, cursor } }),
    [orgId, phase, kind, from, to],
  )

  /** 结束发放 after a confirm; the table and the side panel show the campaign as the server now has it. */
  const endNow = (c: Campaign) =>
    modal.confirm({
      title: `结束发放「${c.title}」？`,
      content: endCampaignWarning(c),
      okText: '结束发放',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          const ended = await api.send(vouchersApi.endCampaign, { params: { id: c.id } })
          message.success(`已结束发放：${ended.title}`)
          list.reload()
          setShown((s) => (s?.id === ended.id ? ended : s))
        } catch (err) {
          message.error(isApiError(err) ? err.message : '操作失败，请稍后再试')
          list.reload()
        }
      },
    })

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
          <Space size={0} wrap>
            <Button type="link" onClick={() => setShown(c)} aria-label={`查看数据 ${c.title}`}>
              查看数据
            </Button>
            {c.phase !== 'closed' && (
              <>
                <Button type="link" onClick={() => setEditing(c)} aria-label={`编辑 ${c.title}`}>
                  编辑
                </Button>
                <Button type="link" danger onClick={() => endNow(c)} aria-label={`结束发放 ${c.title}`}>
                  结束发放
                </Button>
              </>
            )}
          </Space>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- endNow reads only stable handles (api, modal, list.reload)
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
      <CampaignForm
        open={editing !== null}
        editing={editing}
        onClose={() => setEditing(null)}
        onCreated={(c) => {
          setEditing(null)
          list.reload()
          setShown((s) => (s?.id === c.id ? c : s))
        }}
      />
      <CampaignStatsDrawer campaign={shown} onClose={() => setShown(null)} onEdit={setEditing} onEnd={endNow} />
    </>
  )
}

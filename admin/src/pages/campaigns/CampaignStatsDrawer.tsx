/**
 * One campaign's figures beside the table (GET …/manage/campaigns/:id/stats — the mini-program's 活动数据): issued,
 * unused, redeemed, expired, returned, waitlist and lottery entries, redemptions and the redemption rate per venue;
 * 刷新 reads them again, 导出 .xlsx downloads the server's workbook (the claims with codes and names masked, and these
 * figures; audited). 编辑 and 结束发放 hand over to the page (the same form and confirm as the table's row).
 */
import { useCallback, useEffect, useState } from 'react'
import { Alert, App, Button, Descriptions, Drawer, Space, Spin, Statistic, Table, Tag, Typography } from 'antd'
import { vouchersApi } from '@contract/vouchers/api'
import type { Campaign, CampaignStats } from '@contract/vouchers/schemas'
import { CAMPAIGN_KINDS, CAMPAIGN_MODES, CAMPAIGN_PHASES } from '@contract/vouchers/labels'
import { isApiError } from '@/api/errors'
import { useConsole, useSessionState } from '../../console'
import { downloadExport } from '../../work/download'
import { when } from '../../work/format'

type VenueRow = CampaignStats['perVenue'][number] & { issued: number }

/** Redeemed of issued, as 37.5%; — when nothing was issued. */
export const rate = (redeemed: number, issued: number) => (issued > 0 ? `${Math.round((redeemed / issued) * 1000) / 10}%` : '—')

export function CampaignStatsDrawer({
  campaign,
  onClose,
  onEdit,
  onEnd,
}: {
  campaign: Campaign | null
  onClose: () => void
  onEdit?: (c: Campaign) => void
  onEnd?: (c: Campaign) => void
}) {
  const { api } = useConsole()
  const { token } = useSessionState()
  const { message } = App.useApp()
  const [stats, setStats] = useState<CampaignStats | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [exporting, setExporting] = useState(false)
  const id = campaign?.id ?? null

  const load = useCallback(() => {
    if (id === null) return () => undefined
    let live = true
    setLoading(true)
    setError(null)
    api
      .send(vouchersApi.campaignStats, { params: { id } })
      .then((s) => live && setStats(s))
      .catch((err: unknown) => live && setError(isApiError(err) ? err.message : '加载失败'))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [api, id])
  useEffect(() => {
    setStats(null)
    return load()
  }, [load])

  const exportXlsx = async () => {
    if (id === null) return
    setExporting(true)
    try {
      await downloadExport(vouchersApi.exportXlsx.path.replace(':id', String(id)), {}, token, `福利券领取明细-${id}.xlsx`)
    } catch (err) {
      message.error(isApiError(err) ? err.message : '导出失败，请稍后再试')
    } finally {
      setExporting(false)
    }
  }

  // Held now = issued less returned; split stock: a venue's issued = its allotment less what is left of it.
  const held = stats ? stats.claims - stats.returned : 0
  const rows: VenueRow[] = (stats?.perVenue ?? []).map((v) => ({ ...v, issued: v.stock !== null && v.remaining !== null ? v.stock - v.remaining : held }))

  return (
    <Drawer
      open={campaign !== null}
      onClose={onClose}
      size="large"
      title={campaign ? `${campaign.title} · 活动数据` : '活动数据'}
      destroyOnHidden
      extra={
        <Space>
          {campaign && campaign.phase !== 'closed' && onEdit && <Button onClick={() => onEdit(campaign)}>编辑活动</Button>}
          {campaign && campaign.phase !== 'closed' && onEnd && <Button danger onClick={() => onEnd(campaign)}>结束发放</Button>}
          <Button onClick={() => load()} loading={loading}>刷新</Button>
          <Button type="primary" onClick={() => void exportXlsx()} loading={exporting}>导出领取明细（.xlsx）</Button>
        </Space>
      }
    >
      {campaign && (
        <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }} items={[
          { key: 'kind', label: '券种', children: `${CAMPAIGN_KINDS[campaign.kind]} · ${CAMPAIGN_MODES[campaign.mode]}` },
          { key: 'phase', label: '状态', children: <Tag>{CAMPAIGN_PHASES[campaign.phase]}</Tag> },
          { key: 'org', label: '发布工会', children: campaign.orgName },
          { key: 'window', label: '领取时间', children: `${when(campaign.opensAt)} 至 ${when(campaign.closesAt)}` },
        ]} />
      )}
      {error && <Alert type="error" showIcon title={error} action={<Button size="small" onClick={() => load()}>重试</Button>} />}
      {!stats && !error && <Spin aria-label="加载中" />}
      {stats && (
        <>
          <div className="campaign-figures" style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 16, marginBottom: 16 }}>
            <Statistic title="已发放" value={stats.claims} suffix="张" />
            <Statistic title="已核销" value={stats.redemptions} suffix="张" />
            <Statistic title="已过期" value={stats.expired} suffix="张" />
            <Statistic title="剩余库存" value={stats.remaining} suffix={`/ ${stats.totalStock}`} />
            <Statistic title="未使用" value={stats.unused} suffix="张" />
            <Statistic title="已退回" value={stats.returned} suffix="张" />
            <Statistic title="候补人数" value={stats.waitlist} />
            <Statistic title="核销率" value={rate(stats.redemptions, held)} />
          </div>
          {campaign?.mode === 'lottery' && (
            <Typography.Paragraph>
              抽签报名 {stats.entries} 人，{stats.drawnAt ? `已于 ${when(stats.drawnAt)} 开奖` : '尚未开奖'}
            </Typography.Paragraph>
          )}
          <Typography.Title level={5}>各场馆核销</Typography.Title>
          <Table<VenueRow>
            rowKey="venueId"
            size="small"
            pagination={false}
            dataSource={rows}
            locale={{ emptyText: '本活动没有场馆' }}
            columns={[
              { key: 'venue', title: '场馆', dataIndex: 'venueName' },
              ...(rows.some((r) => r.stock !== null)
                ? [{ key: 'stock', title: '分配 / 剩余', render: (_: unknown, r: VenueRow) => `${r.stock} / ${r.remaining}` }]
                : []),
              { key: 'redemptions', title: '核销（张）', dataIndex: 'redemptions' },
              { key: 'rate', title: '核销率（核销 / 已发放）', render: (_: unknown, r: VenueRow) => rate(r.redemptions, r.issued) },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            数据时间 {when(stats.serverTime)}；导出的券码与领取人均已脱敏，导出记入审计日志。
          </Typography.Paragraph>
        </>
      )}
    </Drawer>
  )
}

/**
 * 数据看板: the figures of a union subtree for a date range (GET /api/dashboard), as statistics and charts. Each chart
 * exports as an image (ECharts getDataURL) and its data as .xlsx (the server's export, the same figures).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { App, Button, Card, Col, DatePicker, Result, Row, Select, Space, Spin, Statistic, Typography } from 'antd'
import { DownloadOutlined, FileExcelOutlined, PictureOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { dashboardApi } from '@contract/dashboard/api'
import { DASHBOARD_CHARTS, DASHBOARD_CHART_KEYS, type DashboardChart } from '@contract/dashboard/labels'
import type { Dashboard } from '@contract/dashboard/schemas'
import { isApiError } from '@/api/errors'
import { useConsole, useSessionState } from '../../console'
import { browserSaver, dataUrlBlob, downloadExport } from '../../work/download'
import { EChart, type EChartHandle } from './EChart'
import { chartOption, chartSummary } from './charts'

const DAY_FORMAT = 'YYYY-MM-DD'

/** The last six calendar months up to today. */
export function defaultRange(today = dayjs()): [Dayjs, Dayjs] {
  return [today.subtract(5, 'month').startOf('month'), today]
}

function ChartCard({ data, chart, dark, range, orgId }: { data: Dashboard; chart: DashboardChart; dark: boolean; range: { from: string; to: string }; orgId?: number }) {
  const { message } = App.useApp()
  const { token } = useSessionState()
  const ref = useRef<EChartHandle>(null)
  const title = DASHBOARD_CHARTS[chart].title
  const option = useMemo(() => chartOption(data, chart), [data, chart])
  const exportImage = () => {
    const url = ref.current?.dataUrl()
    if (!url) return void message.warning('图表尚未绘制完成')
    browserSaver.save(dataUrlBlob(url), `${title}-${range.from}至${range.to}.png`)
  }
  const exportData = async () => {
    try {
      await downloadExport(dashboardApi.exportXlsx.path, { ...range, orgId, chart }, token, `${title}.xlsx`)
    } catch (err) {
      message.error(isApiError(err) ? err.message : '导出失败，请稍后再试')
    }
  }
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Space size={4}>
          <Button size="small" icon={<PictureOutlined />} onClick={exportImage} aria-label={`${title}：导出图片`}>
            图片
          </Button>
          <Button size="small" icon={<FileExcelOutlined />} onClick={exportData} aria-label={`${title}：导出数据`}>
            数据
          </Button>
        </Space>
      }
    >
      <EChart ref={ref} option={option} dark={dark} label={`${title}。${chartSummary(data, chart)}`} />
    </Card>
  )
}

export default function DashboardPage() {
  const { api } = useConsole()
  const { token } = useSessionState()
  const { message } = App.useApp()
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => defaultRange())
  const [orgId, setOrgId] = useState<number | undefined>(undefined)
  const [data, setData] = useState<Dashboard | null>(null)
  const [error, setError] = useState<{ status: number; message: string } | null>(null)
  const [loading, setLoading] = useState(true)
  const dark = typeof document !== 'undefined' && document.documentElement.dataset.theme === 'dark'
  const query = useMemo(() => ({ from: range[0].format(DAY_FORMAT), to: range[1].format(DAY_FORMAT), orgId }), [range, orgId])
  const latest = useRef(0)

  const load = useCallback(() => {
    const ticket = ++latest.current
    setLoading(true)
    api
      .send(dashboardApi.figures, { query })
      .then((d) => {
        if (ticket !== latest.current) return
        setData(d)
        setError(null)
      })
      .catch((err: unknown) => {
        if (ticket !== latest.current) return
        setError({ status: isApiError(err) ? err.status : 0, message: isApiError(err) ? err.message : '加载失败' })
      })
      .finally(() => ticket === latest.current && setLoading(false))
  }, [api, query])
  useEffect(load, [load])

  const exportAll = async () => {
    try {
      await downloadExport(dashboardApi.exportXlsx.path, query, token, '数据看板.xlsx')
    } catch (err) {
      message.error(isApiError(err) ? err.message : '导出失败，请稍后再试')
    }
  }

  if (error && error.status === 403) return <Result status="403" title="数据看板仅对管理员开放" subTitle={error.message} />
  const chartRange = { from: query.from, to: query.to }
  return (
    <>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          数据看板{data ? ` · ${data.org.name}` : ''}
        </Typography.Title>
        <Space wrap>
          {data && data.posts.length > 1 && (
            <Select aria-label="工会" style={{ minWidth: 200 }} value={orgId ?? data.org.id} onChange={setOrgId} options={data.posts.map((p) => ({ value: p.id, label: p.name }))} />
          )}
          <DatePicker.RangePicker
            aria-label="统计时间"
            allowClear={false}
            value={range}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
            presets={[
              { label: '本月', value: [dayjs().startOf('month'), dayjs()] },
              { label: '近 6 个月', value: defaultRange() },
              { label: '今年', value: [dayjs().startOf('year'), dayjs()] },
            ]}
          />
          <Button icon={<DownloadOutlined />} onClick={exportAll}>
            导出全部数据
          </Button>
        </Space>
      </Space>
      {error && <Result status="error" title="加载失败" subTitle={error.message} extra={<Button onClick={load}>重试</Button>} />}
      {!data && loading && <Spin aria-label="加载中" />}
      {data && (
        <Spin spinning={loading}>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} lg={4}><Card size="small"><Statistic title="会员总数" value={data.members.total} /></Card></Col>
            <Col xs={12} lg={4}><Card size="small"><Statistic title="期间新入会" value={data.members.newInRange} /></Card></Col>
            <Col xs={12} lg={4}><Card size="small"><Statistic title="新就业形态占比" value={Math.round(data.members.newFormsShare * 1000) / 10} suffix="%" /></Card></Col>
            <Col xs={12} lg={4}><Card size="small"><Statistic title="入会审核超时" value={data.joining.overdueNow} suffix={`/ ${data.joining.pendingNow} 待审`} /></Card></Col>
            <Col xs={12} lg={4}><Card size="small"><Statistic title="入会审核用时中位数" value={data.joining.medianDecisionHours ?? '—'} suffix={data.joining.medianDecisionHours === null ? '' : '小时'} /></Card></Col>
            <Col xs={12} lg={4}><Card size="small"><Statistic title="帮扶 / 法援超时" value={data.relief.overdueNow} suffix={`/ ${data.legal.overdueNow}`} /></Card></Col>
            <Col xs={12} lg={4}><Card size="small"><Statistic title="活动报名" value={data.events.registrations} /></Card></Col>
            <Col xs={12} lg={4}><Card size="small"><Statistic title="活动签到" value={data.events.checkedIn} /></Card></Col>
            <Col xs={12} lg={4}><Card size="small"><Statistic title="活动未到" value={data.events.noShows} /></Card></Col>
            <Col xs={12} lg={4}><Card size="small"><Statistic title="爱心驿站" value={data.stations.total} /></Card></Col>
          </Row>
          <Row gutter={[16, 16]}>
            {DASHBOARD_CHART_KEYS.map((k) => (
              <Col key={k} xs={24} xl={12}>
                <ChartCard data={data} chart={k} dark={dark} range={chartRange} orgId={orgId} />
              </Col>
            ))}
          </Row>
        </Spin>
      )}
    </>
  )
}

/**
 * ECharts in React, small: only the chart types and components the dashboard draws are registered (echarts/core), so
 * the console's echarts chunk carries no more than it uses. `ref.dataUrl()` gives the chart as a PNG (导出图片).
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'

echarts.use([BarChart, LineChart, PieChart, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export interface EChartHandle {
  /** The chart as a PNG data URL (on the page's background), or null before it is drawn. */
  dataUrl(): string | null
}

interface Props {
  option: EChartsCoreOption
  /** Accessible name: the chart's title and what it shows. */
  label: string
  dark?: boolean
  height?: number
}

export const EChart = forwardRef<EChartHandle, Props>(function EChart({ option, label, dark = false, height = 280 }, ref) {
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    if (!el.current) return
    const c = echarts.init(el.current, dark ? 'dark' : undefined, { renderer: 'canvas' })
    chart.current = c
    const resize = () => c.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      c.dispose()
      chart.current = null
    }
  }, [dark])

  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, true)
  }, [option, dark])

  useImperativeHandle(ref, () => ({
    dataUrl: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: dark ? '#141414' : '#ffffff' }) ?? null,
  }))

  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} />
})

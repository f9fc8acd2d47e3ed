/**
 * ECharts in jsdom: there is no canvas, and echarts ships ES modules jest would have to transform. Console tests that
 * land on 数据看板 (the shell, the login page) get this stand-in; the dashboard's own test stubs its chart component
 * and checks the options it is given (`charts.ts`).
 */
const chart = {
  setOption: () => undefined,
  resize: () => undefined,
  dispose: () => undefined,
  getDataURL: () => 'data:image/png;base64,',
}
export const use = () => undefined
export const init = () => chart
export const BarChart = {}
export const LineChart = {}
export const PieChart = {}
export const DatasetComponent = {}
export const GridComponent = {}
export const LegendComponent = {}
export const TooltipComponent = {}
export const CanvasRenderer = {}

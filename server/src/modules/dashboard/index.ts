/** 数据看板 (the office console's dashboard) — the public face. Its figures come from each capability's face. */
export { dashboardRoutes } from './routes'
export * as dashboardTargets from './targets'

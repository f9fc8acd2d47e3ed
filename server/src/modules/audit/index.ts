/** 审计日志 (the office console's audit-log viewer) — the public face. The rows are written by audit.ts. */
export { auditRoutes } from './routes'
export * as auditTargets from './targets'

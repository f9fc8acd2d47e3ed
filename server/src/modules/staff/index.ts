/** 工作人员与邀请 (staff roles by invitation, the first administrator) — the public face. */
export { staffServices, type StaffServices } from './services'
export { staffRoutes } from './routes'
export * as staffTargets from './targets'
export { bootstrapRoot, type Bootstrapped } from './bootstrap'

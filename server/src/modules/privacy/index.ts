/**
 * 个人信息保护 (issue 19) — the public face: 注销账号 with its cooling-off and the shredder (every capability's remover
 * through its face, one transaction), 下载我的数据, the retention job; 退会 is membership's, served here.
 */
export { privacyServices, type PrivacyServices } from './service'
export { privacyRoutes } from './routes'
export { privacyJobs } from './jobs'
export { cancelErasureOnLogin } from './erasure'
export * as privacyTargets from './targets'

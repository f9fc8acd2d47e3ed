/** 我的申请 — merges what membership, events and relief produce, through their public faces. */
export { applicationRoutes } from './routes'

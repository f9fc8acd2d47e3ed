/** 我的申请 — merges what membership, events, relief and legal aid produce, through their public faces. */
export { applicationRoutes } from './routes'

/** 工会组织 (the union tree: browse, create, edit, move, close, import) — the public face. */
export { unionServices, type UnionServices } from './services'
export { unionRoutes } from './routes'
export * as unionTargets from './targets'

/** 扫码登录 for the office console (/admin) and 退出电脑登录 — the public face. */
export { ConsoleLoginService } from './tickets'
export { consoleRoutes } from './routes'
export { describeDevice, describePlace } from './place'
export { consolePersonalData, deleteOldLoginTickets } from './personal-data'

/** Health check answers, declared once. Zod-free. */
import { defineReasons } from '../reasons'

export const SystemReasons = defineReasons({
  /** GET /api/health when the database does not answer (503: for the load balancer, not a refusal). */
  DATABASE_UNAVAILABLE: { status: 503, message: '数据库暂时不可用' },
  /**
   * GET /api/health when the database answers but lacks a migration this code expects (an instance started
   * against a database another version migrated, or one restored from an older backup): not ready for traffic.
   */
  MIGRATIONS_PENDING: { status: 503, message: '数据库结构尚未升级到当前版本，服务暂不可用' },
})

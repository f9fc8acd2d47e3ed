/** Health check answers, declared once. Zod-free. */
import { defineReasons } from '../reasons'

export const SystemReasons = defineReasons({
  /** GET /api/health when the database does not answer (503: for the load balancer, not a refusal). */
  DATABASE_UNAVAILABLE: { status: 503, message: '数据库暂时不可用' },
})

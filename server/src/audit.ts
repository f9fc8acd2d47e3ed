import { and, eq, or } from 'drizzle-orm'
import type { DbOrTx } from './db'
import { auditLog } from './db/schema'
import { auditOrgOf } from './audit-org'
import { requestOrigin } from './http/request-origin'

export interface AuditEntry {
  actorUserId: number | null
  /** Dotted, capability first: 'auth.login', 'me.update', 'membership.approve' … */
  action: string
  subjectType?: string
  subjectId?: string | number
  detail?: Record<string, unknown>
}

/**
 * Appends to audit_log; call it with the transaction that makes the change. The row's union (audit-org.ts) is decided
 * in the same INSERT; where the request came from (address, User-Agent, phone or console) is the running request's.
 */
export async function audit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  const origin = requestOrigin()
  await db.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId === undefined ? null : String(entry.subjectId),
    detail: entry.detail ?? null,
    orgId: auditOrgOf(entry),
    ip: origin?.ip ?? null,
    userAgent: origin?.userAgent ?? null,
    channel: origin?.channel ?? null,
  })
}

/**
 * 注销账号 (issue 19): the audit entries stay (their count, actions, subjects and times are kept as the law requires);
 * those the person made, or that are about their account, lose their details (which may name them). The actor id
 * then points at the anonymised account.
 */
export async function anonymiseAuditActor(db: DbOrTx, userId: number): Promise<number> {
  const rows = await db
    .update(auditLog)
    .set({ detail: null })
    .where(or(eq(auditLog.actorUserId, userId), and(eq(auditLog.subjectType, 'user'), eq(auditLog.subjectId, String(userId)))))
    .returning({ id: auditLog.id })
  return rows.length
}

import type { DbOrTx } from './db'
import { auditLog } from './db/schema'

export interface AuditEntry {
  actorUserId: number | null
  /** Dotted, capability first: 'auth.login', 'me.update', 'membership.approve' … */
  action: string
  subjectType?: string
  subjectId?: string | number
  detail?: Record<string, unknown>
}

/** Appends to audit_log; call it with the transaction that makes the change. */
export async function audit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId === undefined ? null : String(entry.subjectId),
    detail: entry.detail ?? null,
  })
}

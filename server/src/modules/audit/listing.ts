/**
 * 审计日志: the audit rows of the caller's union subtree, newest first, keyset-paged by id (no OFFSET), with the
 * filters of the console; and the same rows for the .xlsx export. Which union a row belongs to was decided by the
 * writer (audit-org.ts): the scope is `org_id IN (the subtree)` (audit_log_org_idx), and the platform's own rows
 * (org_id null) are the root's admins' alone.
 */
import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm'
import type { AuditFilters, AuditPage, AuditQuery, AuditRow } from '@contract/audit/schemas'
import { SENSITIVE_AUDIT_ACTIONS, isSensitiveAction } from '@contract/audit/labels'
import type { AppDeps } from '../../http/deps'
import type { AuthUser } from '../../auth/sessions'
import { levelOf, scopesFor } from '../../auth/policy'
import { auditLog, orgs, users } from '../../db/schema/core'
import { inOrgSubtree } from '../../db/org-scope'
import { decodeCursor, pageOf } from '../../db/paging'
import { Errors } from '../../errors'
import { describeDevice } from '../console'
import type { DbOrTx } from '../../db'

const DAY = 86_400_000

/** The subtree roots the caller reads: the union asked for (the gate placed it inside a post), else every post. */
async function rootsOf(db: DbOrTx, user: AuthUser, orgId: number | undefined): Promise<string[]> {
  if (orgId === undefined) return scopesFor(user, 'audit.view')
  const [row] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId))
  if (!row) throw Errors.notFound('工会不存在')
  return [row.path]
}

/** Where the rows may come from: the subtrees, and the unattributed rows for a root's admin. */
function scopeOf(roots: string[]): SQL {
  const parts = roots.map((p) => inOrgSubtree(auditLog.orgId, p))
  if (roots.some((p) => levelOf(p) === 1)) parts.push(sql`${auditLog.orgId} is null`)
  return parts.length === 0 ? sql`false` : or(...parts)!
}

function filtersOf(f: AuditFilters): SQL[] {
  const where: SQL[] = []
  if (f.actorId !== undefined) where.push(eq(auditLog.actorUserId, f.actorId))
  if (f.actor) where.push(sql`strpos(${users.nickname}, ${f.actor}) > 0`)
  if (f.action) where.push(eq(auditLog.action, f.action))
  if (f.subjectType) where.push(eq(auditLog.subjectType, f.subjectType))
  if (f.subjectId) where.push(eq(auditLog.subjectId, f.subjectId))
  // China calendar days, both ends included.
  if (f.from) where.push(gte(auditLog.createdAt, new Date(`${f.from}T00:00:00+08:00`)))
  if (f.to) where.push(lt(auditLog.createdAt, new Date(Date.parse(`${f.to}T00:00:00+08:00`) + DAY)))
  if (f.sensitive === true) where.push(sql`${auditLog.action} in (${sql.join(SENSITIVE_AUDIT_ACTIONS.map((a) => sql`${a}`), sql`, `)})`)
  if (f.sensitive === false) where.push(sql`${auditLog.action} not in (${sql.join(SENSITIVE_AUDIT_ACTIONS.map((a) => sql`${a}`), sql`, `)})`)
  return where
}

/** The rows (+ actor and union names), newest first, at most `limit`, below `beforeId`. */
async function readRows(db: DbOrTx, user: AuthUser, f: AuditFilters, limit: number, beforeId: number | null): Promise<AuditRow[]> {
  const roots = await rootsOf(db, user, f.orgId)
  const where = [scopeOf(roots), ...filtersOf(f)]
  if (beforeId !== null) where.push(lt(auditLog.id, beforeId))
  const rows = await db
    .select({ a: auditLog, actorName: users.nickname, orgName: orgs.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(orgs, eq(orgs.id, auditLog.orgId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit)
  return rows.map(({ a, actorName, orgName }) => ({
    id: a.id,
    at: a.createdAt.toISOString(),
    actor: a.actorUserId === null ? null : { id: a.actorUserId, name: actorName ?? '' },
    action: a.action,
    subjectType: a.subjectType,
    subjectId: a.subjectId,
    org: a.orgId === null ? null : { id: a.orgId, name: orgName ?? '' },
    ip: a.ip,
    userAgent: a.userAgent,
    device: a.userAgent ? describeDevice(a.userAgent) : null,
    channel: a.channel,
    detail: a.detail,
    sensitive: isSensitiveAction(a.action),
  }))
}

export async function listAudit(deps: AppDeps, user: AuthUser, q: AuditQuery): Promise<AuditPage> {
  const after = decodeCursor(q.cursor, ['number'] as const)
  const rows = await readRows(deps.db, user, q, q.limit + 1, after ? after[0] : null)
  const { page, nextCursor } = pageOf(rows, q.limit, (last) => [last.id])
  return { items: page, nextCursor }
}

export { readRows }

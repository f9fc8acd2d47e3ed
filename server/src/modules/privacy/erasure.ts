/**
 * 注销账号 (issue 19). A request starts ERASURE_COOLING_OFF_DAYS of cooling-off and logs the person out on every
 * device. Logging in again during them cancels it (decided: cancelled at once, in the login's transaction — the
 * must-show of the issue; 账号与安全 then says so once). Every session is revoked by the request, so a login is the one
 * way back and needs no separate 撤销 endpoint. After the period the due job runs the
 * shredder in the transaction that claimed the request (FOR UPDATE SKIP LOCKED: exactly once across instances).
 */
import { and, desc, eq, isNull, lte } from 'drizzle-orm'
import { ERASURE_COOLING_OFF_DAYS } from '@contract/privacy/labels'
import type { ErasureView } from '@contract/privacy/schemas'
import type { DbOrTx, Tx } from '../../db'
import { sessions } from '../../db/schema/core'
import { privacyRequests, type PrivacyRequestRow } from '../../db/schema/privacy'
import type { AppDeps } from '../../http/deps'
import type { AuthUser } from '../../auth/sessions'
import { audit } from '../../audit'
import { fileDisposal } from '../../personal-data'
import { shred } from './shredder'

const DAY_MS = 86_400_000

export const toErasureView = (r: PrivacyRequestRow): ErasureView => ({
  id: r.id,
  status: r.status === 'done' ? 'done' : r.status === 'pending' ? 'pending' : 'cancelled',
  requestedAt: r.createdAt.toISOString(),
  dueAt: (r.dueAt ?? r.createdAt).toISOString(),
  cancelledAt: r.cancelledAt?.toISOString() ?? null,
  cancelledBy: r.status === 'cancelled' ? (r.note === 'login' ? 'login' : 'member') : null,
})

export async function latestErasure(db: DbOrTx, userId: number): Promise<PrivacyRequestRow | null> {
  const [r] = await db
    .select()
    .from(privacyRequests)
    .where(and(eq(privacyRequests.userId, userId), eq(privacyRequests.kind, 'erasure')))
    .orderBy(desc(privacyRequests.id))
    .limit(1)
  return r ?? null
}

/**
 * The login hook (wired in container.ts into AuthService): a login during the cooling-off period cancels the open
 * 注销, in the login's transaction.
 */
export async function cancelErasureOnLogin(tx: Tx, userId: number, now: Date): Promise<void> {
  const rows = await tx
    .update(privacyRequests)
    .set({ status: 'cancelled', cancelledAt: now, note: 'login' })
    .where(and(eq(privacyRequests.userId, userId), eq(privacyRequests.kind, 'erasure'), eq(privacyRequests.status, 'pending')))
    .returning({ id: privacyRequests.id })
  for (const r of rows) await audit(tx, { actorUserId: userId, action: 'privacy.erasure.cancel', subjectType: 'privacy_request', subjectId: r.id, detail: { by: 'login' } })
}

export function erasure(deps: AppDeps) {
  const { db } = deps
  return {
    async request(user: AuthUser): Promise<ErasureView> {
      const now = new Date(deps.now())
      return db.transaction(async (tx) => {
        const open = await latestErasure(tx, user.userId)
        let row = open?.status === 'pending' ? open : null
        if (!row) {
          ;[row] = await tx
            .insert(privacyRequests)
            .values({ userId: user.userId, kind: 'erasure', status: 'pending', dueAt: new Date(now.getTime() + ERASURE_COOLING_OFF_DAYS * DAY_MS), createdAt: now })
            .returning()
          await audit(tx, { actorUserId: user.userId, action: 'privacy.erasure.request', subjectType: 'privacy_request', subjectId: row.id })
        }
        // Logged out everywhere: coming back (a login) is the deliberate act that cancels.
        await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, user.userId), isNull(sessions.revokedAt)))
        return toErasureView(row)
      })
    },

    /** The due job: each request past its cooling-off, claimed FOR UPDATE SKIP LOCKED and shredded in that transaction. */
    async runDue(): Promise<number> {
      let done = 0
      for (;;) {
        const now = new Date(deps.now())
        const disposal = fileDisposal(deps.files)
        const ran = await db.transaction(async (tx) => {
          const [req] = await tx
            .select()
            .from(privacyRequests)
            .where(and(eq(privacyRequests.kind, 'erasure'), eq(privacyRequests.status, 'pending'), lte(privacyRequests.dueAt, now)))
            .orderBy(privacyRequests.dueAt)
            .limit(1)
            .for('update', { skipLocked: true })
          if (!req) return false
          if (req.userId !== null) await shred(deps, tx, req.userId, disposal)
          await tx.update(privacyRequests).set({ status: 'done', doneAt: now, userId: null }).where(eq(privacyRequests.id, req.id))
          return true
        })
        await disposal.flush()
        if (!ran) return done
        done++
      }
    },
  }
}

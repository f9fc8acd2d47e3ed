/**
 * The shredder (issue 19): erases or anonymises one person's data across every capability in ONE transaction (all
 * removers, the audit entries' details, the record that it ran), so a failure leaves nothing half-erased. Object-store
 * bytes of deleted files are removed after the commit.
 */
import type { Tx } from '../../db'
import type { AppDeps } from '../../http/deps'
import { anonymiseAuditActor, audit } from '../../audit'
import { type fileDisposal } from '../../personal-data'
import { REMOVERS } from './removers'

/** Runs every remover for `userId` inside `tx`; returns per-capability counts (no personal data). */
export async function shred(
  deps: AppDeps,
  tx: Tx,
  userId: number,
  disposal: ReturnType<typeof fileDisposal>,
): Promise<Record<string, Record<string, number>>> {
  const now = new Date(deps.now())
  const ctx = { userId, now, cipher: deps.cipher, deleteFiles: disposal.deleteFiles }
  const counts: Record<string, Record<string, number>> = {}
  for (const [name, remover] of REMOVERS) counts[name] = await remover.erase(tx, ctx)
  counts.audit = { anonymised: await anonymiseAuditActor(tx, userId) }
  await audit(tx, { actorUserId: null, action: 'privacy.erased', subjectType: 'user', subjectId: userId, detail: counts })
  return counts
}

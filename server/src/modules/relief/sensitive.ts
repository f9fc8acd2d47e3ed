/**
 * Sensitive form values: stored only encrypted (AES-256-GCM under DATA_KEY, crypto/data.ts) as one blob per row, and
 * every view that returns them decrypted is audited in the same transaction.
 */
import { isSensitiveField } from '@contract/relief/rules'
import type { AidTypeConfig, FieldValues } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import type { ReliefApplicationRow } from '../../db/schema/relief'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'

/** Plain + decrypted sensitive values of an application (or one submitted version of it). */
export function valuesOf(deps: AppDeps, app: Pick<ReliefApplicationRow, 'fields' | 'sensitiveEnc'>): FieldValues {
  const sensitive = app.sensitiveEnc ? (JSON.parse(deps.cipher.decrypt(app.sensitiveEnc)) as FieldValues) : {}
  return { ...app.fields, ...sensitive }
}

/**
 * Splits values by sensitivity; the sensitive part is encrypted. A field of a sensitive kind (ID number, phone,
 * medical) is sensitive whatever its stored flag says.
 */
export function sealValues(deps: AppDeps, type: AidTypeConfig, values: FieldValues): { plain: FieldValues; sensitiveEnc: string | null } {
  const sensitiveKeys = new Set(type.fields.filter(isSensitiveField).map((f) => f.key))
  const plain: FieldValues = {}
  const sensitive: FieldValues = {}
  for (const [k, v] of Object.entries(values)) (sensitiveKeys.has(k) ? sensitive : plain)[k] = v
  return { plain, sensitiveEnc: Object.keys(sensitive).length > 0 ? deps.cipher.encrypt(JSON.stringify(sensitive)) : null }
}

/** Audits a view that returns an application's sensitive values decrypted. */
export async function auditSensitiveView(
  tx: Tx,
  user: AuthUser,
  app: ReliefApplicationRow,
  type: AidTypeConfig,
  as: 'applicant' | 'reviewer',
): Promise<void> {
  const fields = type.fields.filter(isSensitiveField).map((f) => f.key)
  await audit(tx, {
    actorUserId: user.userId,
    action: 'relief.application.view_sensitive',
    subjectType: 'relief_application',
    subjectId: app.id,
    detail: { as, fields, documents: Object.values(app.documents).flat().length },
  })
}

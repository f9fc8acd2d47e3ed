/**
 * Who may apply for a type and what a submission must hold: the member's employment type and membership age, the
 * form's fields, the document checklist and the consent; the "same cause" identity the limits compare.
 */
import { ReliefReasons } from '@contract/relief/reasons'
import { missingDocuments, validateFields } from '@contract/relief/rules'
import type { AidTypeConfig, DocumentIds, FieldValues } from '@contract/relief/schemas'
import { refuse } from '../../errors'
import type { Member } from '../membership'

/** Eligibility that does not depend on the form: employment type, membership age. Throws 409 with the reason. */
export function checkMemberEligibility(type: AidTypeConfig, member: Pick<Member, 'employmentType' | 'joinedAt'>, now: Date): void {
  const e = type.eligibility
  if (e.employmentTypes && !e.employmentTypes.includes(member.employmentType)) {
    throw refuse(ReliefReasons.RELIEF_EMPLOYMENT_TYPE, { typeName: type.name, who: e.summary[0] ?? '符合条件的会员' })
  }
  if (e.minMembershipMonths) {
    const since = new Date(member.joinedAt)
    since.setMonth(since.getMonth() + e.minMembershipMonths)
    if (since.getTime() > now.getTime()) throw refuse(ReliefReasons.RELIEF_MEMBERSHIP_TOO_NEW, { typeName: type.name, months: e.minMembershipMonths })
  }
}

/**
 * Everything a submission lacks, as one 400 with every problem beside its field: the fields (and the type's caps),
 * the required documents (请上传「…」), the consent. The reason and message are those of the first kind of problem:
 * a field, else the documents, else the consent.
 */
export function checkSubmission(
  type: AidTypeConfig,
  app: { values: FieldValues; documents: DocumentIds; consentSensitive: boolean },
  today: string,
): void {
  const problems = validateFields(type, app.values, today)
  for (const rule of type.eligibility.fieldMax ?? []) {
    const v = app.values[rule.field]
    if (!problems[rule.field] && typeof v === 'number' && v > rule.max) problems[rule.field] = rule.message
  }
  const firstField = Object.values(problems)[0]
  const missing = missingDocuments(type, app.documents)
  for (const d of missing) problems[`documents.${d.key}`] = ReliefReasons.RELIEF_DOCUMENTS_MISSING.message({ names: [d.name] })
  const consent = ReliefReasons.RELIEF_CONSENT_REQUIRED
  if (!app.consentSensitive) problems.consentSensitive = consent.message()
  if (firstField !== undefined) throw refuse(ReliefReasons.RELIEF_FORM_INVALID, { text: firstField }, problems)
  if (missing.length > 0) throw refuse(ReliefReasons.RELIEF_DOCUMENTS_MISSING, { names: missing.map((d) => d.name) }, problems)
  if (!app.consentSensitive) throw refuse(consent, undefined, problems)
}

/** Normalised "same cause" identity from the cause fields (case/space-insensitive). */
export function causeKeyOf(keys: string[], values: FieldValues): string | null {
  const parts = keys.map((k) => values[k])
  if (parts.some((p) => p === undefined || p === null || p === '')) return null
  return parts.map((p) => String(p).replace(/\s+/g, '').toLowerCase()).join('|')
}

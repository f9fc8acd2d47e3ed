/** 法律援助's face for other packages (legal-staff): the status chip tone and the thread. */
import { LEGAL_STATUSES, type LegalStatus } from '@contract/legal/labels'
import type { Tone } from '../../components/StageChip'

export { Thread, Attachments } from './Thread'

export const STATUS_TONE: Record<LegalStatus, Tone> = {
  submitted: 'progress',
  in_progress: 'progress',
  awaiting_member: 'action',
  scheduled: 'progress',
  closed: 'done',
}

/** The statuses as staff read them (待您补充 is said to the member). */
export const STAFF_STATUS_LABELS: Record<LegalStatus, string> = { ...LEGAL_STATUSES, awaiting_member: '待会员补充' }

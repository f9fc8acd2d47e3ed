/** 法律援助's face for other packages (legal-staff): the status chip tone and the thread. */
import type { LegalStatus } from '@contract/legal/labels'
import type { Tone } from '../../components/StageChip'

export { Thread, Attachments } from './Thread'

export const STATUS_TONE: Record<LegalStatus, Tone> = {
  submitted: 'progress',
  in_progress: 'progress',
  awaiting_member: 'action',
  scheduled: 'progress',
  closed: 'done',
}

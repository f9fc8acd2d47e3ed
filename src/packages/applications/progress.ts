/**
 * How 我的申请 draws every kind of application (pure: no Taro): the chip tone of its capability-neutral state and
 * the steps of its process. A relief card follows relief's own steps, from relief's public face.
 */
import type { ApplicationKind, ApplicationState } from '@contract/applications/labels'
import type { MyApplicationItem } from '@contract/applications/schemas'
import type { Tone } from '../../components/StageChip'
import { RELIEF_PROGRESS, reliefProgressOfLabel } from '../relief/shared'

/** The colour says who is to act. */
export const STATE_TONE: Record<ApplicationState, Tone> = {
  draft: 'draft',
  in_review: 'progress',
  action_required: 'action',
  approved: 'success',
  completed: 'done',
  rejected: 'danger',
  withdrawn: 'muted',
}

/** Each kind's path as its applicant sees it. */
export const KIND_STEPS: Record<ApplicationKind, readonly string[]> = {
  relief: RELIEF_PROGRESS,
  membership: ['提交', '审核', '入会'],
  event: ['报名', '审核', '参加'],
  legal: ['咨询', '处理', '结案'],
}

/** Progress from the capability-neutral state: the index of the step under way, or ended (rejected, withdrawn). */
export function stateProgress(state: ApplicationState, steps: number): { current: number; ended: boolean } {
  switch (state) {
    case 'draft':
      return { current: 0, ended: false }
    case 'in_review':
    case 'action_required':
      return { current: 1, ended: false }
    case 'approved':
      return { current: Math.max(1, steps - 1), ended: false }
    case 'completed':
      return { current: steps, ended: false }
    default:
      return { current: -1, ended: true }
  }
}

/** The progress bar of one card: a relief case by its precise stage, any other by its state. */
export function progressOf(item: MyApplicationItem): { steps: readonly string[]; current: number; ended: boolean } {
  const exact = item.kind === 'relief' ? reliefProgressOfLabel(item.stageLabel) : null
  if (exact) return exact
  const steps = KIND_STEPS[item.kind]
  return { steps, ...stateProgress(item.state, steps.length) }
}

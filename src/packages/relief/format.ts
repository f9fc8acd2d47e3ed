/**
 * 帮扶救助 display helpers (pure: no Taro, testable in node): the draft's time, a stage's chip tone, and the
 * applicant's progress bar (提交 → 初审 → 复核 → 公示 → 发放). Money and dates in general are in src/utils.
 */
import { PUBLICITY_ENDED_LABEL, RELIEF_STAGES, type ReliefStage } from '@contract/relief/labels'
import type { Tone } from '../../components/StageChip'
import { dayjs } from '../../utils/date'

/** 11月23日 14:05 (this year) / 2025年11月23日 14:05 */
export function shortDateTime(iso: string, now: number = Date.now()): string {
  const d = dayjs(iso)
  return d.year() === dayjs(now).year() ? d.format('M月D日 HH:mm') : d.format('YYYY年M月D日 HH:mm')
}

/** A stage's chip tone: the colour says who is to act. */
export function stageTone(stage: ReliefStage): Tone {
  switch (stage) {
    case 'draft':
      return 'draft'
    case 'returned':
      return 'action'
    case 'base_review':
    case 'district_review':
      return 'progress'
    case 'approved':
    case 'publicity':
      return 'success'
    case 'paid':
      return 'done'
    case 'rejected':
      return 'danger'
    case 'withdrawn':
      return 'muted'
  }
}

/** The happy path as the applicant sees it (the progress bar of the detail page and of 我的申请's relief cards). */
export const RELIEF_PROGRESS = ['提交', '初审', '复核', '公示', '发放'] as const

/**
 * How far along the progress bar an application is: the index of the current step (0-based), and whether the
 * path ended early (rejected / withdrawn). A returned case is back at 初审 waiting for the applicant.
 */
export function reliefProgress(stage: ReliefStage): { current: number; ended: boolean } {
  switch (stage) {
    case 'draft':
      return { current: 0, ended: false }
    case 'base_review':
    case 'returned':
      return { current: 1, ended: false }
    case 'district_review':
      return { current: 2, ended: false }
    case 'approved':
    case 'publicity':
      return { current: 3, ended: false }
    case 'paid':
      return { current: 5, ended: false }
    case 'rejected':
    case 'withdrawn':
      return { current: -1, ended: true }
  }
}

/** A relief stage from the words 我的申请 shows for it (its `stageLabel`), null when the words are not relief's. */
export function reliefStageOfLabel(label: string): ReliefStage | null {
  if (label === PUBLICITY_ENDED_LABEL) return 'publicity'
  return (Object.keys(RELIEF_STAGES) as ReliefStage[]).find((k) => RELIEF_STAGES[k] === label) ?? null
}

/**
 * 帮扶救助 display helpers (pure: no Taro, testable in node). Money, dates, stage chips and the progress bar.
 */
import type { ApplicationState } from '@contract/applications/labels'
import type { ReliefStage } from '@contract/relief/labels'
import { dayjs } from '../../utils/date'

/** ¥3,000 (whole yuan) / ¥1,234.5 (form money keeps its decimals). */
export function yuanText(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—'
  const [int, dec] = String(Math.abs(amount)).split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${amount < 0 ? '-' : ''}¥${grouped}${dec ? `.${dec}` : ''}`
}

/** 预计 11月26日（周三）前完成 — or, when past: 已超过预计时间（11月26日） */
export function expectedText(iso: string | null | undefined, now: number = Date.now()): string | null {
  if (!iso) return null
  const d = dayjs(iso)
  if (d.valueOf() < now) return `已超过预计时间（${d.format('M月D日')}），请耐心等待`
  return `预计 ${d.format('M月D日（ddd）')}前完成`
}

/** 11月23日 14:05 (this year) / 2025年11月23日 14:05 */
export { waitingText } from '../../utils/date'

export function shortDateTime(iso: string, now: number = Date.now()): string {
  const d = dayjs(iso)
  return d.year() === dayjs(now).year() ? d.format('M月D日 HH:mm') : d.format('YYYY年M月D日 HH:mm')
}


/** 1.2 MB / 350 KB */
export function fileSizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** Tone of a stage chip: the colour says who is to act. */
export type Tone = 'draft' | 'progress' | 'action' | 'success' | 'done' | 'danger' | 'muted'

export const STATE_TONE: Record<ApplicationState, Tone> = {
  draft: 'draft',
  in_review: 'progress',
  action_required: 'action',
  approved: 'success',
  completed: 'done',
  rejected: 'danger',
  withdrawn: 'muted',
}

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

/** The happy path as the applicant sees it (the progress bar of 我的申请 and the detail page). */
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

/** Progress for any kind of application in 我的申请, from its capability-neutral state. */
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

/**
 * Relief's public face to the rest of the app: what other packages may use of it (they never import relief's files
 * directly). 我的申请 draws a relief card's progress bar with relief's own steps.
 */
import type { ReliefStage } from '@contract/relief/labels'
import { RELIEF_PROGRESS, reliefProgress, reliefStageOfLabel } from './format'

export { RELIEF_PROGRESS }

/** A relief application's progress bar from the stage words 我的申请 has for it; null when they are not relief's. */
export function reliefProgressOfLabel(stageLabel: string): { steps: readonly string[]; current: number; ended: boolean } | null {
  const stage: ReliefStage | null = reliefStageOfLabel(stageLabel)
  return stage ? { steps: RELIEF_PROGRESS, ...reliefProgress(stage) } : null
}

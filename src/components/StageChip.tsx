/** The stage of an application or case as a coloured chip (styles in src/styles/status.css). */
import { Text } from '@tarojs/components'

/** Tone of a stage chip: the colour says who is to act. */
export type Tone = 'draft' | 'progress' | 'action' | 'success' | 'done' | 'danger' | 'muted'

export function StageChip({ tone, label, className }: { tone: Tone; label: string; className?: string }) {
  return (
    <Text className={`chip ${className ?? ''}`} data-tone={tone}>
      {label}
    </Text>
  )
}

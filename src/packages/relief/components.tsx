/** Small pieces shared by the relief pages: stage chip, progress bar, timeline. */
import { Text, View } from '@tarojs/components'
import { RELIEF_PROGRESS, type Tone } from './format'
import { Timeline as TimelineList, type TimelineItem } from '../../components/Timeline'

export function StageChip({ tone, label, className }: { tone: Tone; label: string; className?: string }) {
  return (
    <Text className={`chip ${className ?? ''}`} data-tone={tone}>
      {label}
    </Text>
  )
}

/** 提交 → 初审 → 复核 → 公示 → 发放; `current` = index of the step under way (steps before it are done). */
export function Progress({ current, ended, steps = RELIEF_PROGRESS }: { current: number; ended: boolean; steps?: readonly string[] }) {
  if (ended) return null
  return (
    <View className='progress' aria-label={`进度：${steps[Math.min(current, steps.length - 1)] ?? ''}`}>
      {steps.map((s, i) => (
        <View key={s} className='progress-step' data-state={i < current ? 'done' : i === current ? 'current' : 'todo'}>
          <View className='progress-dot' />
          <Text>{s}</Text>
        </View>
      ))}
    </View>
  )
}

/** Newest first: the applicant looks for what happened last. */
export function Timeline({ items }: { items: readonly TimelineItem[] }) {
  return <TimelineList items={[...items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))} />
}

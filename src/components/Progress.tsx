/** A process as a row of steps (提交 → 审核 → …), styles in src/styles/status.css. */
import { Text, View } from '@tarojs/components'

/** `current` = index of the step under way (steps before it are done); `ended`: the path stopped early, no bar. */
export function Progress({ steps, current, ended }: { steps: readonly string[]; current: number; ended: boolean }) {
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

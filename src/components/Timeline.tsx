import { Text, View } from '@tarojs/components'
import { formatDateTime } from '../utils/date'

/** One step of a case's history (relief applications; the shape every timeline of the contract shares). */
export interface TimelineItem {
  at: string
  title: string
  note: string | null
  by?: string | null
}

/**
 * A case's history as a vertical timeline, in the order given — or `newestFirst` (an applicant looks for what
 * happened last).
 */
export function Timeline({ items, newestFirst }: { items: readonly TimelineItem[]; newestFirst?: boolean }) {
  const shown = newestFirst ? [...items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)) : items
  return (
    <View className='timeline'>
      {shown.map((t, i) => (
        <View key={`${t.at}-${i}`} className='timeline-item'>
          <Text className='timeline-title'>{t.title}</Text>
          <Text className='timeline-time'>
            {formatDateTime(t.at)}
            {t.by ? ` · ${t.by}` : ''}
          </Text>
          {t.note ? <Text className='timeline-note'>{t.note}</Text> : null}
        </View>
      ))}
    </View>
  )
}

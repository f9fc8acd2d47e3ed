/** Small shared pieces of the events pages. */
import { Text, View } from '@tarojs/components'
import type { Ranking } from '@contract/events/schemas'
import { EVENT_KINDS, EVENT_PHASES, registrationStatusText, type EventPhase, type RegistrationStatus, type EventKind } from '@contract/events/labels'

export function KindTag({ kind }: { kind: EventKind }) {
  return <Text className='tag kind-tag'>{EVENT_KINDS[kind]}</Text>
}

export function PhaseTag({ phase }: { phase: EventPhase }) {
  return (
    <Text className='tag phase-tag' data-phase={phase}>
      {EVENT_PHASES[phase]}
    </Text>
  )
}

export function StatusBadge({ status, position }: { status: RegistrationStatus; position?: number | null }) {
  return (
    <Text className='reg-status' data-status={status}>
      {registrationStatusText(status, position)}
    </Text>
  )
}

/** 排名: place, name (the team's for a team event) and score; `markMine` marks the member's own entry with （我）. */
export function RankingCard({ ranking, markMine }: { ranking: Ranking; markMine?: boolean }) {
  return (
    <View className='card ranking-card'>
      <Text className='section-title'>排名</Text>
      {ranking.items.map((it) => (
        <View key={it.registrationId} className='ranking-row' data-mine={markMine ? (it.mine ? 'true' : 'false') : undefined}>
          <Text className='ranking-place'>第 {it.rank} 名</Text>
          <Text className='ranking-name'>
            {it.teamName ?? it.name}
            {markMine && it.mine ? '（我）' : ''}
          </Text>
          <Text>
            {it.score} {ranking.scoreUnit}
          </Text>
        </View>
      ))}
    </View>
  )
}

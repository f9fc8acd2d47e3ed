/** Small shared pieces of the events pages. */
import { Text } from '@tarojs/components'
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

/** Small shared pieces of the events pages. */
import { Text, View } from '@tarojs/components'
import { EVENT_KINDS, EVENT_PHASES, registrationStatusText, type EventPhase, type RegistrationStatus, type EventKind } from '@contract/events/labels'

export function Chips<T extends string>({
  options,
  value,
  onChange,
  className,
}: {
  options: { value: T | undefined; label: string }[]
  value: T | undefined
  onChange: (v: T | undefined) => void
  className?: string
}) {
  return (
    <View className={`chips ${className ?? ''}`} role='radiogroup'>
      {options.map((o) => {
        const active = o.value === value
        return (
          <View
            key={o.label}
            className='chip'
            role='radio'
            aria-checked={active}
            data-active={active ? 'true' : 'false'}
            onClick={() => onChange(o.value)}
          >
            {o.label}
          </View>
        )
      })}
    </View>
  )
}

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

export function Row({ k, v, className }: { k: string; v: string; className?: string }) {
  return (
    <View className='kv'>
      <Text className='kv-key'>{k}</Text>
      <Text className={`kv-value ${className ?? ''}`}>{v}</Text>
    </View>
  )
}

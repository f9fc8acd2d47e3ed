/**
 * A row of choices (single or multiple), keyboard- and screen-reader friendly: the one chip row of the app.
 * `variant` keeps each page's look: 'chip' (filters: .chips/.chip, data-active) or 'choice' (forms: .choices/.choice,
 * .choice-active, plus `choice-<value>` for tests and styles).
 */
import { View } from '@tarojs/components'
import { focusable } from '../utils/a11y'

export interface ChipOption<T> {
  value: T
  label: string
}

interface Common<T> {
  options: readonly ChipOption<T>[]
  variant?: 'chip' | 'choice'
  className?: string
  /** Extra class per option, e.g. `kind` → `kind-movie` (defaults to `choice-<value>` for the choice variant). */
  optionClass?: (value: T) => string
  disabled?: boolean
  /** The group's name for screen readers (e.g. 活动类型). */
  label?: string
}

type Single<T> = Common<T> & { multi?: false; value: T; onChange: (v: T) => void }
type Multi<T> = Common<T> & { multi: true; value: readonly T[]; onChange: (v: T) => void }

export function Chips<T extends string | number | undefined>(props: Single<T> | Multi<T>) {
  const { options, variant = 'chip', className, optionClass, disabled, label } = props
  const on = (v: T) => (props.multi ? props.value.includes(v) : props.value === v)
  const group = variant === 'chip' ? 'chips' : 'choices'
  return (
    // The filter row scrolls sideways: focusable, so a keyboard can scroll it (axe: scrollable-region-focusable).
    <View
      className={`${group} ${className ?? ''}`}
      role={props.multi ? 'group' : 'radiogroup'}
      ariaLabel={label}
      {...(variant === 'chip' ? focusable : {})}
    >
      {options.map((o) => {
        const active = on(o.value)
        const extra = optionClass ? optionClass(o.value) : variant === 'choice' ? `choice-${String(o.value)}` : ''
        return (
          <View
            key={`${String(o.value)}-${o.label}`}
            className={`${variant} ${extra}${variant === 'choice' && active ? ' choice-active' : ''}`}
            role={props.multi ? 'checkbox' : 'radio'}
            aria-checked={active}
            aria-disabled={disabled || undefined}
            data-active={active ? 'true' : 'false'}
            onClick={() => !disabled && props.onChange(o.value)}
          >
            {o.label}
          </View>
        )
      })}
    </View>
  )
}

/** Options from a key list and its labels (the contract's `…_KEYS` and label tables). */
export function optionsOf<K extends string>(keys: readonly K[], labels: Record<K, string>): ChipOption<K>[] {
  return keys.map((k) => ({ value: k, label: labels[k] }))
}

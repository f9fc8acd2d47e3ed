/** The small controls of the aid-type editor: a labelled line or area of text, a check row, and move/remove buttons. */
import type { ReactNode } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { FieldError } from '../../../components/FieldError'

interface LineProps {
  /** `.field-<name>` on the wrapper (tests and styles find the field by it). */
  name: string
  label: string
  value: string
  onInput: (v: string) => void
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  error?: string
  hint?: string
  maxlength?: number
}

/** One labelled line of text, its hint, and the message beside it. */
export function LineField({ name, label, value, onInput, placeholder, type = 'text', error, hint, maxlength }: LineProps) {
  return (
    <View className={`form-field field-${name}`}>
      <Text className='form-label'>{label}</Text>
      <Input
        className='form-input'
        type={type}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength ?? 140}
        aria-label={label}
        onInput={(e) => onInput(e.detail.value)}
      />
      {hint ? <Text className='form-hint'>{hint}</Text> : null}
      <FieldError message={error} />
    </View>
  )
}

/** Several lines of text. */
export function AreaField({ name, label, value, onInput, placeholder, error, hint, maxlength }: Omit<LineProps, 'type'>) {
  return (
    <View className={`form-field field-${name}`}>
      <Text className='form-label'>{label}</Text>
      <Textarea className='form-textarea' value={value} placeholder={placeholder} maxlength={maxlength ?? 1000} aria-label={label} onInput={(e) => onInput(e.detail.value)} />
      {hint ? <Text className='form-hint'>{hint}</Text> : null}
      <FieldError message={error} />
    </View>
  )
}

/** A whole-row check (≥ 88px tall): on/off, or on and locked with the reason in `hint`. */
export function Check({ checked, onToggle, children, locked, className }: { checked: boolean; onToggle: () => void; children: ReactNode; locked?: boolean; className?: string }) {
  return (
    <View
      className={`check-row aid-check ${className ?? ''}`}
      role='checkbox'
      aria-checked={checked}
      aria-disabled={locked || undefined}
      onClick={locked ? undefined : onToggle}
    >
      <View className='checkbox' data-checked={checked ? 'true' : 'false'}>
        {checked ? '✓' : ''}
      </View>
      <Text className='check-text'>{children}</Text>
    </View>
  )
}

/** 上移 / 下移 / 删除 of one item of a list, each with its accessible name (“上移：出院小结”). */
export function ItemActions({ what, first, last, onMove, onRemove, removable = true }: { what: string; first: boolean; last: boolean; onMove: (by: -1 | 1) => void; onRemove: () => void; removable?: boolean }) {
  return (
    <View className='item-actions'>
      {first ? null : (
        <View className='item-action move-up' role='button' aria-label={`上移：${what}`} onClick={() => onMove(-1)}>
          上移
        </View>
      )}
      {last ? null : (
        <View className='item-action move-down' role='button' aria-label={`下移：${what}`} onClick={() => onMove(1)}>
          下移
        </View>
      )}
      {removable ? (
        <View className='item-action item-remove' role='button' aria-label={`删除：${what}`} onClick={onRemove}>
          删除
        </View>
      ) : null}
    </View>
  )
}

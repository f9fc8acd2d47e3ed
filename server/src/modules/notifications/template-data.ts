/**
 * A notification → the `data` of a subscription message. WeChat refuses a field longer than its keyword type allows
 * (47003), and counts in characters, not bytes: values are cut by Unicode code points (a Chinese character is one),
 * a `thing` to 19 characters + … (20 in all).
 */
import {
  KIND_STATUS,
  type NotificationKind,
  SUBSCRIBE_TEMPLATES,
  type SubscribeTemplateKey,
  type TemplateFieldType,
  type TemplateSource,
} from '@contract/notifications/labels'
import { chinaTime } from '../../time'

/** Characters allowed per keyword type; `ellipsis` types end a cut value with … (inside the limit). */
const LIMITS: Record<TemplateFieldType, { max: number; ellipsis: boolean }> = {
  thing: { max: 20, ellipsis: true },
  phrase: { max: 5, ellipsis: false },
  name: { max: 10, ellipsis: false },
  number: { max: 32, ellipsis: false },
  letter: { max: 32, ellipsis: false },
  symbol: { max: 5, ellipsis: false },
  character_string: { max: 32, ellipsis: false },
  phone_number: { max: 17, ellipsis: false },
  car_number: { max: 8, ellipsis: false },
  time: { max: 32, ellipsis: false },
  date: { max: 32, ellipsis: false },
  amount: { max: 32, ellipsis: false },
}

/** The keyword type of a field name: thing1 → thing, character_string2 → character_string. */
export function fieldType(field: string): TemplateFieldType {
  const type = field.replace(/\d+$/, '') as TemplateFieldType
  if (!(type in LIMITS)) throw new Error(`unknown subscription template keyword type: ${field}`)
  return type
}

/** `value` within the limit of keyword `type`, cut by characters (never inside a character). */
export function fitField(type: TemplateFieldType, value: string): string {
  const { max, ellipsis } = LIMITS[type]
  const chars = Array.from(value.replace(/\s+/g, ' ').trim())
  if (chars.length === 0) return type === 'phrase' ? '无' : '-'
  if (chars.length <= max) return chars.join('')
  return ellipsis ? chars.slice(0, max - 1).join('') + '…' : chars.slice(0, max).join('')
}

export interface TemplateInput {
  kind: NotificationKind
  title: string
  body: string
  createdAt: Date
  /** The outcome word for a `phrase` field (default: KIND_STATUS of the kind, else the title). */
  status?: string
}

export function templateData(key: SubscribeTemplateKey, input: TemplateInput): Record<string, { value: string }> {
  const source = (s: TemplateSource): string => {
    switch (s) {
      case 'title':
        return input.title
      case 'body':
        return input.body
      case 'time':
        return chinaTime(input.createdAt.getTime())
      case 'status':
        return input.status ?? KIND_STATUS[input.kind] ?? input.title
    }
  }
  const data: Record<string, { value: string }> = {}
  for (const [field, from] of Object.entries(SUBSCRIBE_TEMPLATES[key].fields) as [string, TemplateSource][]) {
    data[field] = { value: fitField(fieldType(field), source(from)) }
  }
  return data
}

/** WeChat's `page`: the app path without the leading slash (query kept). */
export const wechatPage = (link: string | null): string | null => (link ? link.replace(/^\/+/, '') : null)

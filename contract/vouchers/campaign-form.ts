/**
 * 新建福利活动's form, shared by the mini-program (vouchers-staff/campaign-new) and the office console
 * (admin/src/pages/campaigns): its state as typed (strings, as the inputs hold them — also the draft kept on the
 * device or in the browser), a fresh form, and the step from the form to the contract's CampaignInput with one
 * Chinese message per field (dot path, as the server's `fields`). Neither Taro nor dayjs: times are "YYYY-MM-DD HH:mm"
 * in the device's local time.
 */
import { CampaignInput, type Campaign } from './schemas'
import type { CampaignKind, CampaignMode, LimitPeriod } from './labels'
import type { EditStage } from './edit-rules'

export interface VenueForm {
  /** An existing registry venue (picked from the list; name and address shown read-only); null: a new venue. */
  venueId: number | null
  name: string
  address: string
  lat: string
  lng: string
  /** 分场馆库存: this venue's number of vouchers (used only when the stock is split per venue). */
  stock: string
}

export interface FormState {
  kind: CampaignKind | ''
  mode: CampaignMode
  title: string
  rules: string
  venues: VenueForm[]
  totalStock: string
  /** 按场馆分配数量 (first come only): each venue gets its own number and the total is their sum. */
  split: boolean
  opensAt: string
  closesAt: string
  voucherValidDays: string
  limitCount: string
  limitPeriod: LimitPeriod
  orgId: number | null
  /** 编辑活动 only: what the form has no input for, sent back as the campaign has it (absent: the schema's default). */
  keep?: { eligibleEmploymentTypes: Campaign['eligibleEmploymentTypes']; confirmHours?: number }
}

/** How the form writes a time (the device's local time). */
export const TIME_FORMAT = 'YYYY-MM-DD HH:mm'

export const emptyVenue = (): VenueForm => ({ venueId: null, name: '', address: '', lat: '', lng: '', stock: '' })
export const isBlank = (v: VenueForm) => v.venueId === null && !v.name.trim() && !v.address.trim() && !v.lat.trim() && !v.lng.trim()

/** The venues' numbers added up (blank or not-a-number counts 0). */
export function venueSum(venues: readonly VenueForm[]): number {
  return venues.reduce((t, v) => t + (/^\d+$/.test((v.stock ?? '').trim()) ? Number(v.stock.trim()) : 0), 0)
}

/** A draft saved before venues could be split lacks the new fields. */
export function fromDraft(saved: FormState): FormState {
  return { ...saved, split: saved.split === true, venues: saved.venues.map((v) => ({ ...v, venueId: v.venueId ?? null, stock: v.stock ?? '' })) }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A local time as the form writes it: 2026-01-31 10:00. */
export function formatLocal(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A fresh form: opening tomorrow at 10:00 for a week, 100 vouchers valid 30 days, one a month per member. */
export function initialForm(orgId: number | null, now: Date = new Date()): FormState {
  const opens = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 10, 0)
  const closes = new Date(opens.getFullYear(), opens.getMonth(), opens.getDate() + 7, 10, 0)
  return {
    kind: '',
    mode: 'first_come',
    title: '',
    rules: '',
    venues: [emptyVenue()],
    totalStock: '100',
    split: false,
    opensAt: formatLocal(opens),
    closesAt: formatLocal(closes),
    voucherValidDays: '30',
    limitCount: '1',
    limitPeriod: 'calendar_month',
    orgId,
  }
}

/** 编辑活动: the form filled from a published campaign (venues as picked registry venues, times in local time). */
export function fromCampaign(c: Campaign): FormState {
  const split = c.venueStock !== null
  const stockOf = (id: number) => c.venueStock?.find((v) => v.venueId === id)?.stock
  return {
    kind: c.kind,
    mode: c.mode,
    title: c.title,
    rules: c.rules,
    venues: c.venues.map((v) => ({
      venueId: v.id,
      name: v.name,
      address: v.address,
      lat: String(v.lat),
      lng: String(v.lng),
      stock: split ? String(stockOf(v.id) ?? '') : '',
    })),
    totalStock: String(c.totalStock),
    split,
    opensAt: formatLocal(new Date(c.opensAt)),
    closesAt: formatLocal(new Date(c.closesAt)),
    voucherValidDays: String(c.voucherValidDays),
    limitCount: String(c.perMemberLimit.count),
    limitPeriod: c.perMemberLimit.period,
    orgId: c.orgId,
    keep: { eligibleEmploymentTypes: c.eligibleEmploymentTypes, ...(c.lottery ? { confirmHours: c.lottery.confirmHours } : {}) },
  }
}

/** 追加库存 (shared stock): the campaign as it is with `add` more vouchers — what the edit then sends. */
export function withMoreStock(c: Campaign, add: number): FormState {
  const f = fromCampaign(c)
  return { ...f, totalStock: String(c.totalStock + add) }
}

/** Where a campaign stands for editing, by the phase the server gave it. */
export const stageOfPhase = (c: Pick<Campaign, 'phase'>): EditStage =>
  c.phase === 'upcoming' ? 'before_open' : c.phase === 'closed' ? 'closed' : 'open'

/** The form's inputs that are read-only when editing at `stage` (see ./edit-rules.ts; the server refuses the same). */
export type FormKey = 'kind' | 'mode' | 'orgId' | 'venues' | 'split' | 'opensAt' | 'voucherValidDays' | 'limitCount' | 'limitPeriod'
export function lockedInputs(stage: EditStage): ReadonlySet<FormKey> {
  if (stage === 'before_open') return new Set()
  return new Set<FormKey>(['kind', 'mode', 'orgId', 'venues', 'split', 'opensAt', 'voucherValidDays', 'limitCount', 'limitPeriod'])
}

/** "2026-11-24 10:00" (the device's local time) → ISO with its offset, or '' so the schema reports it. */
export function toInstant(v: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2})$/.exec(v.trim())
  if (!m) return ''
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))
  if (Number.isNaN(d.getTime())) return ''
  const off = -d.getTimezoneOffset()
  const sign = off >= 0 ? '+' : '-'
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
}

const hasChinese = (s: string) => /[\u4e00-\u9fa5]/.test(s)

/** The form as the contract's CampaignInput, or a Chinese message per field (dot path, as the server's `fields`). */
export function toCampaignInput(
  f: FormState,
  orgId: number | undefined,
): { ok: true; input: ReturnType<typeof CampaignInput.parse> } | { ok: false; errors: Record<string, string> } {
  // Lottery draws from one pool: no split there.
  const split = f.split && f.mode === 'first_come'
  const parsed = CampaignInput.safeParse({
    kind: f.kind || undefined,
    mode: f.mode,
    title: f.title,
    rules: f.rules,
    orgId: f.orgId ?? orgId,
    venues: f.venues.map((v) => ({
      ...(v.venueId !== null
        ? { venueId: v.venueId }
        : { name: v.name, address: v.address, lat: v.lat.trim() ? Number(v.lat) : undefined, lng: v.lng.trim() ? Number(v.lng) : undefined }),
      ...(split ? { stock: v.stock.trim() ? Number(v.stock) : undefined } : {}),
    })),
    totalStock: split ? venueSum(f.venues) : Number(f.totalStock),
    opensAt: toInstant(f.opensAt),
    closesAt: toInstant(f.closesAt),
    voucherValidDays: Number(f.voucherValidDays),
    perMemberLimit: { count: Number(f.limitCount), period: f.limitPeriod },
    ...(f.keep ?? {}),
  })
  if (parsed.success) return { ok: true, input: parsed.data }
  const e: Record<string, string> = {}
  for (const i of parsed.error.issues) {
    const k = i.path.join('.')
    if (e[k]) continue
    if (/\.(lat|lng)$/.test(k)) e[k] = '请填写经纬度，或点击“使用当前位置”'
    else if (k === 'orgId') e[k] = '请选择发布的工会'
    // The schema's own rule (截止时间须晚于开抢时间) says it; a malformed time gets the format to type.
    else if (k === 'opensAt' || k === 'closesAt') e[k] = i.code === 'custom' ? i.message : '请按“2026-01-31 10:00”的格式填写时间'
    else if (/^venues\.\d+\.stock$/.test(k)) e[k] = hasChinese(i.message) ? i.message : '请填写 1 以上的整数'
    else if (k === 'totalStock' || k === 'voucherValidDays' || k === 'perMemberLimit.count') e[k] = hasChinese(i.message) ? i.message : '请填写 1 以上的整数'
    else e[k] = hasChinese(i.message) ? i.message : '请检查此项'
  }
  return { ok: false, errors: e }
}

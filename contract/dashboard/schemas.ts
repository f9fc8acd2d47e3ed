/**
 * 数据看板 contract: the figures of one union subtree for a date range (China calendar days, both ends included).
 * Every figure is an aggregate computed by the database; money in whole yuan; instants are ISO strings (UTC).
 */
import { z } from 'zod'
import { DASHBOARD_CHART_KEYS, DASHBOARD_MAX_DAYS } from './labels'

const day = z.string({ error: '请选择日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`)

const RangeFields = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  from: day,
  to: day,
})

function checkRange(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  for (const k of ['from', 'to'] as const) {
    const t = dayMs(q[k])
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== q[k]) ctx.addIssue({ code: 'custom', path: [k], message: '日期无效' })
  }
  const span = (dayMs(q.to) - dayMs(q.from)) / 86_400_000
  if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' })
  else if (span >= DASHBOARD_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `时间范围不能超过 ${DASHBOARD_MAX_DAYS} 天` })
}

/** The union (default: the caller's first post) and the range. `to` ≥ `from`, at most DASHBOARD_MAX_DAYS days. */
export const DashboardQuery = RangeFields.superRefine(checkRange)
export type DashboardQuery = z.infer<typeof DashboardQuery>

export const ExportQuery = RangeFields.extend({ chart: z.enum(DASHBOARD_CHART_KEYS, { error: '请选择图表' }).optional() }).superRefine(checkRange)
export type ExportQuery = z.infer<typeof ExportQuery>

/** A labelled count (a bar or a slice). */
export const Count = z.object({ key: z.string(), label: z.string(), count: z.number().int() })
export type Count = z.infer<typeof Count>
const Month = z.object({ month: z.string(), count: z.number().int() })

export const MemberFigures = z.object({
  /** Members whose union is in the subtree, joined by the end of the range. */
  total: z.number().int(),
  /** Joined within the range. */
  newInRange: z.number().int(),
  /** 新就业形态 (every employment type but employee) among `total`, 0..1. */
  newFormsShare: z.number(),
  byMonth: z.array(Month),
  byEmploymentType: z.array(Count),
  /** By the union directly below the chosen one (members of the chosen union itself: key = its id, label 本级). */
  byUnion: z.array(Count),
})

export const JoiningFigures = z.object({
  /** Applications submitted within the range, by their status now. */
  byStatus: z.array(Count),
  /** Median hours from submission to decision, of the decisions made within the range (null: none). */
  medianDecisionHours: z.number().nullable(),
  decidedInRange: z.number().int(),
  /** Waiting for a decision now, and of those past the review promise now. */
  pendingNow: z.number().int(),
  overdueNow: z.number().int(),
})

export const VoucherFigures = z.object({
  /** Vouchers claimed within the range, per campaign of the subtree: used, unused past validity, returned. */
  byCampaign: z.array(z.object({ id: z.number().int(), title: z.string(), issued: z.number().int(), redeemed: z.number().int(), expired: z.number().int(), returned: z.number().int() })),
  /**
   * Per venue of those campaigns: `usable` = vouchers of the range usable there (its campaign names the venue and the
   * voucher is not bound to another venue; returned ones left out); `redeemed` = of those, used there; `rate` 0..1.
   */
  byVenue: z.array(z.object({ id: z.number().int(), name: z.string(), usable: z.number().int(), redeemed: z.number().int(), rate: z.number() })),
})

export const EventFigures = z.object({
  /** Events of the subtree starting within the range. */
  events: z.number().int(),
  /** Registrations that hold a place (pending, confirmed, checked in). */
  registrations: z.number().int(),
  checkedIn: z.number().int(),
  /** Confirmed, not checked in, the event over. */
  noShows: z.number().int(),
  byEvent: z.array(z.object({ id: z.number().int(), title: z.string(), registrations: z.number().int(), checkedIn: z.number().int(), noShows: z.number().int() })),
})

export const ReliefFigures = z.object({
  /** Cases first submitted within the range, by their stage now / by aid type. */
  byStage: z.array(Count),
  byType: z.array(Count),
  /** Per China-time month of the range: amounts approved at 复核 and paid (yuan). */
  amountsByMonth: z.array(z.object({ month: z.string(), approved: z.number().int(), paid: z.number().int() })),
  /** In 初审 or 复核 now past the type's promise. */
  overdueNow: z.number().int(),
})

export const LegalFigures = z.object({
  /** Consultations opened within the range, by status now. */
  byStatus: z.array(Count),
  /** Open, with no first response, past the promise now. */
  overdueNow: z.number().int(),
})

export const StationFigures = z.object({ total: z.number().int(), byStatus: z.array(Count) })

export const Dashboard = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  /** The unions the caller may pick (their posts). */
  posts: z.array(z.object({ id: z.number().int(), name: z.string() })),
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  members: MemberFigures,
  joining: JoiningFigures,
  vouchers: VoucherFigures,
  events: EventFigures,
  relief: ReliefFigures,
  legal: LegalFigures,
  stations: StationFigures,
})
export type Dashboard = z.infer<typeof Dashboard>
export type MemberFigures = z.infer<typeof MemberFigures>
export type JoiningFigures = z.infer<typeof JoiningFigures>
export type VoucherFigures = z.infer<typeof VoucherFigures>
export type EventFigures = z.infer<typeof EventFigures>
export type ReliefFigures = z.infer<typeof ReliefFigures>
export type LegalFigures = z.infer<typeof LegalFigures>
export type StationFigures = z.infer<typeof StationFigures>

export const figures = { query: DashboardQuery, response: Dashboard }
/** An .xlsx file (content-type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet). */
export const exportXlsx = { query: ExportQuery, response: z.unknown() }

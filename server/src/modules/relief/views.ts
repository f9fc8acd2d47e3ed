/** Shared row → view helpers of relief: the summary every list shows, expected times, rounds, links, wording. */
import { eq, inArray } from 'drizzle-orm'
import { PUBLICITY_ENDED_LABEL, RELIEF_STAGES } from '@contract/relief/labels'
import { ruleAmount } from '@contract/relief/rules'
import type { AidTypeConfig, ApplicationSummary } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { reliefRounds, type ReliefApplicationRow } from '../../db/schema/relief'
import { addWorkingDays } from '../calendar'
import { pages } from '@contract/pages'

/** The case's page in the app (messages and 我的申请 link to it). */
export const detailLink = (id: number) => pages.relief.detail.url({ id })

export const nowDate = (deps: AppDeps) => new Date(deps.now())

export const yuan = (n: number) => `¥${n}`

/** 'YYYY-MM-DD HH:mm' in China time. */
export function chinaMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/** What a return asks for, as one line: 请补充：费用明细清单；<note>. */
export function returnText(r: { documents: { name: string }[]; note: string | null } | null): string | null {
  if (!r) return null
  return [r.documents.length > 0 ? `请补充：${r.documents.map((d) => d.name).join('、')}` : null, r.note].filter(Boolean).join('；') || null
}

/** The 公示 rounds of these applications, by id. */
export async function roundMap(tx: DbOrTx, apps: Pick<ReliefApplicationRow, 'roundId'>[]) {
  const ids = [...new Set(apps.map((a) => a.roundId).filter((x): x is number => x !== null))]
  const rows = ids.length ? await tx.select().from(reliefRounds).where(inArray(reliefRounds.id, ids)) : []
  return new Map(rows.map((r) => [r.id, r]))
}

export type Rounds = Map<number, { endsAt: Date }>

export async function orgName(tx: DbOrTx, orgId: number): Promise<string> {
  const [o] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId))
  return o?.name ?? ''
}

/** When the current stage is expected to end: the review deadline, the end of the notice; null otherwise. */
function expectedBy(now: number, app: ReliefApplicationRow, type: AidTypeConfig, rounds: Rounds): string | null {
  if (app.stage === 'base_review') return addWorkingDays(app.stageSince, type.reviewWorkingDays.base).toISOString()
  if (app.stage === 'district_review') return addWorkingDays(app.stageSince, type.reviewWorkingDays.district).toISOString()
  if (app.stage === 'publicity' && app.roundId) {
    const end = rounds.get(app.roundId)?.endsAt
    return end && end.getTime() > now ? end.toISOString() : null
  }
  return null
}

/** The summary of an application every list and view starts from. */
export function summaryOf(now: number, app: ReliefApplicationRow, type: AidTypeConfig, rounds: Rounds): ApplicationSummary {
  const ended = app.stage === 'publicity' && app.roundId !== null && (rounds.get(app.roundId)?.endsAt.getTime() ?? 0) <= now
  return {
    id: app.id,
    typeKey: app.typeKey,
    typeName: type.name,
    stage: app.stage,
    stageLabel: ended ? PUBLICITY_ENDED_LABEL : RELIEF_STAGES[app.stage],
    expectedBy: expectedBy(now, app, type, rounds),
    amount: app.amount ?? (type.amount.kind === 'reviewer_set' ? null : ruleAmount(type.amount, app.fields)),
    createdAt: app.createdAt.toISOString(),
    submittedAt: app.submittedAt?.toISOString() ?? null,
    updatedAt: app.updatedAt.toISOString(),
  }
}
